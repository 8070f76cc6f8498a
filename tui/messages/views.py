"""The editor's three views: the card (form and checklist), the preview, and the recipients (who
the message went to, and "send to…"). Preview and recipients are built when first shown.

Leaving the card remembers the field the cursor was in, so coming back puts it there again.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import ContentSwitcher, Label, Static

from store.checks import thresholds
from store.i18n import _

from .. import keys
from .preview import Preview

VIEWS = ("card", "preview", "recipients")


def timer_text(minutes: int) -> Content:
    """ "⏱ 45 min since the incident", red and "late" past the first hour."""
    if minutes < 60:
        shown = _("{m} min", m=minutes)
    else:
        shown = _("{h} h {m:02d} min", h=minutes // 60, m=minutes % 60)
    text = _("⏱ {time} since the incident", time=shown)
    if minutes > thresholds.CRISIS_FIRST_MESSAGE_MINUTES:
        return Content.styled(text + " · " + _("past the first hour"), "bold $text-error")
    return Content.styled(text, "bold $text-warning")


class ViewTab(Label):
    """ "Card", "Preview" or "Recipients" above the editor: one line, no animation."""

    class Chosen(Message):
        def __init__(self, view: str) -> None:
            super().__init__()
            self.view = view

    def __init__(self, text: str, view: str, **kwargs: Any) -> None:
        # the class given here, not added after: adding restyles (slowly, before mounting)
        classes = " ".join(["view-tab", kwargs.pop("classes", "")]).strip()
        super().__init__(Content(f" {text} "), classes=classes, **kwargs)
        self.view = view

    def on_click(self) -> None:
        self.post_message(self.Chosen(self.view))


class RecipientsView(Vertical):
    """Who this message was planned for or sent to, where each stands; "send to…" from here."""

    BINDINGS: ClassVar[list[BindingType]] = [keys.bind("messages.send", "send")]

    def __init__(self, message_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        keys.localize(self)
        self.message_id = message_id

    def compose(self) -> ComposeResult:
        from ..outreach.widgets import RecipientsTable

        yield Static(
            Content.styled(
                _(
                    "{send}: send to… · {open}: this message in the Outreach tab",
                    send=keys.display_keys("messages.send"),
                    open=keys.display_keys("outreach.open"),
                ),
                "$text-muted",
            ),
            id="recipients-keys",
        )
        yield RecipientsTable(self.message_id, id="recipients-table")

    @property
    def table(self) -> Any:
        return self.query_one("#recipients-table")

    def action_send(self) -> None:
        editor = next((a for a in self.ancestors if hasattr(a, "send_to")), None)
        if editor is not None:
            editor.send_to()


class EditorViews:
    """Mixed into MessageEditor (which provides the form, the checks and the section)."""

    _card_field: str | None = None

    @property
    def view(self) -> str:
        current = self.query_one("#ed-views", ContentSwitcher).current
        return (current or "ed-card").removeprefix("ed-")  # None until it is mounted

    @property
    def preview(self) -> Preview:
        return self.query(Preview).first()  # not query_one: its cache would keep one removed

    @property
    def has_preview(self) -> bool:
        return bool(self.query(Preview))

    @property
    def recipients(self) -> RecipientsView | None:
        found = self.query(RecipientsView)
        return found.first() if found else None

    def on_view_tab_chosen(self, event: ViewTab.Chosen) -> None:
        event.stop()
        self.show_view(event.view)

    def show_view(self, view: str) -> None:
        self.run_worker(self._show_view(view), group="view", exclusive=True)

    async def _show_view(self, view: str) -> None:
        switcher = self.query_one("#ed-views", ContentSwitcher)
        wanted = f"ed-{view}"
        for tab in self.query(ViewTab):
            tab.set_class(tab.view == view, "-active")
        if switcher.current == wanted:
            return
        if switcher.current == "ed-card":
            self._card_field = getattr(self.form.focused_field(), "field_name", None)
        if view == "preview" and not self.has_preview:
            await self.query_one("#ed-preview").mount(Preview())
            variant = self.restore.get("variant")
            if variant:
                self.preview.set_variant(variant)
        if view == "recipients" and self.recipients is None:
            await self.query_one("#ed-recipients").mount(RecipientsView(self.record_id))
        switcher.current = wanted
        # only the summary line changes (a class on the editor would restyle every field)
        self.query_one("#ed-summary").set_class(view != "card", "-off")
        if view == "preview":
            self.run_checks()
            self.preview.show(self.merged, self.section.contact_line())
            self.preview.query_one("#preview-variants").focus()
        elif view == "recipients":
            self.recipients.table.focus()
        else:
            self.focus_start(self._card_field)

    def focus_view(self) -> None:
        """Back on this tab: the cursor goes where it was in the view shown."""
        if self.view == "preview" and self.has_preview:
            self.preview.query_one("#preview-variants").focus()
        elif self.view == "recipients" and self.recipients is not None:
            self.recipients.table.focus()
        else:
            focused = self.form.focused_field() if self.query(".ed-form") else None
            self.focus_start(getattr(focused, "field_name", None) or self._card_field)

    def on_resize(self) -> None:
        self.call_after_refresh(self._keep_focus)

    def _keep_focus(self) -> None:
        """Narrowing the terminal hides the checklist: a focus left there comes back to the card
        (else no key of the editor would answer)."""
        if not self.is_mounted or self.view != "card":
            return
        focused = self.screen.focused
        hidden = self.checklist.region.width == 0
        if focused is None or (hidden and focused in self.checklist.walk_children()):
            self.focus_start(None)

    def action_toggle_preview(self) -> None:
        self.show_view("card" if self.view == "preview" else "preview")

    def action_toggle_recipients(self) -> None:
        self.show_view("card" if self.view == "recipients" else "recipients")
