"""An honest empty state for a section whose screen is not built yet: what it will hold and
what already works today (the command line, counts of what the store already has)."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Static

from store.i18n import _

from .base import Section, StoreData


class PlaceholderSection(Section):
    """Subclasses set the table, the texts and the CLI module that already works."""

    table = ""
    cli_module = ""
    cli_command = ""

    def purpose(self) -> str:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Center(), Vertical(classes="placeholder-box"):
            yield Static(Content(self.purpose()), classes="placeholder-text")
            yield Static("", classes="placeholder-count", id=f"{self.section_id}-count")
            yield Static(Content(self.cli_hint()), classes="placeholder-cli")

    def cli_hint(self) -> str:
        cli = Path(__file__).resolve().parent.parent / "cli" / f"{self.cli_module}.py"
        if cli.exists():  # looked up as a file: importing the CLI here would cost start-up time
            return _(
                "Today: use the command line, `{command}` (see `{command} --help`).",
                command=self.cli_command,
            )
        return _("This part of Lan Tỏa is not built yet.")

    def store_changed(self, data: StoreData) -> None:
        n = len(data.snapshot.live(self.table))
        self.query_one(f"#{self.section_id}-count", Static).update(
            Content(_("The store holds {n} records of this kind.", n=n))
        )

    def focus_default(self) -> None:
        self.screen.set_focus(None)

    def help_markdown(self) -> str:
        return "## " + self.purpose()
