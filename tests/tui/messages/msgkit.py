"""Helpers for the Messages section's Pilot tests: the sample network in a fresh store, a frozen
clock (figure ages and the crisis timer depend on it), and waits on the app's store jobs.

Test modules import the fixtures they use from here (`cards_store` gives the fixture `cards`).
This folder has no conftest.py: a second `conftest` module would shadow tests/tui/conftest.py for
the tests that import it by name.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from tuikit import built_section

from store import Store
from store.sample import demo_store
from tui.messages import clock

#: The day the tests live in: a week after the sample messages were written.
FROZEN = datetime(2023, 12, 1, 9, 0)
#: Sample message ids (store/data/sample_messages.json).
REVENUE = "81e18262-15d3-5e3d-a02c-d204a8153e18"  # complete, ready (vi)
WORKFORCE = "4e3aabca-a0a6-5fa7-b04c-a42d3021bac0"  # complete draft with a warning (en)
DRAFT = "41c1608f-276c-5c91-a0c0-60c17b572c71"  # the incomplete policy draft (vi)


@pytest.fixture(name="frozen")
def frozen_clock():
    clock.freeze(FROZEN, tz=UTC)
    yield FROZEN
    clock.freeze(None)


@pytest.fixture(name="demo")
def demo_network(tmp_path: Path) -> Store:
    """The bundled sample network (contacts and the three sample messages)."""
    return demo_store(tmp_path / "store.json")


@pytest.fixture(name="cards")
def cards_store(tmp_path: Path) -> Store:
    """Only the three sample messages (and two contacts): quicker to load than the network."""
    from store import network
    from store.sample import sample_data

    store = Store(tmp_path / "store.json")
    with store.transaction() as tx:
        for record in sample_data()["messages"]:
            tx.put("messages", record)
    network.add_contact(store, {"full_name": "Nguyễn Thị Lan", "emails": ["lan@example.org"]})
    network.add_contact(store, {"full_name": "Trần Văn Bình", "phones": ["0912345678"]})
    return store


def section(app):
    return app.main_screen.query_one("#section-messages")


def notes(app) -> list[str]:
    return [n.message for n in app._notifications]


async def idle(pilot, extra: float = 0.0) -> None:
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
    await pilot.pause(extra or 0.05)


async def until(pilot, condition, what: str = "condition", timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


async def open_messages(pilot) -> object:
    """Start the app's Messages tab once the store is shown; the section."""
    await idle(pilot)
    await pilot.press("f3")
    await until(
        pilot,
        lambda: built_section(pilot.app, "messages") and section(pilot.app).table.rows_data,
        "the message list",
    )
    await pilot.pause()
    return section(pilot.app)


async def open_message(pilot, record_id: str):
    """Open the card of `record_id` from the list; the editor."""
    sec = await open_messages(pilot)
    index = next(i for i, (r, _rep) in enumerate(sec.table.rows_data) if r["id"] == record_id)
    sec.table.move_cursor(row=index)
    sec.table.focus()
    await pilot.pause()
    await pilot.press("enter")
    await until(
        pilot, lambda: sec.editor is not None and sec.editor.report is not None, "the editor"
    )
    await until(pilot, lambda: sec.editor.form.reveals > 0, "the first field shown")
    await pilot.pause(0.05)
    return sec.editor


def fake_editor(tmp_path: Path, body: str, name: str = "fake_editor.py") -> str:
    """An $EDITOR command running a Python script; `body` gets `path` (the file) and `text`
    (its content) and rewrites the file. Every input it saw is appended to seen.txt."""
    import sys

    script = tmp_path / name
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        f"seen = pathlib.Path({str(tmp_path / 'seen.txt')!r})\n"
        "seen.open('a', encoding='utf-8').write(text + '\\n=====\\n')\n" + body,
        encoding="utf-8",
    )
    return f"{sys.executable} {script}"


async def close_card(pilot) -> None:
    """Close the open card (it saves what changed) and wait for the list."""
    sec = section(pilot.app)
    await pilot.press("escape")
    await until(pilot, lambda: sec.editor is None, "the list")
    await idle(pilot)


async def reloaded(pilot, before) -> None:
    """After a change made outside the app: look at the store now (instead of waiting for the
    app's next poll) and wait until the new version is loaded."""
    app = pilot.app
    app._poll()
    await until(pilot, lambda: app.data is not before, "the reload", timeout=8)
