"""Export a message: Markdown, plain text or an email (.eml) to a file, or copy it to the clipboard.

The file name starts in ~/Documents (else the current folder) named after the message; an existing
file is only replaced after asking. Email recipients are contacts of the network found by search
(the store's Vietnamese search: no diacritics needed); the sender is `[messages] from` in
config.toml, or a placeholder the dialog points out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store.compose import PLACEHOLDER_SENDER, compose, configured_sender, contact_addresses, to_eml
from store.compose import parse_address as _parse_address
from store.errors import LantoaError
from store.i18n import N_, _
from store.network import ContactFilter
from store.validate import InvalidValue
from store.vietnamese import fold

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilShown
from ..widgets.text import org_label, plain
from .preview import VARIANT_LABELS, counter_line

FORMAT_LABELS = {"md": N_("Markdown"), "txt": N_("Plain text"), "eml": N_("Email (.eml)")}
#: How many contacts a recipient search shows.
RESULTS = 30


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.cwd()


def file_name(values: Mapping[str, Any], fmt: str, variant: str) -> str:
    """ "doanh-thu-nganh-nam-2022.md", "…-social.txt": readable, ASCII, from the title."""
    title = str(values.get("title") or values.get("headline") or "")
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title).replace("đ", "d")).strip("-")[:60].strip("-")
    suffix = "" if variant == "release" else f"-{variant}"
    return f"{slug or 'message'}{suffix}.{fmt}"


def path_problem(text: str) -> str | None:
    if not text.strip():
        return _("Type a file name.")
    path = Path(text).expanduser()
    if path.is_dir():
        return _("{path} is a folder; give a file name.", path=path)
    if not path.parent.is_dir():
        return _("The folder {folder} does not exist.", folder=path.parent)
    return None


class ExportScreen(HoldsKeysUntilShown, ModalScreen[None]):
    """Format, variant, file (or clipboard) and, for an email, the recipients."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, values: Mapping[str, Any], data: Any, config: Mapping[str, Any]) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.values = dict(values)
        self.data = data
        self.config = config
        self.contact = (config.get("messages") or {}).get("contact")
        self.chosen: list[str] = []
        self.results: list[Any] = []
        self.auto_path = str(default_folder() / file_name(self.values, "md", "release"))
        self.written: Path | None = None
        try:
            self.sender, self.placeholder = configured_sender(config)
            self.sender_problem = None
        except InvalidValue as exc:
            self.sender, self.placeholder = _parse_address(PLACEHOLDER_SENDER), True
            self.sender_problem = str(exc)

    def compose(self) -> ComposeResult:
        title = plain(self.values.get("title") or self.values.get("headline"))
        with Vertical(classes="dialog msg-export"):
            yield Label(Content(_("Export {title}", title=title)), classes="dialog-title")
            with VerticalScroll(id="exp-body"):
                with Horizontal(classes="exp-row"):
                    yield Label(Content(_("Format")), classes="exp-label")
                    yield Select(
                        [(Content(_(v)), k) for k, v in FORMAT_LABELS.items()],
                        value="md",
                        allow_blank=False,
                        compact=True,
                        id="exp-format",
                    )
                    yield Label(Content(_("Variant")), classes="exp-label exp-label-2")
                    yield Select(
                        [(Content(_(v)), k) for k, v in VARIANT_LABELS.items()],
                        value="release",
                        allow_blank=False,
                        compact=True,
                        id="exp-variant",
                    )
                with Horizontal(classes="exp-row"):
                    yield Label(Content(_("File")), classes="exp-label")
                    yield Input(self.auto_path, compact=True, id="exp-path")
                yield Static("", id="exp-note")
                with Vertical(id="exp-mail"):
                    yield Static(self._sender_line(), id="exp-from")
                    with Horizontal(classes="exp-row"):
                        yield Label(Content(_("To")), classes="exp-label")
                        yield Input(
                            placeholder=_("search contacts: name, organisation, email"),
                            compact=True,
                            id="exp-search",
                        )
                    yield OptionList(id="exp-results")
                    yield Static("", id="exp-recipients-title")
                    yield OptionList(id="exp-chosen")
                    yield Checkbox(
                        _("Put the recipients in Bcc (they do not see each other)"),
                        compact=True,
                        id="exp-bcc",
                    )
                    yield Static("", id="exp-notes")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Save to file"), variant="primary", id="exp-save")
                yield Button(_("Copy"), id="exp-copy")
                yield Button(_("Cancel"), id="exp-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#exp-mail").display = False
        self.query_one("#exp-path", Input).focus()
        self._refresh_note()
        self._show_chosen()

    # -- choices -----------------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.query_one("#exp-format", Select).value)

    @property
    def variant(self) -> str:
        return str(self.query_one("#exp-variant", Select).value)

    @property
    def path(self) -> Path:
        """The file to write; a name typed without an extension gets the format's."""
        path = Path(self.query_one("#exp-path", Input).value.strip()).expanduser()
        return path if path.suffix or not path.name else path.with_suffix("." + self.fmt)

    def _sender_line(self) -> Content:
        line = Content.assemble((_("From") + ": ", "$text-muted"), str(self.sender))
        if self.sender_problem:
            return line + Content.styled(
                "  " + _("config.toml [messages] from: {why}", why=self.sender_problem),
                "$text-error",
            )
        if self.placeholder:
            return line + Content.styled(
                "  " + _('(a placeholder: set [messages] from = "Name <address>" in config.toml)'),
                "$text-warning",
            )
        return line

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        path_input = self.query_one("#exp-path", Input)
        current = Path(path_input.value.strip())
        fresh = file_name(self.values, self.fmt, self.variant)
        if path_input.value == self.auto_path:  # not typed by the person: follow the choices
            self.auto_path = str(current.with_name(fresh))
            path_input.value = self.auto_path
        elif current.suffix.lstrip(".") in FORMAT_LABELS:
            path_input.value = str(current.with_suffix("." + self.fmt))
        self.query_one("#exp-mail").display = self.fmt == "eml"
        # an email has more to choose: the dialog takes the screen's height and scrolls
        self.query_one(".msg-export").set_class(self.fmt == "eml", "-mail")
        self._refresh_note()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.input.id == "exp-path":
            self._refresh_note()
        elif event.input.id == "exp-search":
            self._search(event.value)

    def _refresh_note(self) -> None:
        note = self.query_one("#exp-note", Static)
        problem = path_problem(self.query_one("#exp-path", Input).value)
        if problem:
            note.update(Content.styled(problem, "$text-error"))
        elif self.path.exists():
            note.update(
                Content.styled(
                    _("{path} exists: saving asks before replacing it.", path=self.path),
                    "$text-warning",
                )
            )
        elif self.variant == "social":
            note.update(counter_line(compose(self.values, "social", contact=self.contact)))
        else:
            note.update("")

    # -- recipients --------------------------------------------------------------------------

    def _search(self, query: str) -> None:
        results = self.query_one("#exp-results", OptionList)
        results.clear_options()
        self.results = []
        if not query.strip() or self.data is None:
            return
        self.results = self.data.index.filter(ContactFilter(search=query))[:RESULTS]
        for entry in self.results:
            record = entry.record
            emails = record.get("emails") or []
            detail = emails[0] if emails else _("no email")
            if record.get("do_not_contact"):
                detail = _("do not contact")
            prompt = Content.assemble(
                (plain(record.get("full_name")), "bold"),
                "  ",
                (org_label(entry.org), "$text-muted"),
                "  ",
                (plain(detail), "$text-muted" if emails else "$text-error"),
            )
            results.add_option(Option(prompt))
        if self.results:
            results.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "exp-search":
            results = self.query_one("#exp-results", OptionList)
            if self.results:
                self._choose(results.highlighted or 0)
        elif event.input.id == "exp-path":
            self.action_save()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "exp-results":
            self._choose(event.option_index)
        else:
            del self.chosen[event.option_index]
            self._show_chosen()

    def _choose(self, index: int) -> None:
        if 0 <= index < len(self.results):
            contact_id = self.results[index].id
            if contact_id not in self.chosen:
                self.chosen.append(contact_id)
            self._show_chosen()

    def _show_chosen(self) -> None:
        chosen = self.query_one("#exp-chosen", OptionList)
        chosen.clear_options()
        addresses, notes = self.addresses()
        for address in addresses:
            chosen.add_option(Option(Content(str(address))))
        title = self.query_one("#exp-recipients-title", Static)
        title.update(
            Content.styled(
                _("Recipients ({n}); Enter on one removes it:", n=len(addresses))
                if addresses
                else _("No recipients yet: the email is addressed to the sender."),
                "$text-muted",
            )
        )
        chosen.display = bool(addresses)
        self.query_one("#exp-notes", Static).update(
            Content.styled("\n".join(notes), "$text-warning")
        )

    def addresses(self) -> tuple[list[Any], list[str]]:
        if not self.chosen or self.data is None:
            return [], []
        try:
            return contact_addresses(self.data.snapshot, self.chosen)
        except LantoaError as exc:
            return [], [str(exc)]

    # -- output ------------------------------------------------------------------------------

    def payload(self) -> bytes:
        if self.fmt == "eml":
            addresses, _notes = self.addresses()
            bcc = self.query_one("#exp-bcc", Checkbox).value
            return to_eml(
                self.values,
                sender=self.sender,
                to=[] if bcc else addresses,
                bcc=addresses if bcc else [],
                variant=self.variant,
                contact=self.contact,
            )
        composed = compose(self.values, self.variant, contact=self.contact)
        text = composed.markdown() if self.fmt == "md" else composed.text()
        return text.encode("utf-8")

    def action_save(self) -> None:
        from ..screens.dialogs import ConfirmScreen

        problem = path_problem(self.query_one("#exp-path", Input).value)
        if problem:
            self.notify(problem, severity="error", markup=False)
            self.query_one("#exp-path", Input).focus()
            return
        path = self.path.absolute()
        payload = self.payload()
        if path.exists():

            def answered(yes: bool | None) -> None:
                if yes:
                    self._write(path, payload)

            self.app.push_screen(
                ConfirmScreen(
                    _("Replace file"),
                    _("{path} already exists. Replace it?", path=path),
                    yes=_("Replace"),
                ),
                answered,
            )
            return
        self._write(path, payload)

    @work(thread=True, exclusive=True, group="export")
    def _write(self, path: Path, payload: bytes) -> None:
        from store.storage import atomic_write_bytes

        try:
            atomic_write_bytes(path, payload)
        except (OSError, LantoaError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            self.app.call_from_thread(
                self.notify,
                _("Could not write {path}: {why}", path=path, why=why),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self._written, path)

    def _written(self, path: Path) -> None:
        self.written = path
        self.notify(_("Wrote {path}.", path=path), markup=False)
        self.dismiss(None)

    def action_copy(self) -> None:
        composed = compose(self.values, self.variant, contact=self.contact)
        text = composed.markdown() if self.fmt == "md" else composed.text()
        self.app.copy_to_clipboard(text)
        self.notify(
            _(
                "Copied the {variant} to the clipboard ({format}, {n} characters).",
                variant=_(VARIANT_LABELS[self.variant]).lower(),
                format=_(FORMAT_LABELS["txt" if self.fmt == "eml" else self.fmt]),
                n=len(text),
            ),
            markup=False,
        )
        self.dismiss(None)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {
            "exp-save": self.action_save,
            "exp-copy": self.action_copy,
            "exp-cancel": self.action_cancel,
        }[event.button.id or "exp-cancel"]()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return _(
            "## Export\n\nChoose the format (Markdown, plain text, or an email as an .eml "
            "file that Thunderbird and Outlook open ready to send) and the variant (press "
            "release, social post, talking points). Save writes the file (an existing file "
            "is replaced only after you confirm); Copy puts the text on the clipboard.\n\n"
            "For an email, search contacts by name, organisation or email and press Enter "
            "to add them; Enter on a recipient removes it. The sender is `[messages] from` "
            "in config.toml."
        )
