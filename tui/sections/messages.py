"""The Messages section: the list of story cards and, opened from it, the card editor.

The list shows every live message with its kind, status, readiness score and the checks' one-line
summary; search and the status/kind filters narrow it. A store reload (own save, CLI, sync) keeps
the cursor and forwards the new version to an open editor, which takes outside edits only into
fields the person has not touched. Actions: messages_actions.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, DataTable, Input, Label, Select, Static

from store.errors import ValidationError
from store.i18n import _
from store.messages import KINDS, STATUSES, TABLE

from .. import keys
from ..messages.checklist import slot_line, summary_line
from ..messages.editor import MessageEditor
from ..messages.listing import MessageTable, ReportCache, filter_messages
from ..messages.section_actions import MessagesActions
from ..widgets.search_input import SearchInput
from ..widgets.status_bar import Counter
from ..widgets.text import plain
from .base import PaletteCommand, Section, StoreData

_CSS = Path(__file__).resolve().parent.parent / "messages" / "messages.tcss"


class MessagesSection(MessagesActions, Section):
    section_id = "messages"
    SCOPED_CSS = False
    DEFAULT_CSS = _CSS.read_text(encoding="utf-8")

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("messages.search", "focus_search"),
        keys.bind("messages.open", "open"),
        keys.bind("messages.new", "new"),
        keys.bind("messages.delete", "delete"),
        keys.bind("messages.undo", "undo"),
        keys.bind("messages.status", "status"),
        keys.bind("messages.export", "export"),
        keys.bind("messages.copy", "copy"),
        keys.bind("messages.send", "send"),
        keys.bind("messages.recipients", "recipients"),
        keys.bind("messages.filters", "focus_filters"),
        keys.bind("messages.clear", "clear_filters"),
        # run as the app reads the key: the keys typed after it go to the list (keyorder.py)
        Binding("down", "focus_table", show=False, priority=True),
        Binding("enter", "focus_table", show=False, priority=True),
        keys.bind("messages.to_list", "focus_table", priority=True),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data: StoreData | None = None
        self.reports = ReportCache()
        self.editor: MessageEditor | None = None
        self._pending_state: dict[str, Any] | None = None

    def compose(self) -> ComposeResult:
        with ContentSwitcher(initial="msg-browse", id="msg-views"), Vertical(id="msg-browse"):
            with Horizontal(id="msg-search-row"):
                yield Label(_("Search:"), id="msg-search-label")
                yield SearchInput(
                    placeholder=_("title, headline, owner, tag"), id="msg-search", compact=True
                )
                yield Select(
                    [(Content(_(v)), k) for k, v in STATUSES.items()],
                    prompt=_("All statuses"),
                    compact=True,
                    id="msg-status",
                )
                yield Select(
                    [(Content(_(v)), k) for k, v in KINDS.items()],
                    prompt=_("All kinds"),
                    compact=True,
                    id="msg-kind",
                )
                yield Counter(id="msg-count")
            with Horizontal(id="msg-body"):
                with Vertical(id="msg-main"):
                    yield MessageTable(id="msg-table")
                    yield Static("", id="msg-empty")
                yield Static("", id="msg-detail")

    def on_mount(self) -> None:
        self.table.before_open = self.start_opening
        if getattr(self.app, "data", None) is None:
            self.table.loading = True

    # -- parts -----------------------------------------------------------------------------

    @property
    def table(self) -> MessageTable:
        return self.query_one(MessageTable)

    @property
    def search_input(self) -> Input:
        return self.query_one("#msg-search", Input)

    def filter_value(self, name: str) -> str | None:
        value = self.query_one(f"#msg-{name}", Select).value
        return None if value is Select.NULL else str(value)

    def contact_line(self) -> str | None:
        return (getattr(self.app, "config", {}).get("messages") or {}).get("contact")

    def current_record(self) -> dict | None:
        current = self.table.current
        return current[0] if current else None

    # -- store data ------------------------------------------------------------------------

    def store_changed(self, data: StoreData) -> None:
        self.data = data
        self.table.loading = False
        self.apply_filters(keep_id=self.table.current_id)
        if self.editor is not None:
            self.editor.outside(data.snapshot)
        if self._pending_state is not None:
            state, self._pending_state = self._pending_state, None
            self.restore_view_state(state)

    def apply_filters(self, keep_id: str | None = None) -> None:
        if self.data is None:
            return
        try:
            rows = filter_messages(
                self.data.snapshot,
                self.reports,
                status=self.filter_value("status"),
                kind=self.filter_value("kind"),
                search=self.search_input.value,
            )
        except ValidationError as exc:  # a filter value the store no longer knows
            self.notify(str(exc), severity="warning", markup=False)
            rows = []
        table = self.table
        table.set_rows(rows, keep_id=keep_id or table.current_id)
        total = len(self.data.snapshot.live(TABLE))
        self.query_one("#msg-count", Counter).text = (
            str(len(rows)) if len(rows) == total else f"{len(rows)} / {total}"
        )
        empty = self.query_one("#msg-empty", Static)
        if not total:
            empty.update(
                Content(
                    _(
                        "Messages: policy stories drafted as story cards, checked as you type, and "
                        "exported as Markdown, text or email."
                    )
                    + "\n\n"
                    + _(
                        "No messages yet. Press {key} to start one from a template (policy, "
                        "achievement or crisis).",
                        key=keys.display_keys("messages.new"),
                    )
                )
            )
        elif not rows:
            empty.update(
                Content(
                    _(
                        "No message matches. {key} clears the search and filters.",
                        key=keys.display_keys("messages.clear"),
                    )
                )
            )
        empty.display = not rows
        self.show_detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "msg-search":
            event.stop()
            self.apply_filters()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("msg-status", "msg-kind"):
            event.stop()
            self.apply_filters()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "msg-table":
            event.stop()
            self.show_detail()
            self.refresh_bindings()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "msg-table":
            event.stop()
            self.action_open()

    def show_detail(self) -> None:
        """The side panel (wide screens): headline, lead, checklist and the first findings."""
        detail = self.query_one("#msg-detail", Static)
        current = self.table.current
        if current is None:
            detail.update("")
            return
        record, report = current
        parts = [Content.styled(plain(record.get("headline") or record.get("title")), "bold")]
        if record.get("lead"):
            parts.append(Content.styled(plain(record.get("lead")), "$text-muted"))
        parts.append(summary_line(report))
        if self.data is not None:
            from ..outreach.widgets import recipients_summary

            parts.append(
                Content.styled(_("Recipients:") + " ", "bold")
                + recipients_summary(self.data.snapshot, record["id"])
            )
        parts += [slot_line(state, counts=False) for state in report.checklist]
        findings = report.findings[:6]
        if findings:
            parts.append(Content.styled(_("To look at:"), "bold"))
            parts += [Content("· " + f.message) for f in findings]
            if len(report.findings) > len(findings):
                parts.append(
                    Content.styled(
                        _("… and {n} more", n=len(report.findings) - len(findings)), "$text-muted"
                    )
                )
        detail.update(Content("\n").join(parts))

    # -- shell hooks -----------------------------------------------------------------------

    def focus_default(self) -> None:
        if self.editor is not None:
            self.editor.focus_view()
        else:
            self.table.focus()

    def view_state(self) -> dict[str, Any]:
        return {
            "search": self.search_input.value,
            "status": self.filter_value("status"),
            "kind": self.filter_value("kind"),
            "cursor": self.table.current_id,
            "editor": self.editor.view_state() if self.editor is not None else None,
        }

    def restore_view_state(self, state: dict[str, Any]) -> None:
        if not state:
            return
        if self.data is None:
            self._pending_state = state
            return
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = state.get("search") or ""
        for name in ("status", "kind"):
            select = self.query_one(f"#msg-{name}", Select)
            with select.prevent(Select.Changed):
                select.value = state.get(name) or Select.NULL
        self.apply_filters(keep_id=state.get("cursor"))
        editor = state.get("editor")
        if editor:
            self.call_later(self.open_editor, editor["base"], editor)

    def help_markdown(self) -> str:
        k = keys.display_keys
        return _(
            "## Messages\n\nEvery story card with its kind, status, readiness score and what the "
            "checks say (“7/9 slots, 2 warnings”). Type to search titles, headlines, owners and "
            "tags; diacritics are optional.\n\n"
            "- {open}: open the card · {new}: new from a template · {delete}: delete (undo with "
            "{undo})\n- {status}: status (ready only when the checks find no errors)\n"
            "- {export}: export as Markdown, text or email · {copy}: copy the press release\n"
            "- {send}: send to… (plan outreach) · {recipients}: its recipients in the Outreach "
            "tab\n"
            "- {filters}: filter by status and kind · {clear}: clear search and filters",
            open=k("messages.open"),
            new=k("messages.new"),
            delete=k("messages.delete"),
            undo=k("messages.undo"),
            status=k("messages.status"),
            export=k("messages.export"),
            copy=k("messages.copy"),
            send=k("messages.send"),
            recipients=k("messages.recipients"),
            filters=k("messages.filters"),
            clear=k("messages.clear"),
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return self.messages_commands()
