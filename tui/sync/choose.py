"""The dialog that asks for the shared file: the usual one-line question, with a wrapped hint."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import Static

from store.i18n import _

from ..screens.dialogs import AskScreen


class SharedFileScreen(AskScreen):
    """Asks for the shared file's path; `check` refuses a missing folder while typing."""

    def __init__(self, value: str, check: Callable[[str], str | None]) -> None:
        super().__init__(
            _("Shared file for sync"),
            _("Shared file:"),
            value=value,
            placeholder=_("e.g. /mnt/shared/lantoa-shared.json"),
            check=check,
            ok=_("Sync"),
        )

    def on_mount(self) -> None:
        hint = Static(
            Content(
                _(
                    "On a network drive, a synced folder or a USB stick; created if missing. "
                    "It is remembered once a sync with it works."
                )
            ),
            classes="dialog-text",
            id="shared-file-hint",
        )
        self.query_one(".dialog").mount(hint, after=self.query_one(".dialog-title"))

    def help_markdown(self) -> str:
        return _(
            "## Shared file for sync\n\nThe file your team shares (network drive, Nextcloud, "
            "Syncthing, OneDrive, Dropbox folder, USB stick). Type its path and press Enter: "
            "the app syncs with it at once, and remembers it for the next times (the command "
            "line's `lantoa sync` uses the same file). A file that is not a Lan Tỏa store is "
            "refused and nothing changes."
        )
