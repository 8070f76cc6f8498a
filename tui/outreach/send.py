""" "Send to…": plan a message (or a call, a meeting) to people, organisations and groups.

`open_send_dialog(app, message_id=None, contact_ids=(), org_ids=())` is the one entry point: the
network view calls it with the selected contacts (or the highlighted organisation), the outreach
list with nothing chosen, and the Messages section with its message. The dialog previews who will
be reached, who is skipped ("do not contact") and who already got this message recently (no
double pitching); Plan writes every item in one transaction, then the "get it out" dialog offers
the emails and the call sheet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store import outreach as core
from store.errors import LantoaError, ValidationError
from store.i18n import _
from store.model import CHANNELS
from store.validate import InvalidValue

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import FOCUS_BINDINGS, HoldsKeysUntilShown, InOrderInput, InOrderSelect
from ..widgets.text import plain
from . import clock
from .common import close_or_ask, css, day_text, items_text, settings, settings_of
from .picker import RecipientPicker
from .preview import PREVIEW_NAMES, message_options, plan_preview

__all__ = ["PREVIEW_NAMES", "SendScreen", "message_options", "open_send_dialog", "plan"]


class SendScreen(HoldsKeysUntilShown, ModalScreen[core.PlanRequest | None]):
    """Message, recipients, channel, follow-up date and note; a live preview; Plan."""

    SCOPED_CSS = False
    DEFAULT_CSS = css()
    BINDINGS: ClassVar[list[BindingType]] = [
        *FOCUS_BINDINGS,
        keys.bind("form.cancel", "cancel"),
        keys.bind("form.save", "plan"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(
        self,
        data: Any,
        config: dict | None = None,
        *,
        message_id: str | None = None,
        contact_ids: Iterable[str] = (),
        org_ids: Iterable[str] = (),
    ) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.data = data
        self.settings = settings_of(config or {})
        self.message_id = message_id
        self.contact_ids = list(contact_ids)
        self.org_ids = list(org_ids)
        self.preview: core.PlanResult | None = None
        self.problem = ""
        #: The form as it opened (see `form_state`): Escape asks first once it differs.
        self.opened: tuple | None = None

    def compose(self) -> ComposeResult:
        options = message_options(self.data.snapshot)
        ids = {value for _label, value in options}
        with Vertical(classes="dialog out-dialog", id="send"):
            yield Label(_("Send to…"), classes="dialog-title")
            with VerticalScroll(id="send-body"):
                with Horizontal(classes="out-row"):
                    yield Label(_("Message"), classes="out-label")
                    yield InOrderSelect(
                        options,
                        prompt=_("(no message: a call or a meeting)"),
                        value=self.message_id if self.message_id in ids else Select.NULL,
                        compact=True,
                        id="send-message",
                    )
                yield RecipientPicker(self.data, id="send-picker")
                with Horizontal(classes="out-row"):
                    yield Label(_("Channel"), classes="out-label")
                    yield InOrderSelect(
                        [(Content(_(v)), k) for k, v in CHANNELS.items()],
                        prompt=_("each person's preferred"),
                        compact=True,
                        id="send-channel",
                    )
                with Horizontal(classes="out-row"):
                    yield Label(_("Follow-up"), classes="out-label")
                    yield InOrderInput(
                        "+3d",
                        placeholder=_("today, tomorrow, +3d, mon, 2024-03-15"),
                        compact=True,
                        id="send-due",
                    )
                    yield Static("", id="send-due-date")
                with Horizontal(classes="out-row"):
                    yield Label(_("Note"), classes="out-label")
                    yield InOrderInput(
                        placeholder=_("kept with each item (optional)"),
                        compact=True,
                        id="send-note",
                    )
                yield Static("", id="send-preview")
                yield Checkbox(
                    _("Plan again for those who already got this message"),
                    compact=True,
                    id="send-force",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Plan"), variant="primary", id="send-plan", disabled=True)
                yield Button(_("Cancel"), id="send-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        picker = self.picker
        picker.add_contacts(self.contact_ids)
        picker.add_orgs(self.org_ids)
        self.query_one("#send-force").display = False
        self.refresh_preview()
        if self.query_one("#send-message", Select).value is Select.NULL and (
            self.data.snapshot.live("messages")
        ):
            self.query_one("#send-message", Select).focus()
        else:
            self.query_one("#pick-search", Input).focus()
        self.opened = self.form_state()

    @property
    def picker(self) -> RecipientPicker:
        return self.query_one(RecipientPicker)

    # -- the request and its preview -------------------------------------------------------

    def request(self) -> core.PlanRequest:
        message = self.query_one("#send-message", Select).value
        channel = self.query_one("#send-channel", Select).value
        parts = self.picker.request_parts()
        return core.PlanRequest(
            message=None if message is Select.NULL else str(message),
            contacts=parts["contacts"],
            orgs=parts["orgs"],
            groups=parts["groups"],
            region=self.picker.chosen_region if parts["groups"] else None,
            channel=None if channel is Select.NULL else str(channel),
            due=self.query_one("#send-due", Input).value.strip() or None,
            note=self.query_one("#send-note", Input).value.strip() or None,
            force=self.query_one("#send-force", Checkbox).value,
        )

    def refresh_preview(self) -> None:
        self.show_due()
        request = self.request()
        button = self.query_one("#send-plan", Button)
        try:
            self.preview = core.preview_plan(
                self.data.snapshot, request, self.settings, today=clock.today()
            )
            self.problem = ""
        except LantoaError as exc:  # ValidationError, NotFoundError: say what to fix
            self.preview = None
            self.problem = (
                "; ".join(m for _f, m in exc.errors)
                if isinstance(exc, ValidationError)
                else str(exc)
            )
        preview = self.query_one("#send-preview", Static)
        if self.preview is None:
            preview.update(Content.styled(self.problem, "$text-warning"))
            button.label = _("Plan")
            button.disabled = True
            self.query_one("#send-force").display = False
            return
        preview.update(self.preview_content(self.preview))
        n = len(self.preview.created)
        button.label = _("Plan {items}", items=items_text(n)) if n else _("Plan")
        button.disabled = n == 0
        self.query_one("#send-force").display = bool(self.preview.duplicates)

    def preview_content(self, result: core.PlanResult) -> Content:
        force = self.query_one("#send-force", Checkbox).value
        return plan_preview(self.data.snapshot, result, self.settings, force=force)

    def show_due(self) -> None:
        text = self.query_one("#send-due", Input).value
        label = self.query_one("#send-due-date", Static)
        if not text.strip():
            label.update(Content.styled(_("no follow-up date"), "$text-muted"))
            return
        try:
            day = core.parse_day(text, clock.today())
        except InvalidValue:
            label.update(Content.styled(_("not a date"), "$text-error"))
            return
        label.update(Content.styled(f"→ {day_text(day)}", "$text-muted"))

    # -- events ----------------------------------------------------------------------------

    def on_recipient_picker_changed(self, event: RecipientPicker.Changed) -> None:
        event.stop()
        self.refresh_preview()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("send-message", "send-channel"):
            event.stop()
            self.refresh_preview()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.refresh_preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("send-due", "send-note"):
            event.stop()
            self.refresh_preview()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id in ("send-due", "send-note"):
            event.stop()
            self.query_one("#send-plan", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "send-plan":
            self.action_plan()
        else:
            self.action_cancel()

    def action_plan(self) -> None:
        self.refresh_preview()
        if self.preview is None or not self.preview.created:
            self.notify(
                self.problem or _("Nobody to reach: add people, organisations or a group."),
                severity="warning",
                markup=False,
            )
            return
        self.dismiss(self.request())

    def form_state(self) -> tuple:
        """Everything the person can type or choose here, to compare with how it opened."""
        values = [
            self.query_one(f"#{name}", widget).value
            for name, widget in (
                ("send-message", Select),
                ("send-channel", Select),
                ("pick-region", Select),
                ("send-due", Input),
                ("send-note", Input),
                ("pick-search", Input),
                ("send-force", Checkbox),
            )
        ]
        return (
            *(v.strip() if isinstance(v, str) else v for v in values),
            tuple(self.picker.chosen),
        )

    def action_cancel(self) -> None:
        """Close; once something was typed or chosen (a note, a recipient, the date), ask first
        (keep editing, discard or save): opened from a selection and left untouched, it closes."""
        changed = self.opened is not None and self.form_state() != self.opened
        close_or_ask(self, _("the plan") if changed else None, self.action_plan)

    def help_markdown(self) -> str:
        return _(
            "## Send to…\n\nChoose the message (ready ones first; none for a call or a "
            "meeting), then who: type a name, an organisation or a province and press Enter "
            "to add it, or pick a group (ministry units, provincial departments, press "
            "agencies, optionally one region, or a tag). An organisation reaches its "
            "spokespeople and communications officers first; press agencies their "
            "journalists.\n\nThe preview shows who will be reached, who is skipped (do not "
            "contact) and who already got this message recently (tick the box to plan them "
            "again). The follow-up date accepts today, tomorrow, +3d, +2w, mon…sun, hôm nay, "
            "mai, t2…cn or a date. Plan (ctrl+s) writes everything at once; it can be undone "
            "in the outreach list."
        )


def open_send_dialog(
    app: Any,
    message_id: str | None = None,
    contact_ids: Iterable[str] = (),
    org_ids: Iterable[str] = (),
) -> None:
    """Open "Send to…" with a message and recipients already chosen (all optional)."""
    data = getattr(app, "data", None)
    if data is None:
        app.notify(_("The store is still loading; try again in a moment."), markup=False)
        return

    def answered(request: core.PlanRequest | None) -> None:
        if request is not None:
            plan(app, request)

    app.push_screen(
        SendScreen(
            data, app.config, message_id=message_id, contact_ids=contact_ids, org_ids=org_ids
        ),
        answered,
    )


def plan(app: Any, request: core.PlanRequest) -> None:
    """Write the plan (one transaction) in a worker; then offer the emails and call sheet."""
    config = settings(app)

    def job(store) -> core.PlanResult:
        return core.plan_outreach(store, request, config, today=clock.today())

    def done(result: core.PlanResult) -> None:
        title = plain((result.message or {}).get("title"))
        text = (
            _("Planned {items} for {title}.", items=items_text(len(result.created)), title=title)
            if title
            else _("Planned {items}.", items=items_text(len(result.created)))
        )
        if result.skipped:
            text += " " + _("Skipped {n} (do not contact).", n=len(result.skipped))
        text += " " + _(
            "The Outreach tab ({key}) lists them.", key=keys.display_keys("app.outreach")
        )
        app.notify(text, markup=False)
        if result.created:
            from .deliver import DeliverScreen

            app.push_screen(
                DeliverScreen(result.created, result.message, app.data.snapshot, app.config)
            )

    def failed(exc: Exception) -> None:
        app.notify(str(exc), title=_("Not planned"), severity="error", markup=False)

    app.run_store_job(job, done, failed)
