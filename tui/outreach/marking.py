"""The status dialog: mark items done, replied, published or declined (or any status), with a note.

Two keys for the common case: `d` then Enter marks done. Published asks for the link to the
coverage (required unless every item already has one); every value is checked by the store's own
rules (`check_change`) before anything is written, and problems show under the field.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from store import outreach as core
from store.errors import ValidationError
from store.i18n import _

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import FOCUS_BINDINGS, HoldsKeysUntilShown, InOrderInput, InOrderSelect
from .common import close_or_ask, css, items_named, items_text


def mark_title(status: str | None, n: int) -> str:
    if status is None:
        return _("Status of {items}", items=items_text(n))
    return _(
        "Mark {items} as {status}", items=items_text(n), status=core.status_label(status).lower()
    )


class MarkScreen(HoldsKeysUntilShown, ModalScreen[dict | None]):
    """Returns {"status", "note", "link"} (stored forms) or None when cancelled.

    `status=None` lets the person choose any status; `note_only` asks for a note alone;
    `views` (the list's items) are named under the title, so the dialog says which it changes.
    """

    SCOPED_CSS = False
    DEFAULT_CSS = css()
    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_BINDINGS,
        keys.bind("form.save", "save"),
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(
        self,
        count: int,
        status: str | None = None,
        *,
        needs_link: bool = True,
        current: str | None = None,
        note_only: bool = False,
        views: list[dict] | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.count = count
        self.status = status
        self.needs_link = needs_link
        self.current = current
        self.note_only = note_only
        self.tried = False
        self.named = items_named(views or [])

    def compose(self) -> ComposeResult:
        title = (
            _("Note on {items}", items=items_text(self.count))
            if self.note_only
            else mark_title(self.status, self.count)
        )
        with Vertical(classes="dialog out-dialog", id="mark-dialog"):
            heading = Label(Content(title), classes="dialog-title")
            if self.named:  # the items right under the title (the app's CSS spaces titles)
                heading.styles.margin = (0, 0, 0, 0)
            yield heading
            if self.named:
                yield Label(Content(self.named), id="mark-items")
            if self.status is None and not self.note_only:
                with Horizontal(classes="out-row"):
                    yield Label(_("Status"), classes="out-label")
                    yield InOrderSelect(
                        [(Content(core.status_label(k)), k) for k in core.STATUSES],
                        value=self.current if self.current in core.STATUSES else "done",
                        allow_blank=False,
                        compact=True,
                        id="mark-status",
                    )
                yield Label("", id="mark-status-error", classes="out-error")
            with Horizontal(classes="out-row", id="mark-link-row"):
                yield Label(_("Link"), classes="out-label")
                yield InOrderInput(
                    placeholder=_("https://… the published article"), compact=True, id="mark-link"
                )
            yield Label("", id="mark-link-error", classes="out-error")
            with Horizontal(classes="out-row"):
                yield Label(_("Note"), classes="out-label")
                yield InOrderInput(
                    placeholder=_("what was said or agreed (optional)")
                    if not self.note_only
                    else _("the note to keep in the history"),
                    compact=True,
                    id="mark-note",
                )
            yield Label("", id="mark-note-error", classes="out-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="mark-ok")
                yield Button(_("Cancel"), id="mark-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_link()
        if self.status is None and not self.note_only:
            self.query_one("#mark-status", Select).focus()
        elif self.chosen_status() == "published":
            self.query_one("#mark-link", Input).focus()
        else:
            self.query_one("#mark-note", Input).focus()

    def chosen_status(self) -> str | None:
        if self.note_only:
            return None
        if self.status is not None:
            return self.status
        value = self.query_one("#mark-status", Select).value
        return None if value is Select.NULL else str(value)

    def _show_link(self) -> None:
        self.query_one("#mark-link-row").display = self.chosen_status() == "published"
        if self.chosen_status() != "published":
            self._error("link", "")

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._show_link()

    def values(self) -> dict:
        link = self.query_one("#mark-link", Input).value.strip()
        return {
            "status": self.chosen_status(),
            "note": self.query_one("#mark-note", Input).value.strip() or None,
            "link": (link or None) if self.chosen_status() == "published" else None,
        }

    def problems(self) -> dict[str, str]:
        """Field -> what is wrong (empty when the change can be saved)."""
        values = self.values()
        found: dict[str, str] = {}
        if self.note_only and not values["note"]:
            found["note"] = _("Type the note.")
        try:
            if values["status"] or values["note"]:
                core.check_change(status=values["status"], note=values["note"], link=values["link"])
        except ValidationError as exc:
            for name, message in exc.errors:
                found.setdefault(name if name in ("status", "link", "note") else "note", message)
        if values["status"] == "published" and not values["link"] and self.needs_link:
            found.setdefault(
                "link", _("Published needs the link to the coverage, like https://baochinhphu.vn/…")
            )
        return found

    def _error(self, name: str, message: str) -> None:
        found = self.query(f"#mark-{name}-error")
        if found:
            label = found.first(Label)
            label.update(Content(message))
            label.display = bool(message)

    def _show_problems(self) -> dict[str, str]:
        found = self.problems()
        for name in ("status", "link", "note"):
            self._error(name, found.get(name, ""))
        return found

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self.tried or (event.input.id == "mark-link" and event.value.strip()):
            found = self.problems()
            name = "link" if event.input.id == "mark-link" else "note"
            self._error(name, found.get(name, ""))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "mark-ok":
            self._submit()
        else:
            self.action_cancel()

    def _submit(self) -> None:
        self.tried = True
        found = self._show_problems()
        if found:
            name = next(iter(found))
            target = {"status": "#mark-status", "link": "#mark-link"}.get(name, "#mark-note")
            if self.query(target):
                self.query_one(target).focus()
            return
        self.dismiss(self.values())

    def typed(self) -> str | None:
        """What Escape would lose, in words for "Discard changes?" (None: nothing typed).

        A status chosen in the list is one key to choose again; a typed note or link is not.
        """
        note = self.query_one("#mark-note", Input).value.strip()
        link = self.query_one("#mark-link", Input).value.strip()
        if note and link:
            return _("the note and the link")
        if note:
            return _("the note")
        if link:
            return _("the link")
        return None

    def action_save(self) -> None:
        """ctrl+s, as in every other form (Enter in a field saves too)."""
        self._submit()

    def action_cancel(self) -> None:
        """Close; with a typed note or link, ask first (keep editing, discard or save)."""
        close_or_ask(self, self.typed(), self._submit)

    def help_markdown(self) -> str:
        return _(
            "## Change the status\n\nThe note is kept in each item's history with the "
            "change (who, when, from which status). Published needs the link to the "
            "coverage. Enter saves, Escape cancels; the change can be undone in the list."
        )
