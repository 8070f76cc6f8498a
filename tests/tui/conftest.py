"""Fixtures for the app's tests: stores of known content, a steady cursor, and helpers to wait
until the app has loaded its store."""

from __future__ import annotations

import asyncio
import inspect
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from bigstore import make_store

from store import Store, network


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests in a fresh event loop (no async plugin needed for Pilot tests)."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No blinking cursors: screenshots and snapshots must not depend on timing."""
    from textual.widgets import Input, TextArea

    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)
    monkeypatch.setattr(TextArea, "_toggle_cursor_blink_visible", lambda self: None, raising=False)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """HOME is the test folder, so the status line shows ~/store.json (stable snapshots)."""
    monkeypatch.setenv("HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def big(tmp_path: Path) -> Store:
    """60 synthetic contacts in 69 organisations (seeded, so always the same)."""
    return make_store(tmp_path / "store.json", 60)


@pytest.fixture
def people(tmp_path: Path) -> Store:
    """A handful of people whose names and provinces the tests know."""
    store = Store(tmp_path / "store.json")
    with store.transaction() as tx:
        qn = tx.insert(
            "organisations",
            {
                "name": "Sở Thông tin và Truyền thông Quảng Ninh",
                "short_name": "Sở TT&TT Quảng Ninh",
                "kind": "provincial_department",
                "province_code": "22",
                "region": "Đồng bằng sông Hồng",
            },
        )
        paper = tx.insert("organisations", {"name": "Báo Tuổi Trẻ", "kind": "press_agency"})
    for values in (
        {
            "full_name": "Nguyễn Thị Lan",
            "org_id": qn["id"],
            "title": "Phó Giám đốc",
            "role": "spokesperson",
            "emails": ["lan@quangninh.gov.vn"],
            "phones": ["0912345678"],
            "zalo": "0912345678",
            "beats": ["chuyển đổi số"],
            "tags": ["vip"],
        },
        {
            "full_name": "Trần Văn Bình",
            "org_id": qn["id"],
            "title": "Chuyên viên",
            "role": "comms_officer",
            "emails": ["binh@quangninh.gov.vn"],
        },
        {
            "full_name": "Lê Minh Châu",
            "org_id": paper["id"],
            "title": "Phóng viên",
            "role": "journalist",
            "emails": ["chau@tuoitre.vn"],
            "beats": ["viễn thông"],
        },
        {
            "full_name": "Phạm Quốc Dũng",
            "org_id": paper["id"],
            "title": "Biên tập viên",
            "role": "editor",
            "phones": ["0987654321"],
        },
    ):
        network.add_contact(store, values)
    return store
