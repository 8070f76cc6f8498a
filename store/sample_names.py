"""Word lists the sample generator draws fictional people from (names, titles, consent sources).

Family names carry rough population shares (Nguyễn about 38 %, Trần 11 %, Lê 9.5 % …), so a list
of a few hundred people looks like a real Vietnamese directory. Hoàng/Huỳnh and Vũ/Võ are the same
names in northern and southern usage; the generator picks the southern form more often in the south.
"""

from __future__ import annotations

#: (family name, weight in per mille of the population, roughly).
FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 50),
    ("Phan", 45),
    ("Vũ", 39),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Đinh", 8),
    ("Lý", 5),
    ("Trịnh", 6),
    ("Đoàn", 6),
    ("Lương", 5),
    ("Mai", 5),
    ("Hà", 5),
    ("Cao", 4),
    ("Lâm", 3),
    ("Tạ", 3),
    ("Chu", 2),
    ("Tô", 2),
    ("Quách", 1),
)
#: People per batch of family names drawn at exactly their shares (see sample_people).
FAMILY_BATCH = 200
#: Northern form -> southern form of the same family name.
SOUTHERN_FORMS = {"Hoàng": "Huỳnh", "Vũ": "Võ"}
#: Share of people using the southern form, by socio-economic region (others: the northern form).
SOUTHERN_SHARE = {
    "Đồng bằng sông Hồng": 0.05,
    "Trung du và miền núi phía Bắc": 0.05,
    "Đông Nam Bộ": 0.8,
    "Đồng bằng sông Cửu Long": 0.85,
    "Tây Nguyên": 0.5,
    "Bắc Trung Bộ và duyên hải miền Trung": 0.4,
}
#: Share for national bodies (people from every region work there).
SOUTHERN_DEFAULT = 0.2
FAMILY_ALL = frozenset([name for name, _weight in FAMILY_NAMES] + list(SOUTHERN_FORMS.values()))

#: Middle names with weights. "Văn" is only a man's, "Thị" only a woman's.
MALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Văn", 30),
    ("Đức", 9),
    ("Minh", 9),
    ("Quốc", 6),
    ("Hữu", 6),
    ("Thanh", 5),
    ("Ngọc", 4),
    ("Xuân", 4),
    ("Hoàng", 4),
    ("Mạnh", 3),
    ("Công", 4),
    ("Trung", 3),
    ("Đình", 5),
    ("Hải", 3),
    ("Tuấn", 2),
    ("Anh", 2),
    ("Bá", 2),
    ("Việt", 3),
    ("Trọng", 3),
    ("Tiến", 2),
)
FEMALE_MIDDLE: tuple[tuple[str, int], ...] = (
    ("Thị", 40),
    ("Thu", 7),
    ("Thanh", 6),
    ("Ngọc", 6),
    ("Minh", 5),
    ("Hồng", 5),
    ("Phương", 4),
    ("Thùy", 4),
    ("Mai", 3),
    ("Kim", 3),
    ("Bích", 2),
    ("Hoài", 2),
    ("Diệu", 2),
    ("Khánh", 2),
    ("Hải", 2),
    ("Bảo", 2),
    ("Quỳnh", 2),
    ("Lan", 1),
)
#: A second middle name some women carry after "Thị" (Nguyễn Thị Thu Hà).
FEMALE_SECOND_MIDDLE = ("Thu", "Minh", "Ngọc", "Thanh", "Hồng", "Kim", "Lan", "Mai", "Phương")

MALE_GIVEN = (
    "An",
    "Anh",
    "Bảo",
    "Bình",
    "Cường",
    "Chiến",
    "Công",
    "Dũng",
    "Duy",
    "Đạt",
    "Định",
    "Đông",
    "Giang",
    "Hải",
    "Hào",
    "Hậu",
    "Hiếu",
    "Hiệp",
    "Hòa",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khải",
    "Khang",
    "Khánh",
    "Khoa",
    "Kiên",
    "Lâm",
    "Linh",
    "Lộc",
    "Long",
    "Luân",
    "Lực",
    "Mạnh",
    "Minh",
    "Nam",
    "Nghĩa",
    "Nguyên",
    "Nhân",
    "Phong",
    "Phú",
    "Phúc",
    "Phương",
    "Quân",
    "Quang",
    "Quý",
    "Sơn",
    "Tài",
    "Tâm",
    "Tân",
    "Thái",
    "Thắng",
    "Thành",
    "Thiện",
    "Thịnh",
    "Thông",
    "Toàn",
    "Trí",
    "Trung",
    "Trường",
    "Tú",
    "Tuấn",
    "Tùng",
    "Văn",
    "Việt",
    "Vinh",
    "Vũ",
)
FEMALE_GIVEN = (
    "An",
    "Anh",
    "Ánh",
    "Châu",
    "Chi",
    "Diệp",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Hồng",
    "Huế",
    "Huyền",
    "Hương",
    "Lan",
    "Liên",
    "Linh",
    "Loan",
    "Ly",
    "Mai",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Nhi",
    "Oanh",
    "Phương",
    "Quyên",
    "Quỳnh",
    "Tâm",
    "Thảo",
    "Thơ",
    "Thủy",
    "Thư",
    "Trang",
    "Trâm",
    "Tuyết",
    "Uyên",
    "Vân",
    "Vy",
    "Xuân",
    "Yến",
)

