"""F1: help for the part of the screen that has the focus, its keys, and every key of the app."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown, Static

from store.i18n import _

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilShown


def help_for(screen) -> str:
    """The help text of the focused widget or its nearest ancestor that has one."""
    node = screen.focused or screen
    for candidate in [node, *node.ancestors]:
        method = getattr(candidate, "help_markdown", None)
        if method is not None:
            text = method()
            if text:
                return text
    return _("## Lan Tỏa\n\nThe press officer's desk for the communications network.")


def active_keys(screen) -> list[tuple[str, str]]:
    """(keys, description) of the bindings active where F1 was pressed."""
    rows = []
    seen = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if binding.id not in keys.KEYS or binding.id in seen:
            continue  # Textual's own editing keys (cursor left, …) are not Lan Tỏa's to explain
        seen.add(binding.id)
        rows.append((screen.app.get_key_display(binding), binding.description))
    return rows


def keys_renderable(rows, headers: list[str]) -> Table:
    """A plain Rich table (Markdown tables are slow to lay out for 30 rows)."""
    table = Table(*headers, box=None, padding=(0, 2, 0, 0), header_style="bold")
    for row in rows:
        table.add_row(*(Text(str(cell)) for cell in row))
    return table


class HelpScreen(HoldsKeysUntilShown, ModalScreen[None]):
    """Shown over the screen it explains; Escape or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [keys.bind("dialog.close", "close")]

    def __init__(self, screen) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.topic = help_for(screen)
        self.here = active_keys(screen)
        self.keymap = dict(getattr(screen.app, "_keymap", {}))
        self.all_keys = keys.keys_table(self.keymap)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(Content(_("Help")), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Markdown(self.topic, id="help-topic")
                if self.here:
                    yield Label(Content(_("Keys here")), classes="help-heading")
                    yield Static(
                        keys_renderable(self.here, [_("Keys"), _("Action")]), id="help-here"
                    )
                yield Label(Content(_("All keys")), classes="help-heading")
                yield Static(
                    Content(
                        _(
                            "Remap any key in config.toml under [keys] by its id, "
                            'e.g. `"network.edit" = "f4"`.'
                        )
                    ),
                    classes="help-note",
                )
                yield Static(
                    keys_renderable(self.all_keys, [_("Where"), "id", _("Keys"), _("Action")]),
                    id="help-all",
                )
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
