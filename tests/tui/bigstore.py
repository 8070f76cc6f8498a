"""Synthetic networks of any size for TUI tests and the benchmark (deterministic, seeded).

Writes the store file directly in the store's own format (one write), so a 50,000-contact store
is built in well under a second and tests do not depend on the sample network's exact content.
"""

from __future__ import annotations

import random
from pathlib import Path

from store import Store
from store.db import new_store_data
from store.records import make_record
from store.reference import provinces
from store.storage import atomic_write_bytes, dumps
from tests.bench.synth import FAMILY

MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Thanh", "Ngọc", "Quang", "Hoài", "Kim"]
GIVEN = [
    "An",
    "Anh",
    "Bình",
    "Châu",
    "Dũng",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hằng",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Ngân",
    "Phúc",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
]
TITLES = [
    "Phó Giám đốc",
    "Chánh Văn phòng",
    "Chuyên viên",
    "Phóng viên",
    "Biên tập viên",
    "Trưởng phòng Báo chí",
    "Phó Tổng Biên tập",
]
ROLES = ["leader", "spokesperson", "comms_officer", "specialist", "journalist", "editor"]
BEATS = [
    "chuyển đổi số",
    "báo chí",
    "bưu chính",
    "an toàn thông tin",
    "viễn thông",
    "kinh tế số",
    "xuất bản",
]
TAGS = ["vip", "hội nghị 2024", "mạng lưới", "báo in"]


def build_data(n_contacts: int, seed: int = 7) -> dict:
    """Store data with provincial departments, press agencies and `n_contacts` people."""
    rng = random.Random(seed)
    data = new_store_data()
    stamp = "0000000000001-0000-test"
    now = "2024-01-01T00:00:00.000000Z"
    orgs = []
    for i, province in enumerate(provinces().values()):
        orgs.append(
            make_record(
                {
                    "name": province.department,
                    "short_name": province.department_short,
                    "kind": "provincial_department",
                    "province_code": province.code,
                    "region": province.region_vi,
                },
                stamp,
                now,
                f"00000000-0000-4000-8000-{i:012d}",
            )
        )
    for i, name in enumerate(
        [
            "Báo Nhân Dân",
            "Báo Tuổi Trẻ",
            "VnExpress",
            "Báo Thanh Niên",
            "Đài Truyền hình Việt Nam",
            "Báo VietNamNet",
        ]
    ):
        orgs.append(
            make_record(
                {"name": name, "kind": "press_agency"},
                stamp,
                now,
                f"00000000-0000-4000-9000-{i:012d}",
            )
        )
    data["organisations"] = {str(i + 1): o for i, o in enumerate(orgs)}
    contacts = {}
    for i in range(n_contacts):
        org = orgs[rng.randrange(len(orgs))]
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        fields = {
            "full_name": name,
            "org_id": org["id"],
            "title": rng.choice(TITLES),
            "role": rng.choice(ROLES),
            "beats": rng.sample(BEATS, 2),
            "emails": [f"user{i}@example.vn"],
            "phones": [f"+8491{i:07d}"],
        }
        if i % 5 == 0:
            fields["tags"] = [rng.choice(TAGS)]
        contacts[str(i + 1)] = make_record(
            fields, stamp, now, f"{i:08d}-0000-4000-a000-000000000000"
        )
    data["contacts"] = contacts
    return data


def make_store(path: Path, n_contacts: int, seed: int = 7) -> Store:
    """A store file at `path` holding `n_contacts` synthetic contacts."""
    atomic_write_bytes(Path(path), dumps(build_data(n_contacts, seed)))
    return Store(path)