#: Probability that a person in a role is a man (leaders skew male, as they do in practice).
MALE_SHARE = {
    "leader": 0.7,
    "spokesperson": 0.6,
    "comms_officer": 0.4,
    "journalist": 0.5,
    "editor": 0.55,
}

# -- titles -------------------------------------------------------------------------------------

DEPT_LEADER = "Giám đốc Sở"
#: Shares of departments with a leader, with both a spokesperson and a comms officer, with only a
#: spokesperson (the rest have only a comms officer).
DEPT_LEADER_SHARE = 0.16
DEPT_BOTH_SHARE = 0.76
DEPT_SPOKES_ONLY_SHARE = 0.12
#: The remit of a Sở TT&TT, as topics of every department.
DEPT_TOPICS = (
    "báo chí",
    "xuất bản",
    "bưu chính",
    "viễn thông",
    "công nghệ thông tin",
    "chuyển đổi số",
    "an toàn thông tin",
    "phát thanh - truyền hình",
    "thông tin đối ngoại",
    "thông tin cơ sở",
)
DEPT_SPOKESPERSON = ("Phó Giám đốc Sở", "Phó Giám đốc Sở", "Phó Giám đốc Sở", "Chánh Văn phòng Sở")
DEPT_COMMS = (
    "Trưởng phòng Thông tin - Báo chí - Xuất bản",
    "Phó Trưởng phòng Thông tin - Báo chí - Xuất bản",
    "Chuyên viên Phòng Thông tin - Báo chí - Xuất bản",
    "Chuyên viên Phòng Thông tin - Báo chí - Xuất bản",
    "Phó Chánh Văn phòng Sở",
)
#: Departments with more people (the launch was in Quảng Ninh; the two big cities): extra officers.
DEPT_EXTRA_COMMS = {"22": 1, "01": 1, "79": 1}

#: How a ministry unit's name begins -> (head's title, deputy's title).
UNIT_TITLES: dict[str, tuple[str, str]] = {
    "Nhà xuất bản": ("Giám đốc - Tổng Biên tập", "Phó Tổng Biên tập"),
    "Tổng công ty": ("Tổng Giám đốc", "Phó Tổng Giám đốc"),
    "Trung tâm": ("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm"),
    "Văn phòng": ("Chánh Văn phòng Bộ", "Phó Chánh Văn phòng Bộ"),
    "Thanh tra": ("Chánh Thanh tra Bộ", "Phó Chánh Thanh tra Bộ"),
    "Học viện": ("Giám đốc Học viện", "Phó Giám đốc Học viện"),
    "Trường": ("Hiệu trưởng", "Phó Hiệu trưởng"),
    "Viện": ("Viện trưởng", "Phó Viện trưởng"),
    "Quỹ": ("Giám đốc Quỹ", "Phó Giám đốc Quỹ"),
    "Cục": ("Cục trưởng", "Phó Cục trưởng"),
    "Vụ": ("Vụ trưởng", "Phó Vụ trưởng"),
}
#: Role of the one person of a ministry unit not listed in UNIT_STAFF.
UNIT_DEFAULT_ROLES = ("comms_officer", "comms_officer", "leader")
UNIT_COMMS = ("Chuyên viên", "Chuyên viên chính", "Phó Trưởng phòng Tổng hợp")
#: A Vụ has no divisions (phòng), so its officers are plain specialists.
UNIT_COMMS_PLAIN = ("Chuyên viên", "Chuyên viên chính")
COMMS_SUFFIX = ", đầu mối truyền thông"
#: Ministry units with a fixed set of people (the units closest to press work); others get one.
UNIT_STAFF: dict[str, tuple[str, ...]] = {
    "Trung tâm Thông tin": ("leader", "spokesperson", "comms_officer", "comms_officer"),
    "Văn phòng Bộ": ("spokesperson", "comms_officer"),
    "Cục Báo chí": ("leader", "comms_officer"),
    "Cục An toàn thông tin": ("spokesperson", "comms_officer"),
    "Cục Chuyển đổi số quốc gia": ("leader", "comms_officer"),
    "Cục Viễn thông": ("spokesperson", "comms_officer"),
    "Cục Phát thanh, truyền hình và thông tin điện tử": ("leader", "comms_officer"),
}
UNIT_COMMS_TITLES = {"Trung tâm Thông tin": ("Biên tập viên Cổng Thông tin điện tử Bộ",)}

