"""The Outreach section: who got which message, what is due, what came of it; and the coverage.

Items are grouped by message or by recipient (`g`), filtered by status, channel, overdue, due
today and mine (chips show the active filters; ctrl+r clears them), marked done / replied /
published / declined with a note in two keys, one at a time or many (space selects), and the
last change undone (`u`, from the store's journal, so it also undoes CLI changes). A store reload
(own write, the CLI, a sync) keeps the cursor and the selection. Actions: tui/outreach/actions.py;
filters and chips: tui/outreach/filters.py.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import ContentSwitcher, Input, Label, Select

from store import outreach as core
from store.i18n import _
from store.model import CHANNELS
from store.vietnamese import Matcher, fold

from .. import keys
from ..outreach.actions import OutreachActions, describe_command
from ..outreach.chips import Chip, ViewSwitch
from ..outreach.common import css, settings
from ..outreach.coverage import CoverageView
from ..outreach.detail import ItemDetail, ItemScreen
from ..outreach.filters import TOGGLES, OutreachFilters
from ..outreach.hooks import OutreachShellHooks
from ..outreach.listing import OutreachList
from ..widgets.search_input import SearchInput
from ..widgets.status_bar import Counter, FittedLine
from ..widgets.text import plain
from .base import Section, StoreData

_LIST_ACTIONS = {
    "mark",
    "note",
    "due",
    "delete",
    "deliver",
    "select",
    "select_all",
    "open",
    "group",
    "toggle",
    "focus_search",
    "focus_filters",
    "clear",
}
_ITEM_ACTIONS = {"mark", "note", "due", "delete", "deliver", "select", "open"}


class OutreachSection(OutreachFilters, OutreachShellHooks, OutreachActions, Section):
    section_id = "outreach"
    SCOPED_CSS = False
    DEFAULT_CSS = css()

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("outreach.search", "focus_search"),
        keys.bind("outreach.open", "open"),
        keys.bind("outreach.new", "new"),
        keys.bind("outreach.select", "select"),
        keys.bind("outreach.select_all", "select_all"),
        keys.bind("outreach.done", "mark('done')"),
        keys.bind("outreach.replied", "mark('replied')"),
        keys.bind("outreach.published", "mark('published')"),
        keys.bind("outreach.declined", "mark('declined')"),
        keys.bind("outreach.status", "mark"),
        keys.bind("outreach.note", "note"),
        keys.bind("outreach.due", "due"),
        keys.bind("outreach.deliver", "deliver"),
        keys.bind("outreach.delete", "delete"),
        keys.bind("outreach.undo", "undo"),
        keys.bind("outreach.group", "group"),
        keys.bind("outreach.overdue", "toggle('overdue')"),
        keys.bind("outreach.today", "toggle('due_today')"),
        keys.bind("outreach.mine", "toggle('mine')"),
        keys.bind("outreach.filters", "focus_filters"),
        keys.bind("outreach.clear", "clear"),
        keys.bind("outreach.coverage", "switch_view"),
        # run as the app reads the key: the keys typed after it go to the list (keyorder.py)
        Binding("down", "focus_list", show=False, priority=True),
        Binding("enter", "focus_list", show=False, priority=True),
        keys.bind("outreach.to_list", "focus_list", priority=True),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data: StoreData | None = None
        self.by = "message"
        self.toggles = dict.fromkeys(TOGGLES, False)
        self.message_filter: str | None = None
        self._position: int | None = None
        self._cache: tuple[Any, Any, list[dict]] | None = None
        self._coverage_stale = True
        #: Items shown and, when filtering, the total (see `show_count`).
        self._counts: tuple[int, int | None] = (0, None)

    def compose(self) -> ComposeResult:
        with Horizontal(id="out-head"):
            yield ViewSwitch(id="out-switch")
            yield FittedLine(id="out-last")
        with ContentSwitcher(initial="out-items", id="out-views"):
            with Vertical(id="out-items"):
                with Horizontal(id="out-search-row"):
                    yield Label(_("Search:"), id="out-search-label")
                    yield SearchInput(
                        placeholder=_("name, organisation, province, message, note"),
                        compact=True,
                        id="out-search",
                    )
                    yield Select(
                        self.status_options(),
                        prompt=_("All statuses"),
                        compact=True,
                        id="out-status",
                    )
                    yield Select(
                        [(Content(_(v)), k) for k, v in CHANNELS.items()],
                        prompt=_("All channels"),
                        compact=True,
                        id="out-channel",
                    )
                    yield Counter(id="out-count")
                with Horizontal(id="out-chips"):
                    for name in TOGGLES:
                        yield Chip(id=f"chip-{name}")
                    yield Chip(toggle=False, id="chip-message")
                    yield Chip(toggle=False, id="chip-group")
                    yield Chip(toggle=False, id="chip-clear")
                with Horizontal(id="out-body"):
                    yield OutreachList(id="out-list")
                    yield ItemDetail(id="out-detail")
            yield CoverageView(id="out-coverage")

    def on_mount(self) -> None:
        if getattr(self.app, "data", None) is None:
            self.outreach_list.loading = True
        self.show_chips()

    @staticmethod
    def status_options() -> list[tuple[Content, str]]:
        return [(Content(_("Open (planned, sent, replied)")), "open")] + [
            (Content(core.status_label(k)), k) for k in core.STATUSES
        ]

    # -- parts -----------------------------------------------------------------------------

    @property
    def outreach_list(self) -> OutreachList:
        return self.query_one(OutreachList)

    @property
    def coverage(self) -> CoverageView:
        return self.query_one(CoverageView)

    @property
    def search_input(self) -> Input:
        return self.query_one("#out-search", Input)

    @property
    def view(self) -> str:
        return (
            "coverage"
            if self.query_one("#out-views", ContentSwitcher).current == ("out-coverage")
            else "items"
        )

    def select_value(self, name: str) -> str | None:
        value = self.query_one(f"#out-{name}", Select).value
        return None if value is Select.NULL else str(value)

    # -- store data ------------------------------------------------------------------------

    def store_changed(self, data: StoreData) -> None:
        self.data = data
        self.outreach_list.loading = False
        self._cache = None
        live = {i["id"] for i in data.snapshot.live(core.OUTREACH)}
        listing = self.outreach_list
        if listing.selected - live:
            listing.selected &= live
        position, self._position = self._position, None
        self.apply(keep_id=listing.current["id"] if listing.current else None)
        if position is not None:
            listing.cursor_to_position(position)
        last = self.last_change()
        variants = []
        if last:  # the longest that fits: the undo key matters more than the time
            undo = keys.display_keys("outreach.undo")
            full, short = describe_command(last), describe_command(last, when=False)
            variants = [
                _("Last change: {what} · {key} undoes", what=full, key=undo),
                _("Last change: {what} · {key} undoes", what=short, key=undo),
                _("{what} · {key} undoes", what=short, key=undo),
            ]
        self.query_one("#out-last", FittedLine).show(*variants)
        self._coverage_stale = True
        if self.view == "coverage":
            self.show_coverage()
        self.refresh_bindings()

    def criteria(self) -> core.OutreachFilter:
        status = self.select_value("status")
        statuses = None
        if status == "open":
            statuses = frozenset(core.OPEN_STATUSES)
        elif status:
            statuses = frozenset({status})
        return core.OutreachFilter(
            statuses=statuses,
            message_id=self.message_filter,
            channel=self.select_value("channel"),
            overdue=self.toggles["overdue"],
            due_today=self.toggles["due_today"],
            owner=settings(self.app).owner if self.toggles["mine"] else None,
        )

    def filtered_views(self) -> list[dict]:
        """The items matching the filters (cached per store version and criteria)."""
        from ..outreach import clock

        criteria = self.criteria()
        if self._cache is not None and self._cache[0] is self.data and self._cache[1] == (criteria):
            return self._cache[2]
        views = core.list_items(self.data.snapshot, criteria, clock.today())
        orgs = self.data.index.orgs
        for view in views:
            org = orgs.get(view.get("org_id") or "") or {}
            view["org_short"] = org.get("short_name") or org.get("name")
            view["_text"] = fold(
                " ".join(
                    plain(view.get(k))
                    for k in (
                        "contact_name",
                        "org_name",
                        "org_short",
                        "message_title",
                        "province",
                        "note",
                        "owner",
                    )
                )
            )
        self._cache = (self.data, criteria, views)
        return views

    def apply(self, keep_id: str | None = None) -> None:
        """Filter, search and group the items; show them keeping the cursor on `keep_id`."""
        if self.data is None:
            return
        views = self.filtered_views()
        matcher = Matcher(self.search_input.value)
        if matcher.tokens:
            views = [v for v in views if all(t in v["_text"] for t in matcher.tokens)]
        listing = self.outreach_list
        filtered = self.filtering()
        total = len(self.data.snapshot.live(core.OUTREACH))
        if not total:
            purpose = _(
                "Outreach: send a message to people of the network, track replies and "
                "publications, and see the coverage."
            )
            listing.empty_text = (
                purpose
                + "\n\n"
                + _(
                    "No outreach yet. Press {key} to send a message to people of the network (or "
                    "select people in the Network tab and press {send}).",
                    key=keys.display_keys("outreach.new"),
                    send=keys.display_keys("network.send"),
                )
            )
        else:
            listing.empty_text = _(
                "No item matches. {key} clears the filters.",
                key=keys.display_keys("outreach.clear"),
            )
        listing.set_groups(
            core.group_views(views, self.by),
            self.by,
            keep_id=keep_id or (listing.current or {}).get("id"),
        )
        self._counts = (len(views), total if filtered else None)
        self.show_count()
        self.show_chips()
        self.query_one(ItemDetail).show(listing.current)

    def on_resize(self, event: events.Resize) -> None:
        self.show_count()  # across the narrow breakpoint the count's form changes

    def keep_position(self) -> None:
        """After an own change, the cursor stays where it is on screen (the next item slides
        under it) instead of following a marked item to the end of the list."""
        self._position = self.outreach_list.cursor

    # -- events ----------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "out-search":
            event.stop()
            self.apply()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id in ("out-status", "out-channel"):
            event.stop()
            self.apply()

    def on_view_switch_switched(self, event: ViewSwitch.Switched) -> None:
        event.stop()
        self.switch_to(event.view)

    def on_outreach_list_highlighted(self, event: OutreachList.Highlighted) -> None:
        event.stop()
        self.query_one(ItemDetail).show(event.view)
        self.refresh_bindings()

    def on_outreach_list_chosen(self, event: OutreachList.Chosen) -> None:
        event.stop()
        self.app.push_screen(ItemScreen(event.view))

    def on_outreach_list_selection_changed(self, event: OutreachList.SelectionChanged) -> None:
        event.stop()
        self.apply()

    # -- actions ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _LIST_ACTIONS and self.view == "coverage":
            return False
        if action in _ITEM_ACTIONS and self.outreach_list.current is None:
            return None
        if action == "undo" and self.last_change() is None:
            return None
        return True

    def action_open(self) -> None:
        current = self.outreach_list.current
        if current is not None:
            self.app.push_screen(ItemScreen(current))

    def action_select(self) -> None:
        self.outreach_list.toggle_selected()

    def action_select_all(self) -> None:
        listing = self.outreach_list
        shown = {v["id"] for v in listing.views}
        listing.set_selected(set() if shown <= listing.selected else listing.selected | shown)

    async def action_focus_list(self) -> None:
        """From the search box to the list, once it shows the search (`leave_search`)."""
        await self.leave_search(self.search_input)
        self.screen.set_focus(self.outreach_list)

    def action_switch_view(self) -> None:
        self.switch_to("items" if self.view == "coverage" else "coverage")

    def switch_to(self, view: str) -> None:
        switcher = self.query_one("#out-views", ContentSwitcher)
        switcher.current = "out-coverage" if view == "coverage" else "out-items"
        self.query_one(ViewSwitch).current = view
        if view == "coverage":
            self.show_coverage()
        self.refresh_bindings()
        # (a view restored on a hidden tab, after a language switch, leaves the focus alone)
        self.app.main_screen.focus_when_shown(self)

    def show_coverage(self) -> None:
        if self.data is not None and self._coverage_stale:
            self._coverage_stale = False
            self.coverage.show(self.data.snapshot)

    # -- shell hooks -----------------------------------------------------------------------

    def focus_default(self) -> None:
        if self.view == "coverage":
            self.coverage.focus_default()
        else:
            self.outreach_list.focus()
