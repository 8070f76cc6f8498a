"""Write the README screenshots (SVG) of the Outreach tab on the sample network.

Run: python tests/tui/outreach/make_outreach_screenshots.py
(writes tests/tui/outreach/screenshots/outreach.svg, coverage.svg and coverage-vi.svg)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from datetime import UTC
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from outkit import CONFIG, NOW_MS, TODAY, idle, prepared  # noqa: E402

from store import Store  # noqa: E402
from store.i18n import set_language  # noqa: E402
from store.sample import demo_store  # noqa: E402
from tui.app import create_app  # noqa: E402
from tui.outreach import clock  # noqa: E402


async def shoot(lang: str, name: str, view: str, size=(120, 40)) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HOME"] = folder
        os.environ["LANTOA_CONFIG_DIR"] = str(Path(folder) / "config")
        os.environ["LANTOA_DATA_DIR"] = str(Path(folder) / "data")
        demo_store(Path(folder) / "demo.json")
        store = Store(Path(folder) / "demo.json", now_ms=lambda: NOW_MS)
        prepared(store)
        clock.freeze(TODAY, tz=UTC)
        app = create_app(store, lang=lang, config=CONFIG, demo=True)
        async with app.run_test(size=size) as pilot:
            await idle(pilot)
            await pilot.press("f4")
            await pilot.pause(0.3)
            if view == "coverage":
                await pilot.press("v")
                await pilot.pause(0.3)
            target = HERE / "screenshots" / name
            target.parent.mkdir(exist_ok=True)
            target.write_text(app.export_screenshot(title="Lan Tỏa"), encoding="utf-8")
    clock.freeze(None)
    set_language("en")
    return target


def main() -> None:
    from textual.widgets import Input

    Input._toggle_cursor = lambda self: None  # a steady picture
    for lang, name, view in (
        ("en", "outreach.svg", "items"),
        ("en", "coverage.svg", "coverage"),
        ("vi", "coverage-vi.svg", "coverage"),
    ):
        print(asyncio.run(shoot(lang, name, view)))


if __name__ == "__main__":
    main()
