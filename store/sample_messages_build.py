"""Build the sample messages: `python -m store.sample_messages_build` writes
data/sample_messages.json (`{"messages": [full records]}`), which `store.sample` loads with the rest
of the sample network.

Three illustrative messages built on the sector's real 2022 figures as reported in the Ministry of
Information and Communications' 2022 year-end report (Báo cáo tổng kết năm 2022 của Bộ TT&TT):
revenue 3,893,595 billion VND (+12.7%), state budget contribution 98,982.30 billion VND (+24.7%),
about 1.5 million workers (+5%) and labour productivity of about 648 million VND (+6.7%). The
people, quotes and stories are fictional. One draft is deliberately incomplete, to show what the
checks catch. Every value goes through `validate_message`, so the file holds the stored form; ids
and clocks are fixed, so the output is reproducible and a test compares it with the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from . import records
from .messages import validate_message
from .sample import SAMPLE_STAMP, SAMPLE_TAG, SAMPLE_TIME, sample_id

OUTPUT = Path(__file__).resolve().parent / "data" / "sample_messages.json"
SOURCE_VI = "Báo cáo tổng kết năm 2022 của Bộ Thông tin và Truyền thông"
SOURCE_EN = "MIC 2022 year-end report (Báo cáo tổng kết năm 2022 của Bộ TT&TT)"

REVENUE: dict[str, Any] = {
    "title": "Doanh thu ngành năm 2022",
    "kind": "achievement",
    "status": "ready",
    "language": "vi",
    "owner": "Trung tâm Thông tin",
    "template": "achievement",
    "tags": [SAMPLE_TAG, "kinh tế số"],
    "headline": "Doanh thu ngành Thông tin và Truyền thông năm 2022 đạt 3.893.595 tỷ đồng",
    "lead": (
        "Năm 2022, doanh thu toàn ngành Thông tin và Truyền thông (TT&TT) đạt 3.893.595 tỷ "
        "đồng, tăng 12,7% so với năm 2021. Ngành nộp ngân sách nhà nước 98.982,30 tỷ đồng, "
        "tăng 24,7% so với năm 2021."
    ),
    "problem": (
        "Nhiều người vẫn nghĩ viễn thông, internet, bưu chính chỉ là dịch vụ. Họ chưa thấy "
        "ngành này tạo ra việc làm và nguồn thu cho đất nước."
    ),
    "audiences": ["người lao động", "doanh nghiệp công nghệ", "chính quyền địa phương"],
    "benefits_people": (
        "Nguồn thu lớn hơn giúp Nhà nước có thêm tiền cho trường học, bệnh viện và đường sá ở "
        "mọi địa phương."
    ),
    "benefits_country": "Ngành nộp 98.982,30 tỷ đồng vào ngân sách nhà nước trong năm 2022.",
    "story": (
        "Chị Hoa bán đồ khô ở Quảng Ninh, trước đây chỉ bán cho khách quen trong phường. Từ khi "
        "có internet cáp quang và ví điện tử, chị bán qua mạng cho khách ở nhiều tỉnh. Cửa "
        "hàng của chị nay thuê thêm hai người lao động."
    ),
    "story_source": (
        "Tổng hợp từ phản ánh của các Sở TT&TT tại Hội nghị ra mắt Mạng lưới, 24/11/2023"
    ),
    "story_illustrative": True,
    "figures": [
        {
            "value": "3893595",
            "unit": "tỷ đồng",
            "label": "Doanh thu toàn ngành",
            "period": "2022",
            "source": SOURCE_VI,
        },
        {
            "value": "12.7",
            "unit": "%",
            "label": "Tăng trưởng doanh thu",
            "period": "2022",
            "baseline": "năm 2021",
            "source": SOURCE_VI,
        },
        {
            "value": "98982.30",
            "unit": "tỷ đồng",
            "label": "Nộp ngân sách nhà nước",
            "period": "2022",
            "source": SOURCE_VI,
        },
        {
            "value": "24.7",
            "unit": "%",
            "label": "Tăng trưởng nộp ngân sách",
            "period": "2022",
            "baseline": "năm 2021",
            "source": SOURCE_VI,
        },
    ],
    "quote": ("Mỗi đồng doanh thu của ngành đều bắt đầu từ một người dùng được phục vụ tốt hơn."),
    "quote_speaker": "Ngô Văn Phong",
    "quote_title": "Giám đốc Trung tâm Thông tin (nhân vật mẫu)",
    "call_to_action": (
        "Xem số liệu chi tiết tại https://example.org/doanh-thu-2022 và gửi câu chuyện của "
        "địa phương bạn cho Mạng lưới trước ngày 31/12/2023."
    ),
    "criticism": (
        "Có ý kiến cho rằng doanh thu tăng chủ yếu nhờ doanh nghiệp lớn. Doanh nghiệp nhỏ và "
        "người dân vùng sâu chưa được hưởng lợi nhiều."
    ),
    "proposal": (
        "Mỗi tháng, Mạng lưới giới thiệu một doanh nghiệp nhỏ hoặc một xã chuyển đổi số thành "
        "công. Bài viết kèm cách làm để nơi khác học theo."
    ),
    "spokesperson": "Ngô Văn Phong, Trung tâm Thông tin",
    "contact_phone": "0900 000 026",
    "contact_email": "phong.ngovan@mic.example.org",
}

WORKFORCE: dict[str, Any] = {
    "title": "Sector workforce 2022",
    "kind": "achievement",
    "status": "draft",
    "language": "en",
    "owner": "Trung tâm Thông tin",
    "template": "achievement",
    "tags": [SAMPLE_TAG, "workforce"],
    "headline": "1.5 million people now work in Vietnam's information and communications sector",
    "lead": (
        "In 2022 the sector employed about 1.5 million workers, 5% more than in 2021. Each "
        "worker produced about 648 million VND of value, up 6.7% on 2021."
    ),
    "problem": (
        "Young people often do not see the sector as a career. Employers in many provinces say "
        "they cannot find enough skilled staff."
    ),
    "audiences": ["workers", "students", "technology businesses"],
    "benefits_people": (
        "As productivity rises, jobs in the sector pay better, and many can be done from any "
        "province."
    ),
    "benefits_sector": (
        "More skilled workers let businesses take on bigger projects at home and abroad."
    ),
    "story": (
        "Minh trained as a network technician at a vocational college in Đà Nẵng. Two years "
        "later he leads a team of workers that keeps fibre lines running in three districts."
    ),
    "story_source": "Composite of cases reported by provincial departments in 2023",
    "story_illustrative": True,
    "figures": [
        {
            "value": "1.5",
            "unit": "million workers",
            "label": "Workers in the sector",
            "period": "2022",
            "source": SOURCE_EN,
        },
        {
            "value": "5",
            "unit": "%",
            "label": "Growth in workers",
            "period": "2022",
            "baseline": "2021",
            "source": SOURCE_EN,
        },
        {
            "value": "648",
            "unit": "million VND",
            "label": "Labour productivity per worker",
            "period": "2022",
            "source": SOURCE_EN,
        },
        {
            "value": "6.7",
            "unit": "%",
            "label": "Growth in labour productivity",
            "period": "2022",
            "baseline": "2021",
            "source": SOURCE_EN,
        },
    ],
    "call_to_action": (
        "Students can find training programmes and job fairs at "
        "https://example.org/ict-careers before the school year starts on 5 September 2023."
    ),
    "criticism": "Critics say the new jobs are concentrated in Hà Nội and Hồ Chí Minh City.",
    "proposal": (
        "Provincial departments will publish a list of local technology employers every "
        "quarter, so that young people can find work close to home."
    ),
}

DRAFT: dict[str, Any] = {
    "title": "Nháp: tuyên truyền chuyển đổi số (chưa hoàn chỉnh)",
    "kind": "policy",
    "status": "draft",
    "language": "vi",
    "owner": "Sở TT&TT mẫu",
    "template": "policy",
    "tags": [SAMPLE_TAG, "nháp"],
    "headline": "Đẩy mạnh công tác tuyên truyền về chuyển đổi số",
    "lead": (
        "UBND các tỉnh tiến hành triển khai thực hiện các chương trình nhằm nâng cao nhận thức "
        "của người dân và doanh nghiệp về CĐS, góp phần đưa doanh thu toàn ngành tăng 15% và "
        "thu hút thêm 200 nghìn lao động trong các năm tới theo đúng chỉ đạo của các cấp, các "
        "ngành."
    ),
    "audiences": ["người dân", "doanh nghiệp"],
    "policy": "Triển khai chiến lược chuyển đổi số.",
    "benefits_people": "Người dân được hưởng lợi đáng kể.",
    "figures": [{"value": "3893595", "unit": "tỷ đồng", "period": "2022"}],
    "criticism": "Người dân chưa thấy lợi ích cụ thể của chuyển đổi số.",
}

MESSAGES = (
    ("revenue-2022", REVENUE),
    ("workforce-2022", WORKFORCE),
    ("draft-digital-transformation", DRAFT),
)


def build() -> dict[str, list[dict]]:
    out = []
    for key, values in MESSAGES:
        clean = validate_message(values)
        record = records.make_record(clean, SAMPLE_STAMP, SAMPLE_TIME, sample_id("message", key))
        out.append(record)
    return {"messages": out}


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=1) + "\n"


def main() -> None:
    OUTPUT.write_text(render(), encoding="utf-8")
    sys.stdout.write(f"wrote {OUTPUT}\n")


if __name__ == "__main__":
    main()
