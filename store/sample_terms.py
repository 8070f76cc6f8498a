"""Vietnamese renderings of the English terms in the reference CSVs, for the sample network.

The reference files (store/data/*.csv) describe topics, 2025 changes and caveats in English; the
sample shows them to Vietnamese press officers, so each term has its Vietnamese form here. The
generator refuses a term missing from these tables rather than guess, so a new CSV row is noticed.
No entry adds a fact the CSV does not state; "verify"/"low" caveats become "cần kiểm chứng".
Topics hold no commas or semicolons: spreadsheets split lists on them.
"""

from __future__ import annotations

TOPICS: dict[str, str] = {
    ".vn domain names": "tên miền .vn", "5G spectrum auctions": "đấu giá tần số 5G",
    "DNS": "DNS", "ICT": "công nghệ thông tin và truyền thông",
    "ICT books": "sách chuyên ngành TT&TT",
    "ICT policy": "chính sách TT&TT", "ICT product quality": "chất lượng sản phẩm CNTT",
    "IP addresses": "địa chỉ IP", "IPv6": "IPv6", "IT": "công nghệ thông tin",
    "IT industry": "công nghiệp CNTT", "ITU/UPU/ASEAN": "ITU/UPU/ASEAN",
    "QoS": "chất lượng dịch vụ", "R&D": "nghiên cứu và phát triển", "VNIX": "VNIX",
    "administration": "hành chính", "administrative procedures": "thủ tục hành chính",
    "administrative reform": "cải cách hành chính", "book distribution": "phát hành sách",
    "broadband": "băng rộng", "broadcasting": "phát thanh - truyền hình", "budget": "ngân sách",
    "civil servant training": "bồi dưỡng công chức", "commune radio": "đài truyền thanh cấp xã",
    "coordination": "điều phối", "cybersecurity": "an ninh mạng",
    "cybersecurity monitoring": "giám sát an toàn không gian mạng",
    "digital content": "nội dung số", "digital economy": "kinh tế số",
    "digital government": "chính phủ số", "digital signatures": "chữ ký số",
    "digital skills": "kỹ năng số", "digital society": "xã hội số",
    "digital tech enterprises": "doanh nghiệp công nghệ số",
    "digital transformation": "chuyển đổi số", "document management": "quản lý văn bản",
    "e-authentication": "xác thực điện tử", "e-books": "sách điện tử",
    "e-commerce delivery": "giao hàng thương mại điện tử",
    "e-commerce logistics": "logistics thương mại điện tử", "e-government": "chính phủ điện tử",
    "e-transactions": "giao dịch điện tử", "education": "giáo dục",
    "electronic identification": "định danh điện tử", "electronics": "điện tử",
    "enforcement": "xử lý vi phạm", "external communication": "truyền thông đối ngoại",
    "forecasting": "dự báo", "foreign information": "thông tin đối ngoại",
    "general news": "tin tổng hợp", "grassroots information": "thông tin cơ sở",
    "incident response": "ứng cứu sự cố", "information security": "an toàn thông tin",
    "inspection": "thanh tra", "interference": "can nhiễu",
    "international cooperation": "hợp tác quốc tế", "internet": "Internet",
    "journalism": "báo chí", "legal": "pháp chế", "legislation drafting": "xây dựng pháp luật",
    "licensing": "cấp phép", "logistics": "logistics", "malware": "mã độc",
    "mic.gov.vn portal": "cổng mic.gov.vn", "ministry communications": "truyền thông của Bộ",
    "national digital platforms": "nền tảng số quốc gia", "national image": "hình ảnh quốc gia",
    "numbering": "kho số viễn thông", "online content": "nội dung trên mạng",
    "online fraud": "lừa đảo trực tuyến", "online games": "trò chơi điện tử trên mạng",
    "organization": "tổ chức bộ máy", "pay TV": "truyền hình trả tiền", "personnel": "cán bộ",
    "phishing": "giả mạo lừa đảo (phishing)", "phishing takedown": "gỡ bỏ trang lừa đảo",
    "planning": "kế hoạch", "policy": "chính sách",
    "policy communication": "truyền thông chính sách",
    "policy publications": "ấn phẩm chính sách", "policy research": "nghiên cứu chính sách",
    "postal codes": "mã bưu chính", "postal services": "dịch vụ bưu chính", "posts": "bưu chính",
    "press": "báo chí", "press licensing": "cấp phép báo chí",
    "press planning": "quy hoạch báo chí",
    "press relations": "quan hệ báo chí", "printing": "in",
    "public administrative service delivery": "chuyển phát hồ sơ dịch vụ hành chính công",
    "public information boards": "bảng tin công cộng", "public investment": "đầu tư công",
    "publishing": "xuất bản", "radio frequency": "tần số vô tuyến điện", "research": "nghiên cứu",
    "research articles": "bài nghiên cứu", "root CA": "chứng thực gốc (Root CA)",
    "rural broadband": "băng rộng nông thôn",
    "secure government communications": "thông tin liên lạc phục vụ cơ quan Đảng và Nhà nước",
    "security ratings": "đánh giá tín nhiệm an toàn", "semiconductors": "bán dẫn",
    "social networks": "mạng xã hội", "software": "phần mềm", "spam": "tin nhắn rác",
    "specialized data network": "mạng truyền số liệu chuyên dùng", "spectrum": "phổ tần số",
    "standards": "tiêu chuẩn", "statistics": "thống kê", "strategy": "chiến lược",
    "subscriber registration": "đăng ký thông tin thuê bao",
    "technical regulations": "quy chuẩn kỹ thuật", "telecom": "viễn thông",
    "telecom subsidies": "hỗ trợ viễn thông công ích",
    "threat intelligence": "thông tin nguy cơ tấn công mạng",
    "trade agreements": "hiệp định thương mại",
    "training": "đào tạo", "universal service": "dịch vụ viễn thông công ích",
    "video conferencing": "hội nghị truyền hình", "vocational education": "giáo dục nghề nghiệp",
    "vulnerability alerts": "cảnh báo lỗ hổng",
    # beats of the press agencies
    "Can Tho / Mekong news": "tin Cần Thơ - Đồng bằng sông Cửu Long", "Da Nang news": "tin Đà Nẵng",
    "English-language news": "tin tiếng Anh", "FDI": "FDI", "HCMC": "TP. Hồ Chí Minh",
    "HCMC TV news": "thời sự truyền hình TP. Hồ Chí Minh", "HCMC news": "tin TP. Hồ Chí Minh",
    "Hanoi": "Hà Nội", "Hanoi news": "tin Hà Nội",
    "ICT (Thông tin và Truyền thông section)": "TT&TT (chuyên mục Thông tin và Truyền thông)",
    "ICT industry": "công nghiệp ICT", "IT parks": "khu công nghệ thông tin tập trung",
    "MIC policy": "chính sách của Bộ TT&TT", "National Assembly": "Quốc hội",
    "Quang Ninh news": "tin Quảng Ninh", "agriculture": "nông nghiệp", "all beats": "mọi lĩnh vực",
    "analysis": "phân tích", "books": "sách", "breaking news": "tin nóng", "business": "kinh doanh",
    "city digital transformation": "chuyển đổi số đô thị", "construction": "xây dựng",
    "consumer": "tiêu dùng", "consumer technology": "công nghệ tiêu dùng",
    "creative industries": "công nghiệp sáng tạo", "cryptography": "mật mã", "culture": "văn hóa",
    "cyber defence": "tác chiến không gian mạng", "cybercrime": "tội phạm mạng",
    "data protection": "bảo vệ dữ liệu", "data protection law": "pháp luật bảo vệ dữ liệu",
    "defence": "quốc phòng", "digital health records": "hồ sơ sức khỏe điện tử",
    "digital learning": "học tập số", "digital life": "đời sống số",
    "digital media": "truyền thông số",
    "digital transformation strategy": "chiến lược chuyển đổi số",
    "e-commerce": "thương mại điện tử",
    "e-health": "y tế số", "e-invoices": "hóa đơn điện tử", "e-waste": "rác thải điện tử",
    "economy": "kinh tế", "edtech": "công nghệ giáo dục",
    "electronics manufacturing": "sản xuất điện tử", "enterprise": "doanh nghiệp",
    "enterprise tech": "công nghệ doanh nghiệp", "environment": "môi trường",
    "external information": "thông tin đối ngoại", "family": "gia đình", "farmers": "nông dân",
    "finance": "tài chính", "fintech": "công nghệ tài chính", "foreign affairs": "ngoại giao",
    "government decisions": "quyết sách của Chính phủ", "health": "y tế", "industry": "công nghiệp",
    "infrastructure": "hạ tầng", "innovation": "đổi mới sáng tạo", "investment": "đầu tư",
    "journalism practice": "nghiệp vụ báo chí", "labour": "lao động",
    "land data": "dữ liệu đất đai",
    "law": "pháp luật",
    "law-making (telecom, e-transactions, press laws)":
        "xây dựng luật (viễn thông / giao dịch điện tử / báo chí)",
    "legal documents": "văn bản pháp luật", "legislation": "lập pháp", "media": "truyền thông",
    "media innovation": "đổi mới truyền thông", "multilingual": "đa ngữ",
    "national TV news": "thời sự truyền hình quốc gia", "national security": "an ninh quốc gia",
    "online safety": "an toàn trên mạng", "photos": "ảnh báo chí",
    "policy feedback": "phản biện chính sách", "political theory": "lý luận chính trị",
    "politics": "chính trị", "press economics": "kinh tế báo chí",
    "press management (from 2025)": "quản lý báo chí (từ 2025)", "products": "sản phẩm công nghệ",
    "provincial digital transformation": "chuyển đổi số địa phương",
    "public opinion": "dư luận xã hội", "public security": "an ninh trật tự", "radio": "phát thanh",
    "radio news": "thời sự phát thanh", "rural affairs": "nông thôn",
    "rural digital transformation": "chuyển đổi số nông thôn",
    "rural digitalisation": "số hóa nông thôn", "science": "khoa học",
    "science policy": "chính sách khoa học", "smart cities": "đô thị thông minh",
    "smart city": "đô thị thông minh", "smart farming": "nông nghiệp thông minh",
    "smart transport": "giao thông thông minh", "society": "xã hội", "startups": "khởi nghiệp",
    "tax digitalisation": "số hóa thuế", "tech investment": "đầu tư công nghệ",
    "technology": "công nghệ", "technology (Nhịp sống số)": "công nghệ (Nhịp sống số)",
    "technology (Số hóa)": "công nghệ (Số hóa)",
    "technology (Sức mạnh số)": "công nghệ (Sức mạnh số)",
    "technology business": "kinh doanh công nghệ", "technology policy": "chính sách công nghệ",
    "trade": "thương mại", "traffic": "giao thông", "transport": "vận tải",
    "urban economy": "kinh tế đô thị", "urban planning": "quy hoạch đô thị",
    "wire news": "tin thông tấn", "women": "phụ nữ", "youth": "thanh niên",
}