REPORTER_TITLES = (
    "Phóng viên",
    "Phóng viên",
    "Phóng viên Ban Công nghệ",
    "Phóng viên Ban Kinh tế",
    "Phóng viên Ban Thời sự",
    "Phóng viên Ban Xã hội",
    "Phóng viên Ban Khoa giáo",
)
EDITOR_TITLES = (
    "Biên tập viên",
    "Biên tập viên Ban Công nghệ",
    "Biên tập viên Ban Thời sự",
    "Trưởng ban Công nghệ",
    "Phó Trưởng ban Kinh tế",
    "Thư ký Tòa soạn",
    "Phó Tổng Biên tập",
)
BROADCAST_REPORTER_TITLES = ("Phóng viên Ban Thời sự", "Phóng viên", "Phóng viên Ban Khoa giáo")
BROADCAST_EDITOR_TITLES = (
    "Biên tập viên Ban Thời sự",
    "Biên tập viên",
    "Phó Trưởng ban Thời sự",
)
RESIDENT_TITLE = "Phóng viên thường trú tại {province}"
#: Share of national agencies' reporters who are posted to a province.
RESIDENT_SHARE = 0.15
EDITOR_SHARE = 0.35
#: Titles a newsroom has only one of.
SINGLE_TITLES = frozenset(
    {
        "Trưởng ban Công nghệ",
        "Phó Trưởng ban Kinh tế",
        "Thư ký Tòa soạn",
        "Phó Tổng Biên tập",
        "Phó Trưởng ban Thời sự",
    }
)
#: Extra journalists (beyond one each) at the agencies that cover the sector most (short names).
JOURNALIST_EXTRA = {
    "VietNamNet": 2,
    "ICTnews": 2,
    "VnExpress": 2,
    "VTV": 2,
    "Tuổi Trẻ": 1,
    "Thanh Niên": 1,
    "Dân trí": 1,
    "VOV": 1,
    "VietnamPlus": 1,
    "Quảng Ninh": 1,
    "Nhân Dân": 1,
    "Báo Chính phủ / VGP": 1,
    "ICTVietnam": 1,
    "Bưu điện Việt Nam": 1,
    "Znews (formerly Zing News)": 1,
    "VietTimes": 1,
    "KH&PT": 1,
    "CAND": 1,
}
#: Beats of the sector every journalist of the network follows some of.
SECTOR_BEATS = (
    "chuyển đổi số",
    "viễn thông",
    "an toàn thông tin",
    "báo chí",
    "bưu chính",
    "kinh tế số",
    "Internet",
    "công nghiệp công nghệ số",
    "chính phủ số",
    "xuất bản",
    "thông tin cơ sở",
    "tần số vô tuyến điện",
    "lừa đảo trực tuyến",
    "xã hội số",
)
#: Agency beats too broad to file a journalist under.
GENERIC_BEATS = frozenset({"tin tổng hợp", "mọi lĩnh vực"})

# -- contact details ----------------------------------------------------------------------------

LAUNCH_CONSENT = ("Hội nghị ra mắt Mạng lưới, Quảng Ninh, 24/11/2023", "2023-11-24")
OTHER_CONSENTS = (
    "Phiếu đăng ký tham gia Mạng lưới truyền thông ngành TT&TT",
    "Danh sách đầu mối do đơn vị gửi Trung tâm Thông tin",
    "Xác nhận qua email với Trung tâm Thông tin",
)
LAUNCH_CONSENT_SHARE = 0.8
PERSON_NOTE = (
    "Dữ liệu mẫu: người hư cấu. Số điện thoại mẫu, không có thật. "
    "Email thuộc tên miền dành riêng cho ví dụ."
)
DO_NOT_CONTACT_NOTE = "Đã đề nghị không liên hệ (ghi nhận tháng 11/2023)."
DO_NOT_CONTACT_COUNT = 5
#: Preferred channels with weights, by role group.
STAFF_CHANNELS = (("email", 35), ("zalo", 30), ("phone", 20), ("letter", 10), ("meeting", 5))
PRESS_CHANNELS = (("email", 40), ("zalo", 30), ("phone", 15), ("press_conference", 15))
#: Extra tags some people carry (tag, share of people, roles it applies to).
EXTRA_TAGS = (
    ("ưu tiên", 0.15, frozenset({"leader", "spokesperson", "journalist", "editor"})),
    ("họp báo", 0.3, frozenset({"journalist", "editor"})),
)
