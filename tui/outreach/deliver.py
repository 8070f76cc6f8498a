"""The "get it out" dialog for planned items: email files or a mailto: link, and a call sheet.

Shown right after planning (and from the outreach list on the chosen items). Email: one .eml per
recipient, or one with everyone in Bcc, written to a folder (mail programs open them as drafts),
or the mail program opened through a mailto: link. Phone and Zalo: each person's numbers and the
message's talking points, ready to copy. Then "mark as sent" records that it went out.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store import outreach as core
from store.compose import PLACEHOLDER_SENDER, configured_sender, parse_address
from store.errors import LantoaError
from store.i18n import _
from store.validate import InvalidValue

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import FOCUS_BINDINGS, HoldsKeysUntilShown, InOrderInput
from ..widgets.text import plain
from . import delivery
from .common import css, items_text, settings


def default_folder() -> Path:
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.cwd()


class DeliverScreen(HoldsKeysUntilShown, ModalScreen[None]):
    """Email exports, mailto: and the call sheet for `items` (records or list views)."""

    SCOPED_CSS = False
    DEFAULT_CSS = css()
    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_BINDINGS,
        keys.bind("form.cancel", "close"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(
        self,
        items: list[Mapping[str, Any]],
        message: Mapping[str, Any] | None,
        snapshot: Any,
        config: Mapping[str, Any],
    ) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.items = [dict(i) for i in items]
        self.message = dict(message) if message else None
        self.config = config
        self.contact_line = (config.get("messages") or {}).get("contact")
        found = delivery.targets(snapshot, self.items)
        self.mail = [t for t in found if t.channel == "email"]
        self.calls = [t for t in found if t.channel in delivery.CALL_CHANNELS]
        self.others = [t for t in found if t not in self.mail and t not in self.calls]
        self.recipients, self.mail_notes = delivery.email_addresses(self.mail)
        self.sender_problem = ""
        try:
            self.sender, self.placeholder = configured_sender(config)
        except InvalidValue as exc:
            self.sender, self.placeholder = parse_address(PLACEHOLDER_SENDER), True
            self.sender_problem = str(exc)
        self.written: list[Path] = []
        self.opened: str | None = None

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        title = plain((self.message or {}).get("title")) or _("(no message)")
        with Vertical(classes="dialog out-dialog", id="deliver"):
            yield Label(
                Content(
                    _(
                        "Get it out: {title} · {items}",
                        title=title,
                        items=items_text(len(self.items)),
                    )
                ),
                classes="dialog-title",
            )
            with VerticalScroll(id="deliver-body"):
                if self.mail:
                    yield from self._compose_mail()
                if self.calls:
                    yield from self._compose_calls()
                if self.others:
                    yield Static(
                        Content.assemble(
                            (_("Other channels") + ": ", "bold"),
                            ", ".join(
                                f"{plain(t.name)} ({core.channel_label(t.channel)})"
                                for t in self.others
                            ),
                        ),
                        id="deliver-others",
                    )
            with Horizontal(classes="dialog-buttons"):
                planned = len(self.planned_ids())
                yield Button(
                    _("Mark {items} as sent", items=items_text(planned)),
                    id="deliver-sent",
                    disabled=not planned,
                )
                yield Button(_("Close"), variant="primary", id="deliver-close")
        yield Footer(compact=True)

    def _compose_mail(self) -> ComposeResult:
        yield Static(
            Content.styled(_("Email: {n} recipients", n=len(self.recipients)), "bold"),
            classes="deliver-heading",
        )
        yield Static(self._sender_line(), id="deliver-from")
        if self.message is not None:
            with Horizontal(classes="out-row"):
                yield Label(_("Folder"), classes="out-label")
                yield InOrderInput(str(default_folder()), compact=True, id="deliver-folder")
        if self.message is not None:
            with Horizontal(classes="deliver-buttons"):
                yield Button(_("One .eml per recipient"), compact=True, id="deliver-each")
                yield Button(_("One .eml, all in Bcc"), compact=True, id="deliver-bcc")
        with Horizontal(classes="deliver-buttons"):
            yield Button(_("Open in mail program"), compact=True, id="deliver-mailto")
            yield Button(_("Copy addresses"), compact=True, id="deliver-addresses")
        notes = list(self.mail_notes)
        if self.message is None:
            notes.insert(0, _("No message chosen: the email starts empty."))
        yield Static(Content.styled("\n".join(notes), "$text-warning"), id="deliver-notes")

    def _compose_calls(self) -> ComposeResult:
        yield Static(
            Content.styled(
                _("Phone and Zalo: {n} people (Enter copies the number)", n=len(self.calls)), "bold"
            ),
            classes="deliver-heading",
        )
        options = []
        for target in self.calls:
            dial = delivery.numbers(target) or _("no number")
            options.append(
                Option(
                    Content.assemble(
                        (plain(target.name), "bold"),
                        "  ",
                        (plain(target.org), "$text-muted"),
                        "  ",
                        (plain(dial), "" if target.phones or target.zalo else "$text-error"),
                    )
                )
            )
        yield OptionList(*options, id="deliver-calls")
        with Horizontal(classes="deliver-buttons"):
            if self.message is not None:
                yield Button(_("Copy talking points"), compact=True, id="deliver-points")
            yield Button(_("Copy all numbers"), compact=True, id="deliver-numbers")
        points = delivery.talking_points(self.message, self.contact_line)
        if points:
            yield Static(Content(points), id="deliver-talking")

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

    def on_mount(self) -> None:
        first = self.query("#deliver-each, #deliver-mailto, #deliver-calls, #deliver-close")
        if first:
            first.first().focus()

    # -- email -----------------------------------------------------------------------------

    def folder(self) -> Path | None:
        text = self.query_one("#deliver-folder", Input).value.strip()
        folder = Path(text).expanduser() if text else None
        if folder is None or not folder.is_dir():
            self.notify(
                _("The folder {folder} does not exist.", folder=text or "?"),
                severity="error",
                markup=False,
            )
            return None
        return folder

    def export(self, bcc: bool) -> None:
        folder = self.folder()
        if folder is None or self.message is None:
            return
        if not self.recipients:
            self.notify(_("Nobody here has an email address."), severity="warning", markup=False)
            return
        if bcc:
            files = [
                delivery.eml_bcc(
                    self.message,
                    self.sender,
                    [a for _t, a in self.recipients],
                    contact=self.contact_line,
                )
            ]
        else:
            files = delivery.eml_each(
                self.message, self.sender, self.recipients, contact=self.contact_line
            )
        self.run_worker(lambda: self._write(folder, files), thread=True, group="deliver")

    def _write(self, folder: Path, files: list[tuple[str, bytes]]) -> None:
        try:
            written = delivery.write_files(folder, files)
        except (OSError, LantoaError) as exc:
            why = getattr(exc, "strerror", None) or str(exc)
            self.app.call_from_thread(
                self.notify,
                _("Could not write to {folder}: {why}", folder=folder, why=why),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self._written, folder, written)

    def _written(self, folder: Path, written: list[Path]) -> None:
        self.written += written
        if len(written) == 1:
            text = _("Wrote {path}. Open it in your mail program to send it.", path=written[0])
        else:
            text = _(
                "Wrote {n} emails to {folder}. Open them in your mail program to send them.",
                n=len(written),
                folder=folder,
            )
        self.notify(text, markup=False)

    def open_mailto(self) -> None:
        if not self.recipients:
            self.notify(_("Nobody here has an email address."), severity="warning", markup=False)
            return
        url = delivery.mailto_url(
            [a for _t, a in self.recipients], self.message, contact=self.contact_line
        )
        self.opened = url
        self.app.open_url(url)
        if len(url) > delivery.MAILTO_SAFE_LENGTH:
            self.notify(
                _(
                    "Opened the mail program. The text is long: some mail programs cut "
                    "it; the .eml files keep it whole."
                ),
                severity="warning",
                markup=False,
            )
        else:
            self.notify(
                _("Opened the mail program with {n} recipients in Bcc.", n=len(self.recipients)),
                markup=False,
            )

    def copy(self, text: str, what: str) -> None:
        if not text:
            self.notify(_("Nothing to copy."), severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(_("Copied {what}.", what=what), markup=False)

    # -- calls -----------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self.calls[event.option_index]
        number = delivery.dial_text(target)
        if not number:
            self.notify(
                _("{name} has no phone or Zalo number.", name=target.name),
                severity="warning",
                markup=False,
            )
            return
        self.copy(
            number, _("the number of {name}: {number}", name=plain(target.name), number=number)
        )

    # -- buttons ---------------------------------------------------------------------------

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        button = event.button.id
        if button == "deliver-each":
            self.export(bcc=False)
        elif button == "deliver-bcc":
            self.export(bcc=True)
        elif button == "deliver-mailto":
            self.open_mailto()
        elif button == "deliver-addresses":
            self.copy(
                ", ".join(str(a) for _t, a in self.recipients),
                _("{n} addresses", n=len(self.recipients)),
            )
        elif button == "deliver-points":
            self.copy(
                delivery.talking_points(self.message, self.contact_line), _("the talking points")
            )
        elif button == "deliver-numbers":
            lines = [f"{t.name}: {delivery.numbers(t)}" for t in self.calls if delivery.numbers(t)]
            self.copy("\n".join(lines), _("{n} numbers", n=len(lines)))
        elif button == "deliver-sent":
            self.mark_sent()
        else:
            self.dismiss(None)

    def planned_ids(self) -> list[str]:
        return [i["id"] for i in self.items if i.get("status") == "planned" and i.get("id")]

    def mark_sent(self) -> None:
        ids = self.planned_ids()
        if not ids:
            return
        config = settings(self.app)

        def job(store) -> core.ChangeResult:
            return core.change_items(store, ids, config, status="sent")

        def done(result: core.ChangeResult) -> None:
            self.notify(
                _("Marked {items} as sent.", items=items_text(len(result.changed))), markup=False
            )

        def failed(exc: Exception) -> None:
            self.notify(str(exc), title=_("Not saved"), severity="error", markup=False)

        self.app.run_store_job(job, done, failed)
        self.dismiss(None)

    def action_close(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return _(
            "## Get it out\n\nEmail: save one .eml file per recipient, or one with "
            "everyone in Bcc, to the folder (Thunderbird and Outlook open them as drafts "
            "ready to send), or open your mail program with a mailto: link. The sender is "
            "`[messages] from` in config.toml.\n\nPhone and Zalo: Enter on a person copies "
            "their number; copy the talking points to read from during the call.\n\n"
            "Mark as sent once it went out: the planned items become sent."
        )