#: ministry_units.csv `basis_2023`: why the unit counts as one of the ministry's in 2023.
BASIS_2023: dict[str, str] = {
    "Decree 48/2022/NĐ-CP Art.3":
        "Đơn vị thuộc Bộ Thông tin và Truyền thông theo Điều 3 Nghị định 48/2022/NĐ-CP.",
    "Named among MIC units in the minister's work-assignment decision of 4 Nov 2024 (laodong.vn);"
    " long-standing unit":
        "Đơn vị thuộc Bộ Thông tin và Truyền thông, có tên trong quyết định phân công công tác của "
        "Bộ trưởng ngày 04/11/2024 (laodong.vn); đơn vị hoạt động lâu năm.",
    "Quyết định 26/QĐ-BTTTT (2023)":
        "Đơn vị sự nghiệp thuộc Bộ Thông tin và Truyền thông (Quyết định 26/QĐ-BTTTT năm 2023).",
    "State-owned; MIC was owner representative (not moved to CMSC in 2018)":
        "Doanh nghiệp nhà nước; Bộ Thông tin và Truyền thông là cơ quan đại diện chủ sở hữu "
        "(không chuyển về Ủy ban Quản lý vốn nhà nước tại doanh nghiệp năm 2018).",
    "Unit of Cục ATTT": "Đơn vị thuộc Cục An toàn thông tin.",
    "Unit of Cục ATTT (merged into it in 2019)":
        "Đơn vị thuộc Cục An toàn thông tin (sáp nhập vào Cục năm 2019).",
    'VNNIC documents headed "Bộ Thông tin và Truyền thông"':
        "Đơn vị thuộc Bộ Thông tin và Truyền thông (văn bản của VNNIC ghi cơ quan chủ quản "
        "“Bộ Thông tin và Truyền thông”).",
}

