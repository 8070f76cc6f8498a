"""Example story cards shared by the message tests (complete, so each test breaks one thing)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

#: Figures are judged against this day, so ages do not depend on when the tests run.
TODAY = date(2023, 6, 1)

POLICY_VI: dict[str, Any] = {
    "title": "Cấp phép trực tuyến",
    "kind": "policy",
    "language": "vi",
    "headline": "Từ 1/7, 1,2 triệu hộ kinh doanh được cấp phép trực tuyến",
    "lead": "Từ ngày 1/7/2023, hộ kinh doanh xin giấy phép qua mạng, không phải đến trụ sở.",
    "problem": "Chủ hộ kinh doanh phải nghỉ bán hàng cả ngày để nộp hồ sơ giấy.",
    "audiences": ["hộ kinh doanh", "chính quyền địa phương"],
    "policy": "Hồ sơ được nộp và trả kết quả qua Cổng dịch vụ công.",
    "policy_instrument": "Nghị định 13/2023/NĐ-CP",
    "policy_effective": "2023-07-01",
    "benefits_people": "Hộ kinh doanh tiết kiệm một ngày công cho mỗi lần xin phép.",
    "benefits_country": "Nhà nước bớt chi phí in ấn và lưu trữ hồ sơ giấy.",
    "figures": [
        {
            "value": "1.2",
            "unit": "triệu hộ",
            "label": "Hộ kinh doanh",
            "period": "2022",
            "source": "Tổng cục Thống kê",
        },
    ],
    "call_to_action": "Nộp hồ sơ tại https://dichvucong.gov.vn hoặc gọi 1800 1096.",
    "criticism": "Người cao tuổi chưa quen dùng điện thoại thông minh.",
    "proposal": "Bưu điện xã hướng dẫn miễn phí cách nộp hồ sơ qua mạng.",
}

POLICY_EN: dict[str, Any] = {
    "title": "Online permits",
    "kind": "policy",
    "language": "en",
    "headline": "From 1 July, 1.2 million household businesses get permits online",
    "lead": "From 1 July 2023, household businesses apply for permits online, not at the office.",
    "problem": "Owners lose a day of sales to hand in paper forms.",
    "audiences": ["household businesses", "local government"],
    "policy": "Applications are filed and answered on the public service portal.",
    "policy_instrument": "Decree 13/2023/ND-CP",
    "policy_effective": "2023-07-01",
    "benefits_people": "Owners save a working day for each permit.",
    "benefits_country": "The state spends less on printing and storing paper files.",
    "figures": [
        {
            "value": "1.2",
            "unit": "million households",
            "label": "Household businesses",
            "period": "2022",
            "source": "General Statistics Office",
        },
    ],
    "call_to_action": "Apply at https://dichvucong.gov.vn or call 1800 1096.",
    "criticism": "Older owners are not used to smartphones.",
    "proposal": "Commune post offices show people how to apply, free of charge.",
}

CRISIS_VI: dict[str, Any] = {
    "title": "Sự cố cáp quang",
    "kind": "crisis",
    "language": "vi",
    "headline": "Thông tin ban đầu về sự cố mất kết nối internet tại Quảng Ninh",
    "incident_at": "2023-06-01T07:30",
    "empathy": "Chúng tôi hiểu người dân và doanh nghiệp đang gặp nhiều bất tiện.",
    "facts": "Lúc 7 giờ 30, tuyến cáp quang trục tại Hạ Long bị đứt.",
    "unknowns": "Nguyên nhân đứt cáp đang được xác minh.",
    "actions": "Các nhà mạng đang chuyển lưu lượng sang tuyến dự phòng.",
    "advice": "Người dân dùng mạng di động để truy cập dịch vụ công trong thời gian này.",
    "next_update_at": "2023-06-01T10:00",
    "next_update_where": "Cổng thông tin điện tử tỉnh",
    "spokesperson": "Nguyễn Văn An, Sở TT&TT",
    "contact_phone": "+84912345678",
}


def card(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of an example card with some fields changed (None removes a field)."""
    out = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out
