"""No stray characters at the right edge: the footer's command-palette key and the notifications
reach the last column, so nothing underneath shows through there ("^p Commandst", a lone "d"
after the status line beside a notification)."""

from __future__ import annotations

import pytest
from textual.widgets import Footer
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast
from tuikit import network_section, wait_ready

from store.i18n import set_language
from tui.app import create_app

SIZES = [(80, 24), (120, 35)]


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    set_language("en")


async def until(pilot, condition, what: str) -> None:
    for _ in range(300):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"timed out waiting for {what}")


def last_row(app) -> str:
    return app.screen._compositor.render_strips()[-1].text


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x35"])
async def test_the_command_key_owns_the_last_column_of_a_full_footer(big, lang, size):
    app = create_app(big, lang=lang, config={})
    width, height = size
    async with app.run_test(size=size) as pilot:
        await wait_ready(pilot)
        network_section(app).contact_list.focus()  # many keys: the footer overflows
        await until(pilot, lambda: "Tag" in last_row(app) or "Thẻ" in last_row(app), "the keys")
        footer = app.main_screen.query_one(Footer)
        assert footer.virtual_size.width > footer.size.width or width > 100
        widget, _region = app.screen.get_widget_at(width - 1, height - 1)
        assert isinstance(widget, FooterKey) and widget.has_class("-command-palette")
        palette = "^p Commands" if lang == "en" else "^p Lệnh"
        assert last_row(app).rstrip().endswith(palette)


async def test_a_notification_reaches_the_right_edge(big):
    app = create_app(big, config={})
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_ready(pilot)
        app.set_status("sync", "⇅ synced")
        app.notify("Undone: deletion of Nguyễn Thị Lan.")
        await until(pilot, lambda: app.screen.query(Toast), "the notification")
        await pilot.pause(0.2)
        toast = app.screen.query_one(Toast)
        assert toast.region.right == 80
        bottom = toast.region.bottom - 1  # the toast's last row lies on the status line
        for x in (78, 79):
            assert app.screen.get_widget_at(x, bottom)[0] is toast
