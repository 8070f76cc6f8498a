"""Helpers for the sync Pilot tests: two officers' stores and a shared file, waits, the slot text.

Test modules import what they use from here, fixtures by their function names. There is no
conftest.py in this folder: a second `conftest` module would shadow tests/tui/conftest.py, whose
fixtures (`home`) and async runner apply here.
"""

from __future__ import annotations

import itertools
import os
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from store import Store, network
from store.sync import remember_file, sync

#: Writes are stamped from this moment on (a second per write), so stamps and times are stable.
T0_MS = int(datetime(2026, 3, 2, 8, 0, tzinfo=UTC).timestamp() * 1000)
LAN = "Nguyễn Thị Lan"
MAI = "Võ Thị Mai"


def ticking(start_ms: int):
    """A clock for Store(now_ms=...): one second later at every call."""
    counter = itertools.count()
    return lambda: start_ms + 1000 * next(counter)


@dataclass
class Team:
    """Officer A (the app's store), officer B, and their shared file, all synced once."""

    a: Store
    b: Store
    shared: Path


#: Who works on each device (config `owner`, else LANTOA_USER): conflicts name the other one.
A_USER, B_USER = "Lan", "Minh"


def sync_as(user: str, store: Store, shared: Path):
    """`sync`, run by `user` (what a conflict on another device names its device by)."""
    before = os.environ.get("LANTOA_USER")
    os.environ["LANTOA_USER"] = user
    try:
        return sync(store, shared)
    finally:
        if before is None:
            del os.environ["LANTOA_USER"]
        else:
            os.environ["LANTOA_USER"] = before


def make_team(root: Path) -> Team:
    a = Store(root / "store.json", now_ms=ticking(T0_MS))
    with a.transaction() as tx:
        paper = tx.insert("organisations", {"name": "Báo Tuổi Trẻ", "kind": "press_agency"})
    network.add_contact(
        a,
        {"full_name": LAN, "org_id": paper["id"], "title": "Phó Giám đốc", "role": "spokesperson"},
    )
    network.add_contact(
        a,
        {"full_name": "Lê Minh Châu", "org_id": paper["id"], "title": "Phóng viên"},
    )
    folder = root / "team"
    folder.mkdir()
    shared = folder / "shared.json"
    b = Store(root / "b" / "b.json", now_ms=ticking(T0_MS + 3_600_000))
    (root / "b").mkdir()
    sync_as(A_USER, a, shared)
    sync_as(B_USER, b, shared)
    sync_as(A_USER, a, shared)
    return team_remembered(Team(a, b, shared))


def team_remembered(team: Team) -> Team:
    remember_file(team.a, team.shared)
    remember_file(team.b, team.shared)
    return team


def counted_ids(monkeypatch: pytest.MonkeyPatch, descending: bool = True) -> None:
    """Record and device ids from a counter, so device names are the same every run. Descending
    by default: officer A's device (made first) sorts after B's, which keeps the tests clear of
    the pending-count problem `test_pending_after_an_incoming_only_sync` is about."""
    counter = itertools.count(1)

    def new_id() -> str:
        step = next(counter) * 0x1F1F1F1
        return str(uuid.UUID(int=(0xFFFFFFFF - step if descending else step) << 96 | step))

    monkeypatch.setattr("store.records.new_id", new_id)
    # the sync engine names a device that never wrote before (officer B) with its own import
    monkeypatch.setattr("store.sync.plan.new_id", new_id, raising=False)


@pytest.fixture(name="team")
def team_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Team:
    counted_ids(monkeypatch)
    monkeypatch.setenv("LANTOA_USER", A_USER)  # the app runs as officer A
    return make_team(tmp_path)


@pytest.fixture(name="utc")
def utc_fixture(monkeypatch: pytest.MonkeyPatch):
    """Local time is UTC, so the times shown are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def title_clash(team: Team) -> None:
    """A and B change Lan's title differently; B syncs first, then A: one open conflict."""
    network.edit_contact(team.a, LAN, {"title": "Chánh Văn phòng"})
    network.edit_contact(team.b, LAN, {"title": "Trưởng phòng Báo chí"})
    sync_as(B_USER, team.b, team.shared)
    sync_as(A_USER, team.a, team.shared)


def b_adds_mai(team: Team) -> None:
    network.add_contact(team.b, {"full_name": MAI, "title": "Phóng viên"})
    sync_as(B_USER, team.b, team.shared)


async def until(pilot, condition, what: str = "condition", timeout: float = 8.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def ready(pilot) -> None:
    """The store is shown and the first sync status is in the status line."""
    app = pilot.app
    await until(pilot, lambda: app.data is not None and app.ready_at is not None, "the store")
    await until(pilot, lambda: not _busy(app), "the sync workers")
    await pilot.pause(0.05)


def _busy(app) -> bool:
    return app.sync_running or any(
        w.group in ("sync", "sync-status", "load") and w.is_running for w in app.workers
    )


async def settled(pilot) -> None:
    await until(pilot, lambda: not _busy(pilot.app) and not pilot.app._job_running, "quiet")
    await pilot.pause(0.05)


def slot_text(app) -> str:
    from tui.widgets.status_bar import StatusBar

    content = app.main_screen.query_one(StatusBar).slot("sync")
    return content.plain if content is not None else ""


def notes(app, severity: str | None = None) -> list[str]:
    return [n.message for n in app._notifications if severity is None or n.severity == severity]


def file_bytes(path: Path) -> bytes | None:
    return path.read_bytes() if os.path.exists(path) else None
