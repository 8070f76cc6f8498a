"""F1: help for the part of the screen that has the focus, its keys, and every key of the app."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Markdown

from store.i18n import _

from .. import keys


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


def active_keys_markdown(screen) -> str:
    rows = []
    seen = set()
    for key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or (binding.id or key) in seen:
            continue
        seen.add(binding.id or key)
        shown = screen.app.get_key_display(binding)
        rows.append(f"| {shown.replace('|', '¦')} | {binding.description} |")
    if not rows:
        return ""
    return "\n".join([f"| {_('Keys')} | {_('Action')} |", "|---|---|", *rows])


class HelpScreen(ModalScreen[None]):
    """Shown over the screen it explains; Escape or F1 closes it."""

    BINDINGS = [keys.bind("dialog.close", "close")]

    def __init__(self, screen) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.topic = help_for(screen)
        self.here = active_keys_markdown(screen)
        self.keymap = dict(getattr(screen.app, "_keymap", {}))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog help"):
            yield Label(Content(_("Help")), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                yield Markdown(self.topic, id="help-topic")
                if self.here:
                    yield Markdown(f"### {_('Keys here')}\n\n{self.here}", id="help-here")
                yield Markdown(
                    f"### {_('All keys')}\n\n"
                    + _("Remap any key in config.toml under [keys] by its id, e.g. "
                        "`\"network.edit\" = \"f4\"`.")
                    + "\n\n" + keys.keys_markdown(self.keymap),
                    id="help-all",
                )

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()

    def action_close(self) -> None:
        self.dismiss(None)
