"""Helpers for the Outreach Pilot tests: the sample network, a frozen day, prepared outreach, waits.

Test modules import what they use from here, fixtures by their function names (`demo_fixture`
provides `demo`), so test arguments do not shadow imports. There is no conftest.py in this folder:
a second `conftest` module would shadow tests/tui/conftest.py, whose fixtures (`home`) and async
runner apply here.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from tuikit import built_section

from store import Store
from store import outreach as core
from store.sample import demo_store
from tui.outreach import clock

#: The day the tests live in (sample messages were written a week before).
TODAY = date(2023, 12, 1)
#: Store writes of the prepared items happen at this moment (history times, "last change").
NOW_MS = int(datetime(2023, 12, 1, 9, 0, tzinfo=UTC).timestamp() * 1000)
REVENUE = "81e18262-15d3-5e3d-a02c-d204a8153e18"  # "Doanh thu ngành năm 2022", ready (vi)
WORKFORCE = "4e3aabca-a0a6-5fa7-b04c-a42d3021bac0"  # "Sector workforce 2022", draft (en)
QUANG_NINH = "Sở Thông tin và Truyền thông Quảng Ninh"
NORTH = "Trung du và miền núi phía Bắc"  # its Thái Nguyên spokesperson is "do not contact"
OWNER = "lan"
CONFIG = {"outreach": {"owner": OWNER}}
SETTINGS = core.OutreachSettings(owner=OWNER)


@pytest.fixture(name="frozen")
def frozen_fixture():
    clock.freeze(TODAY, tz=UTC)
    yield TODAY
    clock.freeze(None)


@pytest.fixture(name="demo")
def demo_fixture(tmp_path: Path) -> Store:
    """The bundled sample network (no outreach yet); writes stamped at a fixed moment."""
    demo_store(tmp_path / "store.json")
    return Store(tmp_path / "store.json", now_ms=lambda: NOW_MS)


@pytest.fixture(name="fixed_ids")
def fixed_ids_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Record ids from a counter, so the item panel's short ids are the same every run."""
    counter = itertools.count(1)
    monkeypatch.setattr("store.records.new_id", lambda: str(uuid.UUID(int=_spread(next(counter)))))


def _spread(n: int) -> int:
    """A counter as a uuid whose first eight hex digits differ too (short ids are shown)."""
    return (n * 0x1F1F1F1 % 0xFFFFFFFF) << 96 | n


def journalists(store: Store, n: int = 10) -> list[str]:
    """The first `n` journalists who may be contacted, in store order."""
    return [
        c["id"]
        for c in store.load().live("contacts")
        if c.get("role") == "journalist" and not c.get("do_not_contact")
    ][:n]


def prepared(store: Store) -> list[dict]:
    """The new user's flow done through the store: ten journalists and the Quảng Ninh department
    planned for the revenue message (due +3d), three done with a note, one published; and a
    phone round to the Central Highlands departments without a message, overdue."""
    result = core.plan_outreach(
        store,
        core.PlanRequest(
            message=REVENUE,
            contacts=journalists(store),
            orgs=[QUANG_NINH],
            channel="email",
            due="+3d",
        ),
        SETTINGS,
        today=TODAY,
    )
    ids = [r["id"] for r in result.created]
    core.mark_done(store, ids[:3], SETTINGS, note="Đã gọi, hẹn viết bài tuần sau")
    core.change_items(
        store,
        ids[3:4],
        SETTINGS,
        status="published",
        link="https://vnexpress.net/doanh-thu-nganh-2022",
    )
    core.plan_outreach(
        store,
        core.PlanRequest(
            groups=["provincial_department"], region="Tây Nguyên", channel="phone", due="2023-11-28"
        ),
        SETTINGS,
        today=TODAY,
    )
    return result.created


def section(app):
    return app.main_screen.query_one("#section-outreach")


def network(app):
    return app.main_screen.query_one("#section-network")


def create(store: Store, **kwargs):
    """The app, recording every notification it shows: Textual drops a toast from
    `app._notifications` after its timeout, which a loaded test machine can exceed."""
    from tui.app import create_app

    app = create_app(store, **kwargs)
    seen: list[str] = []
    show = app.notify

    def notify(message, *args, **options):
        seen.append(str(message))
        return show(message, *args, **options)

    app.notify = notify
    app.seen_notes = seen
    return app


def notes(app) -> list[str]:
    """Every notification shown so far (see `create`)."""
    return list(getattr(app, "seen_notes", None) or [n.message for n in app._notifications])


async def idle(pilot, extra: float = 0.05) -> None:
    """Wait until no store job runs and the last write has been loaded back."""
    app = pilot.app
    for _ in range(500):
        await pilot.pause(0.01)
        if (
            app.data is not None
            and not app._job_running
            and not app._jobs
            and not any(w.group == "load" and w.is_running for w in app.workers)
        ):
            break
    await pilot.pause(extra)


async def until(pilot, condition, what: str = "condition", timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def open_outreach(pilot):
    """The app's Outreach tab once the store is shown; the section."""
    await idle(pilot)
    await pilot.press("f4")
    await until(pilot, lambda: built_section(pilot.app, "outreach"), "the outreach section")
    await pilot.pause(0.05)
    return section(pilot.app)


def live_items(store: Store) -> list[dict]:
    return store.load().live("outreach")


def statuses(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in live_items(store):
        counts[item["status"]] = counts.get(item["status"], 0) + 1
    return counts
