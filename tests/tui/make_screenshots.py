"""Write the README screenshots (SVG) of the app on the sample network.

Run: python tests/tui/make_screenshots.py   (writes tests/tui/screenshots/*.svg)
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from tuikit import network_section, wait_ready  # noqa: E402

from store.i18n import set_language  # noqa: E402
from store.sample import demo_store  # noqa: E402
from tui.app import create_app  # noqa: E402


async def shoot(lang: str, name: str, query: str, size=(120, 40)) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HOME"] = folder
        os.environ["LANTOA_CONFIG_DIR"] = str(Path(folder) / "config")
        os.environ["LANTOA_DATA_DIR"] = str(Path(folder) / "data")
        store = demo_store(Path(folder) / "demo.json")
        app = create_app(store, lang=lang, config={}, demo=True)
        async with app.run_test(size=size) as pilot:
            await wait_ready(pilot)
            await pilot.press(*query)
            await pilot.pause(0.3)
            network_section(app).contact_list.focus()
            await pilot.pause(0.3)
            target = HERE / "screenshots" / name
            target.write_text(app.export_screenshot(title="Lan Tỏa"), encoding="utf-8")
    set_language("en")
    return target


def main() -> None:
    from textual.widgets import Input

    Input._toggle_cursor = lambda self: None  # a steady picture
    for lang, name, query in (
        ("en", "network.svg", "quang ninh"),
        ("vi", "network-vi.svg", "bao chi"),
    ):
        print(asyncio.run(shoot(lang, name, query)))


if __name__ == "__main__":
    main()
