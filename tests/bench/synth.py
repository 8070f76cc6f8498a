"""Synthetic networks of any size for benchmarks: realistic Vietnamese names, orgs and fields."""

from __future__ import annotations

import random
from pathlib import Path

from store import Store
from store.reference import provinces

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Ngọc", "Đức", "Thu", "Hải", "Quốc", "Hữu", "Kim"]
GIVEN = [
    "An",
    "Anh",
    "Ánh",
    "Bình",
    "Cường",
    "Dũng",
    "Đức",
    "Hà",
    "Hằng",
    "Hòa",
    "Hưng",
    "Hương",
    "Lan",
    "Lân",
    "Long",
    "Mai",
    "Minh",
    "Nga",
    "Ngọc",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Tú",
    "Tuấn",
    "Uyên",
    "Vy",
    "Xuân",
    "Yến",
]
TITLES = [
    "Phóng viên",
    "Biên tập viên",
    "Chánh Văn phòng",
    "Phó Giám đốc Sở",
    "Chuyên viên",
    "Trưởng phòng Thông tin - Báo chí",
]
BEATS = ["chuyển đổi số", "viễn thông", "an toàn thông tin", "báo chí", "bưu chính", "kinh tế số"]
ROLES = ["journalist", "editor", "spokesperson", "comms_officer", "leader", "specialist"]


def build_store(path: Path, contacts: int, seed: int = 7) -> Store:
    """A store with the 63 departments, 100 agencies and `contacts` people, written once."""
    rng = random.Random(seed)
    store = Store(path)
    with store.transaction() as tx:
        orgs = []
        for code, province in provinces().items():
            orgs.append(
                tx.insert(
                    "organisations",
                    {
                        "name": province.department,
                        "short_name": province.department_short,
                        "kind": "provincial_department",
                        "province_code": code,
                        "region": province.region_vi,
                    },
                )
            )
        for i in range(100):
            orgs.append(
                tx.insert("organisations", {"name": f"Báo Thử Nghiệm {i}", "kind": "press_agency"})
            )
        for i in range(contacts):
            org = rng.choice(orgs)
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            tx.insert(
                "contacts",
                {
                    "full_name": name,
                    "org_id": org["id"],
                    "title": rng.choice(TITLES),
                    "role": rng.choice(ROLES),
                    "beats": rng.sample(BEATS, 2),
                    "emails": [f"user{i}@example.org"],
                    "phones": [f"+849{i:08d}"],
                    "tags": ["mẫu"],
                    "notes": "Liên hệ qua Zalo trước khi gọi.",
                },
            )
    return store
