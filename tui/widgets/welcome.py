"""The first-run view: an empty store offers a way in instead of an empty table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from store.i18n import _


class WelcomeView(Vertical):
    """Load the sample network, import a CSV file, or add the first contact."""

    class Chosen(Message):
        def __init__(self, action: str) -> None:
            super().__init__()
            self.action = action

    def __init__(self, *, can_sample: bool, can_import: bool, **kwargs) -> None:
        super().__init__(**kwargs)
        self.can_sample = can_sample
        self.can_import = can_import

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="welcome-box"):
            yield Static(_("Welcome to Lan Tỏa"), id="welcome-title")
            yield Static(
                _(
                    "This store has no contacts yet. Start with one of these; everything can be "
                    "changed later, and the command line (`lantoa --help`) works on the same "
                    "store."
                ),
                id="welcome-text",
                markup=False,
            )
            yield Button(
                _("Load the sample network"),
                id="welcome-sample",
                variant="primary",
                disabled=not self.can_sample,
            )
            yield Button(_("Import a CSV file…"), id="welcome-import", disabled=not self.can_import)
            yield Button(_("Add the first contact"), id="welcome-add")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Chosen((event.button.id or "").removeprefix("welcome-")))

    def focus_default(self) -> None:
        for button in self.query(Button):
            if not button.disabled:
                button.focus()
                return

    def help_markdown(self) -> str:
        return _(
            "## Welcome\n\nThe store is empty. **Load the sample network** fills it with the "
            "sector's ministry units, provincial departments and press agencies and example "
            "people; **Import a CSV file** reads your own list; **Add the first contact** opens "
            "the contact form."
        )
