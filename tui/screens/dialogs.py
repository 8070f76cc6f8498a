"""Small modal dialogs: confirm, unsaved changes, ask for a text (a path, a tag), bulk tag.

The text dialogs' keys act in the order typed, however fast they come (widgets/keyorder.py):
"Backspaces, then a name, then Enter" submits the name, not the name erased.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from store.i18n import _

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import FOCUS_BINDINGS, HoldsKeysUntilShown, InOrderInput


class ConfirmScreen(HoldsKeysUntilShown, ModalScreen[bool]):
    """Yes or no, with the question in plain text (it may quote store data)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("dialog.yes", "answer(True)"),
        keys.bind("dialog.no", "answer(False)"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, title: str, question: str, yes: str | None = None) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.title_text = title
        self.question = question
        self.yes = yes or _("Yes")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Static(Content(self.question), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.yes), variant="error", id="yes")
                yield Button(_("Cancel"), id="no")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    def help_markdown(self) -> str:
        return _(
            "## Confirm\n\nPress Yes to go ahead or Cancel (Escape) to leave things as they are."
        )


class UnsavedScreen(HoldsKeysUntilShown, ModalScreen[str]):
    """A form closed with changes: "keep" editing (Escape, the default), "discard" or "save".

    Like ConfirmScreen, y answers the question (discard) and n or Escape does not; the form's
    own save key saves.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("dialog.yes", "answer('discard')"),
        keys.bind("dialog.no", "answer('keep')"),
        keys.bind("form.save", "answer('save')"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, what: str) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(_("Discard changes?")), classes="dialog-title")
            yield Static(
                Content(_("You changed {what} and did not save it.", what=self.what)),
                classes="dialog-text",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Keep editing"), id="keep")
                yield Button(_("Discard"), variant="error", id="discard")
                yield Button(_("Save"), variant="primary", id="save")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#keep", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "keep")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def help_markdown(self) -> str:
        return _(
            "## Discard changes?\n\nKeep editing (Escape) goes back to the form with everything "
            "you typed; Discard ({yes}) closes it without saving; Save ({save}) saves and "
            "closes it.",
            yes=keys.display_keys("dialog.yes"),
            save=keys.display_keys("form.save"),
        )


class AskScreen(HoldsKeysUntilShown, ModalScreen[str | None]):
    """Ask for one line of text; `check` returns an error message or None while typing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_BINDINGS,
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(
        self,
        title: str,
        label: str,
        *,
        value: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        suggestions: list[str] | None = None,
        ok: str | None = None,
    ) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.title_text = title
        self.label = label
        self.value = value
        self.placeholder = placeholder
        self.check = check
        self.suggestions = suggestions or []
        self.ok = ok or _("OK")

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Content(self.title_text), classes="dialog-title")
            yield Label(Content(self.label))
            yield InOrderInput(
                self.value,
                placeholder=self.placeholder,
                id="ask-input",
                suggester=SuggestFromList(self.suggestions, case_sensitive=False)
                if self.suggestions
                else None,
            )
            yield Label("", id="ask-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self.ok), variant="primary", id="ok")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#ask-input", Input).focus()

    def _error(self, value: str) -> str | None:
        if not value.strip():
            return _("Type something first.")
        return self.check(value) if self.check else None

    def on_input_changed(self, event: Input.Changed) -> None:
        error = self._error(event.value) if event.value else None
        label = self.query_one("#ask-error", Label)
        label.update(Content(error or ""))
        label.display = bool(error)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        value = self.query_one("#ask-input", Input).value
        error = self._error(value)
        if error:
            label = self.query_one("#ask-error", Label)
            label.update(Content(error))
            label.display = True
            return
        self.dismiss(value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return _(
            "## {title}\n\nType the value and press Enter; Escape cancels.", title=self.title_text
        )


class TagScreen(HoldsKeysUntilShown, ModalScreen[tuple[str, str] | None]):
    """Add a tag to, or remove it from, the chosen contacts: returns (add|remove, tag)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_BINDINGS,
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(
        self, count: int, suggestions: list[str], check: Callable[[str], str | None]
    ) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.count = count
        self.suggestions = suggestions
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Tag {n} contacts", n=self.count), classes="dialog-title")
            yield InOrderInput(
                placeholder=_("tag, e.g. hội nghị 2024"),
                id="tag-input",
                suggester=SuggestFromList(self.suggestions, case_sensitive=False),
            )
            yield Label("", id="tag-error", classes="field-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Add tag"), variant="primary", id="add")
                yield Button(_("Remove tag"), id="remove")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#tag-input", Input).focus()

    def _problem(self, value: str) -> str | None:
        if not value.strip():
            return _("Type a tag first.")
        return self.check(value)

    def on_input_changed(self, event: Input.Changed) -> None:
        error = self._problem(event.value) if event.value else None
        label = self.query_one("#tag-error", Label)
        label.update(Content(error or ""))
        label.display = bool(error)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish("add")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("add", "remove"):
            self._finish(event.button.id)
        else:
            self.dismiss(None)

    def _finish(self, how: str) -> None:
        value = self.query_one("#tag-input", Input).value
        error = self._problem(value)
        if error:
            label = self.query_one("#tag-error", Label)
            label.update(Content(error))
            label.display = True
            return
        self.dismiss((how, value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return _(
            "## Tag contacts\n\nType a tag (existing tags are suggested; → accepts the "
            "suggestion) and choose Add or Remove. The change is one write for all chosen "
            "contacts and can be undone."
        )
