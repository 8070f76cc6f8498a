"""A small crafted network for outreach tests, and a runner for the real `lantoa` entry point.

The network (ids are readable names so tests can assert on them):
- ministry units: `vu-bc` (spokesperson `a-spoke`, comms officer `b-comms`, leader `c-lead`, a
  deleted spokesperson `z-gone`), `cuc-bc` (leader `d-lead` only), `tt-x` (nobody);
- provincial departments: `so-qn` Quảng Ninh 22 (spokesperson `e-dnc` do-not-contact, comms
  officer `f-comms`), `so-hn` Hà Nội 01 (only spokesperson `g-dnc` is do-not-contact, leader
  `h-lead`), `so-hg` Hà Giang 02 (nobody), `so-cb` Cao Bằng 04 (deleted, with `y-cb`);
- press agencies: `bao-nd` (journalists `j1` beat "chuyển đổi số", `j2` beat "bưu chính", editor
  `k-ed`), `vnx` (editor `l-ed` only), `bao-old` (ended, with journalist `m-old`);
- a freelance journalist `n-free` tagged "digital" (no organisation);
- messages `msg-ready` (ready, tags ["bưu chính"]) and `msg-draft` (draft).
"""

from __future__ import annotations

import io
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from store import Store
from store.outreach import OutreachSettings

ORGS = [
    ("vu-bc", "Vụ Bưu chính", "ministry_unit", None),
    ("cuc-bc", "Cục Báo chí", "ministry_unit", None),
    ("tt-x", "Trung tâm X", "ministry_unit", None),
    ("so-qn", "Sở TT&TT Quảng Ninh", "provincial_department", "22"),
    ("so-hn", "Sở TT&TT Hà Nội", "provincial_department", "01"),
    ("so-hg", "Sở TT&TT Hà Giang", "provincial_department", "02"),
    ("so-cb", "Sở TT&TT Cao Bằng", "provincial_department", "04"),
    ("bao-nd", "Báo Nhân Dân", "press_agency", None),
    ("vnx", "VnExpress", "press_agency", None),
    ("bao-old", "Báo Cũ", "press_agency", None),
]
REGIONS = {
    "22": "Đồng bằng sông Hồng",
    "01": "Đồng bằng sông Hồng",
    "02": "Trung du và miền núi phía Bắc",
    "04": "Trung du và miền núi phía Bắc",
}
CONTACTS = [
    # id, name, org, role, extra
    ("a-spoke", "Nguyễn Văn An", "vu-bc", "spokesperson", {}),
    ("b-comms", "Trần Thị Bình", "vu-bc", "comms_officer", {"preferred_channel": "zalo"}),
    ("c-lead", "Lê Văn Cường", "vu-bc", "leader", {}),
    ("z-gone", "Phạm Văn Zũng", "vu-bc", "spokesperson", {}),
    ("d-lead", "Đặng Văn Dũng", "cuc-bc", "leader", {}),
    ("e-dnc", "Hoàng Thị Em", "so-qn", "spokesperson", {"do_not_contact": True}),
    ("f-comms", "Vũ Văn Phúc", "so-qn", "comms_officer", {}),
    ("g-dnc", "Bùi Thị Giang", "so-hn", "spokesperson", {"do_not_contact": True}),
    ("h-lead", "Đỗ Văn Hùng", "so-hn", "leader", {}),
    ("y-cb", "Mai Văn Yên", "so-cb", "spokesperson", {}),
    ("j1", "Ngô Thị Join", "bao-nd", "journalist", {"beats": ["Chuyển đổi số"]}),
    ("j2", "Đinh Văn Hai", "bao-nd", "journalist", {"beats": ["Bưu chính", "viễn thông"]}),
    ("k-ed", "Lý Thị Kim", "bao-nd", "editor", {}),
    ("l-ed", "Tạ Văn Long", "vnx", "editor", {}),
    ("m-old", "Hồ Văn Minh", "bao-old", "journalist", {}),
    ("n-free", "Châu Thị Nga", None, "journalist", {"tags": ["digital"]}),
]
SETTINGS = OutreachSettings(owner="tester", double_pitch_days=14)


def build_network(store: Store) -> Store:
    with store.transaction() as tx:
        for oid, name, kind, code in ORGS:
            fields = {"name": name, "kind": kind}
            if code:
                fields.update(province_code=code, region=REGIONS[code])
            if oid == "bao-old":
                fields["ended"] = "2025-03-01"
            tx.insert("organisations", fields, record_id=oid)
        for cid, name, org, role, extra in CONTACTS:
            fields = {"full_name": name, "role": role, **extra}
            if org:
                fields["org_id"] = org
            tx.insert("contacts", fields, record_id=cid)
        tx.insert(
            "messages",
            {
                "title": "Chuyển đổi số 2023",
                "headline": "H",
                "kind": "policy",
                "status": "ready",
                "tags": ["bưu chính"],
            },
            record_id="msg-ready",
        )
        tx.insert(
            "messages",
            {"title": "Bản nháp", "kind": "policy", "status": "draft"},
            record_id="msg-draft",
        )
    with store.transaction() as tx:
        tx.delete("contacts", "z-gone")
        tx.delete("organisations", "so-cb")
    return store


@pytest.fixture
def net(store: Store) -> Store:
    return build_network(store)


@pytest.fixture
def settings() -> OutreachSettings:
    return SETTINGS


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def lantoa(net: Store, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """`lantoa(*args, input=…)` runs the console entry point on the crafted store."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("LANTOA_USER", "tester")

    def run(*args: str, input: str | None = None, store: Path | None = None) -> Result:
        from tui.cli import main

        argv = ["lantoa", "--store", str(store or net.path), *args]
        monkeypatch.setattr(sys, "argv", argv)
        monkeypatch.setattr(sys, "stdin", io.StringIO(input or ""))
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    run.store = net
    return run
