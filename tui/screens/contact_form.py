"""Add or edit a contact: a form that checks each field as you type with the store's own rules.

Nothing invalid is saved: the store validates again when writing, and any refusal (a bad field, a
locked or full disk) keeps the form open with everything typed. An edit sends only the fields the
person changed, so a change made meanwhile by someone else to another field is kept.

Keys act in the order typed, in the field focused when each was typed, however fast they come
(widgets/keyorder.py): Tab and shift+Tab move at once, the fields run their own bindings. A new
contact whose name (case and diacritics aside) is already in the chosen organisation gets the
CLI's warning under its name, before it is saved (the save still goes ahead, as in the CLI).
The app's quit key with changes here asks first, like Escape.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, TextArea

from store import network
from store.errors import LantoaError, ValidationError
from store.i18n import _
from store.model import CHANNELS, CONTACT_FIELDS, ROLES, validate
from store.reference import provinces
from store.validate import national_phone
from store.vietnamese import text_sort_key

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import (
    FOCUS_BINDINGS,
    DismissedOnTopOnly,
    HoldsKeysUntilReady,
    InOrderCheckbox,
    InOrderInput,
    InOrderSelect,
    InOrderTextArea,
)
from ..widgets.text import plain, role_label

#: Form order: (field, widget kind).
FORM: list[tuple[str, str]] = [
    ("full_name", "input"),
    ("org_id", "org"),
    ("title", "input"),
    ("role", "role"),
    ("emails", "input"),
    ("phones", "input"),
    ("zalo", "input"),
    ("preferred_channel", "channel"),
    ("province_code", "province"),
    ("beats", "input"),
    ("tags", "input"),
    ("notes", "text"),
    ("do_not_contact", "check"),
    ("consent_source", "input"),
    ("consent_date", "input"),
]
_LISTS = {"beats", "emails", "phones", "tags"}


def initial_text(record: dict, name: str) -> Any:
    """The value a field shows when the form opens (as a person would type it)."""
    value = record.get(name)
    if name == "phones":
        return ", ".join(national_phone(p) for p in value or [])
    if name == "zalo" and value and str(value).startswith("+84"):
        return national_phone(value)
    if name in _LISTS:
        return ", ".join(value or [])
    if name == "do_not_contact":
        return bool(value)
    return "" if value is None else str(value)


class ContactFormScreen(DismissedOnTopOnly, HoldsKeysUntilReady, ModalScreen[dict | None]):
    """Returns the saved record, or None when cancelled."""

    DEFAULT_CSS = """
    ContactFormScreen .field-warning { color: $text-warning; padding-left: 22; width: 100%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_BINDINGS,
        keys.bind("form.save", "save"),
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, orgs: list[dict], record: dict | None = None) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.orgs = orgs
        self.record = record
        self.initial = {name: initial_text(record or {}, name) for name, _kind in FORM}
        self.errors: dict[str, str] = {}
        self.saving = False
        #: The app's quit key is waiting for this save ("save" in the quit's question).
        self.quit_after_save = False

    # -- building ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = (
            _("Edit {name}", name=plain(self.record.get("full_name")))
            if self.record
            else _("New contact")
        )
        with Vertical(classes="dialog form"):
            yield Label(Content(title), classes="dialog-title")
            with VerticalScroll(id="form-fields"):
                for name, kind in FORM:
                    label = _(CONTACT_FIELDS[name].label)
                    if CONTACT_FIELDS[name].required:
                        label += " *"
                    with Horizontal(classes="form-row"):
                        yield Label(Content(label), classes="form-label")
                        yield self._field(name, kind)
                    yield Label("", id=f"error-{name}", classes="field-error")
                    if name == "full_name":
                        yield Label("", id="namesake", classes="field-warning")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save"), variant="primary", id="save")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def _field(self, name: str, kind: str):
        value = self.initial[name]
        wid = f"field-{name}"
        if kind == "input":
            hint = {
                "emails": "name@so.gov.vn",
                "phones": "0912 345 678",
                "consent_date": "2024-05-31",
                "beats": _("comma-separated"),
                "tags": _("comma-separated"),
            }.get(name, "")
            # not selected on focus: the next key replaced the text (after a refused save)
            return InOrderInput(
                value, placeholder=hint, id=wid, compact=True, select_on_focus=False
            )
        if kind == "text":
            return InOrderTextArea(value, id=wid, compact=True, soft_wrap=True)
        if kind == "check":
            return InOrderCheckbox(_("yes"), value, id=wid, compact=True)
        options = self._options(kind)
        if value and value not in {v for _l, v in options}:
            # keep a value the lists no longer offer (an ended organisation): never drop it
            options.append((Content(_("(not in the list) {value}", value=plain(value))), value))
        return InOrderSelect(options, prompt="—", compact=True, id=wid, value=value or Select.NULL)

    def _options(self, kind: str) -> list[tuple[Content, str]]:
        if kind == "org":
            return [(Content(plain(o.get("name"))), o["id"]) for o in self.orgs]
        if kind == "role":
            return [(Content(role_label(k)), k) for k in ROLES]
        if kind == "channel":
            return [(Content(_(label)), k) for k, label in CHANNELS.items()]
        found = sorted(provinces().values(), key=lambda p: text_sort_key(p.name))
        return [(Content(p.name), p.code) for p in found]

    def on_mount(self) -> None:
        self.query_one("#field-full_name", Input).focus()
        for name, _kind in FORM:
            self.query_one(f"#error-{name}", Label).display = False
        self.query_one("#namesake", Label).display = False
        self.call_after_refresh(self.keys_ready)  # the keys typed while it opened go in now

    # -- reading and checking ----------------------------------------------------------------

    def current(self, name: str) -> Any:
        widget = self.query_one(f"#field-{name}")
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        if isinstance(widget, TextArea):
            return widget.text
        if isinstance(widget, Checkbox):
            return widget.value
        return widget.value

    def _as_value(self, name: str, value: Any) -> Any:
        """What the store's validation gets for a field: None clears it."""
        if name == "do_not_contact":
            return True if value else None
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return value

    def check_field(self, name: str) -> str | None:
        value = self._as_value(name, self.current(name))
        try:
            if value is None:
                if CONTACT_FIELDS[name].required:
                    validate("contacts", {name: ""}, partial=True)
            else:
                validate("contacts", {name: value}, partial=True)
        except ValidationError as exc:
            message = exc.fields.get(name) or str(exc)
            self.errors[name] = message
        else:
            self.errors.pop(name, None)
        label = self.query_one(f"#error-{name}", Label)
        label.update(Content(self.errors.get(name, "")))
        label.display = name in self.errors
        return self.errors.get(name)

    def on_input_changed(self, event: Input.Changed) -> None:
        name = (event.input.id or "").removeprefix("field-")
        self.check_field(name)
        if name == "full_name":
            self.check_namesakes()

    def on_select_changed(self, event: Select.Changed) -> None:
        name = (event.select.id or "").removeprefix("field-")
        self.check_field(name)
        if name == "org_id":
            self.check_namesakes()

    def namesakes(self) -> list[dict]:
        """Live contacts of the chosen organisation with the name typed (case and diacritics
        aside): the CLI's check, on what the app has loaded (the store checks again when
        writing). Only for a new contact."""
        data = getattr(self.app, "data", None)
        name = self.current("full_name")
        org_id = self.current("org_id")
        if self.record is not None or data is None or not org_id or not str(name).strip():
            return []
        return network.same_name_in_org(data.snapshot, {"full_name": name, "org_id": org_id})

    def check_namesakes(self) -> list[dict]:
        """Show, under the name, who has this name in this organisation already."""
        found = self.namesakes()
        label = self.query_one("#namesake", Label)
        label.update(
            Content(
                "\n".join(
                    _(
                        "{name} ({id}) with the same name is already in this organisation",
                        name=plain(c.get("full_name")),
                        id=c["id"][:8],
                    )
                    for c in found
                )
            )
        )
        label.display = bool(found)
        return found

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self.check_field((event.text_area.id or "").removeprefix("field-"))

    def changes(self) -> dict[str, Any]:
        """For a new contact: every filled field; for an edit: the fields that changed.

        Values are compared as the store gets them: an empty list box (None) is the same as
        the empty text it opened with.
        """
        out: dict[str, Any] = {}
        for name, _kind in FORM:
            value = self._as_value(name, self.current(name))
            if value == self._as_value(name, self.initial[name]):
                continue
            out[name] = value
        return out

    # -- saving ------------------------------------------------------------------------------

    def _focus_an_error(self) -> None:
        """Stay in a bad field being fixed, else go to the first bad one."""
        focused = self.focused
        here = (focused.id or "").removeprefix("field-") if focused is not None else ""
        if here in self.errors:
            return
        first = next(name for name, _kind in FORM if name in self.errors)
        self.query_one(f"#field-{first}").focus()

    def action_save(self) -> None:
        if self.saving:
            return
        for name, _kind in FORM:
            self.check_field(name)
        self.check_namesakes()
        if self.errors:
            self.quit_after_save = False
            self._focus_an_error()
            self.notify(
                _("Fix the marked fields first: {errors}", errors="; ".join(self.errors.values())),
                severity="error",
                markup=False,
            )
            return
        values = self.changes()
        if self.record is not None and not values:
            self.dismiss(None)
            self._quit_if_asked()
            return
        self.saving = True
        record_id = self.record["id"] if self.record else None

        def write(store):
            if record_id is None:
                return network.add_contact(store, values)
            return network.edit_contact(store, record_id, values), []

        self.app.run_store_job(write, self._saved, self._failed)

    def _saved(self, result: tuple[dict, list[str]]) -> None:
        self.saving = False
        record, warnings = result
        for warning in warnings:
            self.notify(warning, severity="warning", markup=False)
        self.dismiss(record)
        self._quit_if_asked()

    def _quit_if_asked(self) -> None:
        if self.quit_after_save:
            self.quit_after_save = False
            self.app.exit()

    def _failed(self, exc: Exception) -> None:
        self.saving = False
        self.quit_after_save = False  # the form stays, with what was typed
        if isinstance(exc, ValidationError):
            for name, message in exc.errors:
                if name in dict(FORM):
                    self.errors[name] = message
                    label = self.query_one(f"#error-{name}", Label)
                    label.update(Content(message))
                    label.display = True
        message = str(exc) if isinstance(exc, LantoaError) else repr(exc)
        self.notify(
            _("Not saved: {why}. Your input is still here.", why=message),
            severity="error",
            markup=False,
            timeout=10,
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        """Close; with changes, ask first (keep editing, discard or save): never lose them
        silently."""
        from .dialogs import UnsavedScreen

        if self.saving:
            return  # the write is under way; its result closes the form or reports
        if not self.changes():
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.dismiss(None)
            elif answer == "save":
                self.action_save()

        self.app.push_screen(UnsavedScreen(self._what()), answered)

    def _what(self) -> str:
        return _("this contact") if self.record is None else plain(self.record.get("full_name"))

    def hold_quit(self) -> bool:
        """The app's quit key (once the keys typed before it are in the fields): with changes,
        ask first, as Escape does (keep editing; discard and quit; save and quit). True: the
        form holds the quit."""
        from .dialogs import UnsavedScreen

        if self.saving:  # a write under way: quit once it is done (a failure keeps the form)
            self.quit_after_save = True
            return True
        if not self.changes():
            return False

        def answered(answer: str | None) -> None:
            if answer == "discard":
                self.app.exit()
            elif answer == "save":
                self.quit_after_save = True
                self.action_save()

        self.app.push_screen(UnsavedScreen(self._what()), answered)
        return True

    def help_markdown(self) -> str:
        return _(
            "## Contact form\n\nFields marked * are required. Each field is checked as you "
            "type with the same rules as the command line; the message under a field says "
            "what to fix. Lists (emails, phones, beats, tags) are separated by commas. Phones "
            "can be written as 0912 345 678 or +84 912 345 678.\n\nSave with {save}; {cancel} "
            "closes, and asks first whether to keep editing, discard or save if you changed "
            "anything. If saving fails (the store is busy, the disk is full), the form stays "
            "open with everything you typed.",
            save=keys.display_keys("form.save"),
            cancel=keys.display_keys("form.cancel"),
        )