_MOST = "Bộ Khoa học và Công nghệ"
_D55 = "(Nghị định 55/2025/NĐ-CP)"
_MCST = "Chuyển về Bộ Văn hóa, Thể thao và Du lịch (Nghị định 43/2025/NĐ-CP)"
#: ministry_units.csv `status_2025`: what became of the unit in 2025.
STATUS_2025: dict[str, str] = {
    "Absorbed into MOST structure (MOST has its own S&T departments)":
        f"Nhập vào cơ cấu {_MOST} ({_MOST} có các vụ khoa học và công nghệ riêng).",
    "Followed cybersecurity function to Ministry of Public Security in 2025 (verify)":
        "Theo chức năng an toàn thông tin mạng chuyển sang Bộ Công an năm 2025 (cần kiểm chứng).",
    "Function handed to Ministry of Public Security on 2025-02-28, effective 2025-03-01":
        "Chức năng được bàn giao cho Bộ Công an ngày 28/02/2025, có hiệu lực từ 01/03/2025.",
    "Kept as Vụ Bưu chính under Ministry of Science and Technology (Decree 55/2025)":
        f"Giữ nguyên là Vụ Bưu chính thuộc {_MOST} {_D55}.",
    "Kept under MOST (Decree 55/2025)": f"Tiếp tục trực thuộc {_MOST} {_D55}.",
    "MOST has a Thanh tra Bộ": f"{_MOST} có Thanh tra Bộ.",
    "MOST has a Văn phòng Bộ": f"{_MOST} có Văn phòng Bộ.",
    "MOST has a Vụ Hợp tác quốc tế": f"{_MOST} có Vụ Hợp tác quốc tế.",
    "MOST has a Vụ Kế hoạch - Tài chính (Decree 55/2025)":
        f"{_MOST} có Vụ Kế hoạch - Tài chính {_D55}.",
    "MOST has a Vụ Pháp chế": f"{_MOST} có Vụ Pháp chế.",
    "MOST has a Vụ Tổ chức cán bộ": f"{_MOST} có Vụ Tổ chức cán bộ.",
    "MOST: Cục Công nghiệp công nghệ thông tin (Decree 55/2025)":
        f"Thuộc {_MOST}: Cục Công nghiệp công nghệ thông tin {_D55}.",
    "MOST: Vụ Kinh tế và Xã hội số (Decree 55/2025)":
        f"Thuộc {_MOST}: Vụ Kinh tế và Xã hội số {_D55}.",
    "Moved to Ministry of Culture, Sports and Tourism (Decree 43/2025)": f"{_MCST}.",
    "Moved to Ministry of Culture, Sports and Tourism (Decree 43/2025/NĐ-CP)": f"{_MCST}.",
    "Moved to Ministry of Culture, Sports and Tourism (Decree 43/2025); reportedly combined with "
    "Cục TTĐN there":
        f"{_MCST}; theo báo chí, được hợp nhất với Cục Thông tin đối ngoại tại Bộ này.",
    "Reorganised after merger into MOST (verify)":
        f"Được tổ chức lại sau khi hợp nhất vào {_MOST} (cần kiểm chứng).",
    "Reportedly merged into Nhà xuất bản Khoa học - Công nghệ - Truyền thông under MOST "
    "(low; verify)":
        "Theo thông tin chưa kiểm chứng, đã hợp nhất vào Nhà xuất bản Khoa học - Công nghệ - "
        f"Truyền thông thuộc {_MOST} (độ tin cậy thấp, cần kiểm chứng).",
    "Transferred to Ministry of Ethnic and Religious Affairs (Bộ Dân tộc và Tôn giáo) in 2025":
        "Chuyển về Bộ Dân tộc và Tôn giáo năm 2025.",
    "Under MOST (2025 circular 17/2025/TT-BKHCN; root certificate reissued in MOST name Nov 2025)":
        f"Trực thuộc {_MOST} (Thông tư 17/2025/TT-BKHCN; chứng thư số gốc được cấp lại mang tên "
        "Bộ KH&CN tháng 11/2025).",
    "Under MOST (per public unit lists; verify)":
        f"Trực thuộc {_MOST} (theo danh sách đơn vị công bố; cần kiểm chứng).",
    "verify": "Chưa rõ, cần kiểm chứng.",
}

#: `notes` columns of the CSVs (ministry units, press agencies, provinces' department notes).
NOTES: dict[str, str] = {
    "2025 combination per press reports (medium)":
        "Việc hợp nhất năm 2025 theo thông tin báo chí (độ tin cậy trung bình).",
    "Absorbed Báo Bưu điện Việt Nam (publication kept; Infonet) and ICTnews brand":
        "Đã tiếp nhận Báo Bưu điện Việt Nam (giữ ấn phẩm; Infonet) và thương hiệu ICTnews.",
    "Announced the ICT-sector communication network on 2023-11-24 (baochinhphu.vn)":
        "Công bố thành lập Mạng lưới truyền thông ngành TT&TT ngày 24/11/2023 (baochinhphu.vn).",
    "English name is a translation (low); kind=education":
        "Tên tiếng Anh là bản dịch (độ tin cậy thấp). Loại hình: cơ sở đào tạo.",
    "English name medium confidence": "Tên tiếng Anh: độ tin cậy trung bình.",
    "Renamed from Cục Tin học hóa in 2022; English name medium confidence":
        "Đổi tên từ Cục Tin học hóa năm 2022; tên tiếng Anh: độ tin cậy trung bình.",
    "VNPT and MobiFone are NOT under the ministry (moved to CMSC in 2018)":
        "VNPT và MobiFone không thuộc Bộ (đã chuyển về Ủy ban Quản lý vốn nhà nước tại doanh "
        "nghiệp năm 2018).",
    "Vietnamese name inferred from English report + later unit lists; kind=education; website "
    "vcic.edu.vn (per third-party code)":
        "Tên tiếng Việt suy ra từ bản tin tiếng Anh và các danh sách đơn vị sau này. Loại hình: "
        "cơ sở đào tạo. Trang web vcic.edu.vn (theo nguồn thứ ba, chưa kiểm chứng).",
    "kind=education (university)": "Loại hình: cơ sở đào tạo (đại học).",
    "kind=fund": "Loại hình: quỹ.",
    "kind=inspectorate": "Loại hình: thanh tra.",
    "kind=office": "Loại hình: văn phòng.",
    "kind=publisher": "Loại hình: nhà xuất bản.",
    "website ictvietnam.vn": "Trang web ictvietnam.vn.",
    "Also publishes VietnamPlus, Báo Tin tức, Vietnam News":
        "Cũng xuất bản VietnamPlus, Báo Tin tức, Vietnam News.",
    "Converted from a newspaper to a magazine (verify kind)":
        "Đã chuyển từ báo sang tạp chí (cần kiểm chứng loại hình).",
    "Domain and masthead: verify": "Tên miền và măng-sét: cần kiểm chứng.",
    "Domain may have changed": "Tên miền có thể đã thay đổi.",
    "English edition Vietnam Investment Review (vir.com.vn); governing ministry changed in 2025 "
    "(MPI merged into Ministry of Finance)":
        "Ấn phẩm tiếng Anh Vietnam Investment Review (vir.com.vn); cơ quan chủ quản thay đổi năm "
        "2025 (Bộ Kế hoạch và Đầu tư hợp nhất vào Bộ Tài chính).",
    "Former Báo Bưu điện Việt Nam, merged into VietNamNet; now a publication, not a separate press "
    "agency":
        "Trước đây là Báo Bưu điện Việt Nam, đã sáp nhập vào VietNamNet; nay là một ấn phẩm, "
        "không còn là cơ quan báo chí riêng.",
    "Former e-paper of Báo Bưu điện Việt Nam; brand folded into VietNamNet (exact URL may change)":
        "Trước đây là báo điện tử của Báo Bưu điện Việt Nam; thương hiệu nhập vào VietNamNet "
        "(địa chỉ trang có thể thay đổi).",
    "Formerly Thời báo Kinh tế Việt Nam": "Trước đây là Thời báo Kinh tế Việt Nam.",
    "Governing body uncertain (city-level authority); verify":
        "Cơ quan chủ quản chưa chắc chắn (cơ quan cấp thành phố); cần kiểm chứng.",
    "Governing body: medium confidence (historically Liên đoàn Lao động TP.HCM)":
        "Cơ quan chủ quản: độ tin cậy trung bình (trước đây là Liên đoàn Lao động TP.HCM).",
    "Governing body: verify": "Cơ quan chủ quản: cần kiểm chứng.",
    "Hanoi press bodies restructured in 2025 (verify)":
        "Các cơ quan báo chí của Hà Nội được sắp xếp lại năm 2025 (cần kiểm chứng).",
    "MOLISA merged into Ministry of Home Affairs on 2025-03-01; governing body changed accordingly "
    "(verify)":
        "Bộ Lao động - Thương binh và Xã hội hợp nhất vào Bộ Nội vụ từ 01/03/2025; cơ quan chủ "
        "quản thay đổi theo (cần kiểm chứng).",
    "Merged with Báo Nông nghiệp Việt Nam in 2025 (verify)":
        "Hợp nhất với Báo Nông nghiệp Việt Nam năm 2025 (cần kiểm chứng).",
    "Ministry of Transport merged into Ministry of Construction in 2025 (verify successor)":
        "Bộ Giao thông vận tải hợp nhất vào Bộ Xây dựng năm 2025 (cần kiểm chứng đơn vị kế thừa).",
    "Moved to Bộ Dân tộc và Tôn giáo in 2025": "Chuyển về Bộ Dân tộc và Tôn giáo năm 2025.",
    "Planned merger with Can Tho radio-TV reported Jan 2025":
        "Tháng 1/2025 báo chí đưa tin dự kiến hợp nhất với Đài Phát thanh và Truyền hình Cần Thơ.",
    "Provincial press merged into media centres in 2025 (verify)":
        "Báo chí cấp tỉnh được hợp nhất thành các trung tâm truyền thông năm 2025 "
        "(cần kiểm chứng).",
    "Rebranded several times (Zing News → Znews → Tri thức - Znews); verify current masthead":
        "Đã đổi thương hiệu nhiều lần (Zing News → Znews → Tri thức - Znews); cần kiểm chứng "
        "măng-sét hiện tại.",
    "Reported the 2023-11-24 network launch": "Đưa tin lễ ra mắt Mạng lưới ngày 24/11/2023.",
    "Restructured in 2025 (verify)": "Được sắp xếp lại năm 2025 (cần kiểm chứng).",
    "Restructured in 2025 press reorganisation (verify)":
        "Được sắp xếp lại trong đợt sắp xếp báo chí năm 2025 (cần kiểm chứng).",
    "Still under MOST after the 2025 merger (Decree 55/2025)":
        f"Vẫn thuộc {_MOST} sau đợt hợp nhất năm 2025 {_D55}.",
    "VOV merged its online newspapers in March 2025 (press reports)":
        "VOV hợp nhất các báo điện tử của mình tháng 3/2025 (theo báo chí).",
    "VTC moved from MIC to VOV in 2015": "VTC chuyển từ Bộ TT&TT về VOV năm 2015.",
    "Became Thành phố Huế (centrally-run city) on 2025-01-01; same code 46":
        "Từ 01/01/2025 trở thành Thành phố Huế (thành phố trực thuộc trung ương), giữ mã 46.",
    "Bạc Liêu merged its Sở TT&TT into a combined Sở Văn hóa, Thông tin, Thể thao và Du lịch from "
    "2019-01-01; Sở TT&TT re-established 2023-03-15":
        "Bạc Liêu nhập Sở TT&TT vào Sở Văn hóa, Thông tin, Thể thao và Du lịch từ 01/01/2019; "
        "Sở TT&TT được tái lập ngày 15/03/2023.",
}

#: press_agencies.csv `kind` parts.
PRESS_KINDS = {
    "print": "báo in", "online": "báo điện tử", "magazine": "tạp chí",
    "news agency": "hãng thông tấn", "TV": "truyền hình", "radio": "phát thanh",
}
CONFIDENCE = {"medium": "trung bình", "low": "thấp"}
#: Spellings in press_agencies.csv `scope` that the province finder does not know.
PROVINCE_ALIASES = {"TP.HCM": "Hồ Chí Minh"}
