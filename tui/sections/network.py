"""The network section: find anyone in seconds, see who they are, keep their details right.

Search runs on every keystroke against the in-memory index (see network_search.py; the search box
and the filters: network_filtering.py); keystrokes that arrive faster than the list can be redrawn
are coalesced, so typing never lags. A reload of the store (own write, CLI, sync) re-runs the
same search and keeps the cursor and the selection.
"""

from __future__ import annotations

import importlib.util
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import ContentSwitcher, Input, Label

from store.i18n import _
from store.network import ContactEntry

from .. import keys
from ..widgets.contact_detail import ContactDetail
from ..widgets.contact_list import ContactList
from ..widgets.filters import FilterChips, FilterPanel
from ..widgets.keyorder import HoldsKeysUntilReady
from ..widgets.org_tree import OrgTree
from ..widgets.search_input import SearchInput
from ..widgets.status_bar import Counter
from ..widgets.welcome import WelcomeView
from .base import PaletteCommand, Section, StoreData
from .network_actions import NetworkActions
from .network_files import NetworkFiles
from .network_filtering import NetworkFiltering
from .network_search import ContactSearch, facet_values

#: Seconds the detail panel waits after the last keystroke before following the list.
DETAIL_DELAY = 0.12


def _available(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


class NetworkSection(NetworkFiltering, NetworkActions, NetworkFiles, HoldsKeysUntilReady, Section):
    section_id = "network"
    keys_are_ready = True  # False while the filter panel opens (show_filter_panel)

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("network.search", "focus_search"),
        keys.bind("network.show", "show"),
        keys.bind("network.new", "new"),
        keys.bind("network.edit", "edit"),
        keys.bind("network.delete", "delete"),
        keys.bind("network.undo", "undo"),
        keys.bind("network.select", "select"),
        keys.bind("network.select_all", "select_all"),
        keys.bind("network.tag", "tag"),
        keys.bind("network.export", "export"),
        keys.bind("network.send", "send"),
        keys.bind("network.filters", "toggle_filters"),
        keys.bind("network.clear", "clear_filters"),
        keys.bind("network.orgs", "toggle_orgs"),
        keys.bind("network.copy_email", "copy('emails')"),
        keys.bind("network.copy_phone", "copy('phones')"),
        keys.bind("network.copy_zalo", "copy('zalo')"),
        # run as the app reads the key: the keys typed after it go to the list (keyorder.py)
        Binding("down", "focus_list", show=False, priority=True),
        Binding("enter", "open_from_search", show=False, priority=True),
        keys.bind("network.to_list", "focus_list", priority=True),
    ]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.data: StoreData | None = None
        self.searcher: ContactSearch | None = None
        self.filters: dict[str, str] = {}
        self._facets: tuple[StoreData, dict[str, list[str]]] | None = None
        self._apply_scheduled = False
        self._tree_stale = True
        self._pending_id: str | None = None
        self._typing = False
        self._detail_timer = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-row"):
            yield Label(_("Search:"), id="search-label")
            yield SearchInput(
                placeholder=_("name, organisation, province, beat, email, phone"),
                id="search",
                compact=True,
            )
            yield Counter(id="count")
        yield FilterChips(id="chips")
        # the first-run WelcomeView joins "network-views" only when the store is empty
        with ContentSwitcher(initial="browse", id="network-views"), Horizontal(id="browse"):
            yield FilterPanel(id="filter-panel")
            with ContentSwitcher(initial="contacts", id="lists"):
                yield ContactList(id="contacts")
                yield OrgTree(id="orgs")
            yield ContactDetail(id="detail")

    def on_mount(self) -> None:
        self.query_one(FilterPanel).display = False
        self.query_one(FilterChips).display = False
        contacts = self.query_one(ContactList)
        if getattr(self.app, "data", None) is None:
            contacts.loading = True
        self.query_one("#search", Input).focus()
        # (Textual then runs Section.on_mount too: handlers are called along the MRO)

    # -- parts ---------------------------------------------------------------------------

    @property
    def contact_list(self) -> ContactList:
        return self.query_one(ContactList)

    @property
    def org_tree(self) -> OrgTree:
        return self.query_one(OrgTree)

    @property
    def search_input(self) -> Input:
        return self.query_one("#search", Input)

    @property
    def welcoming(self) -> bool:
        return self.query_one("#network-views", ContentSwitcher).current == "welcome"

    @property
    def showing_orgs(self) -> bool:
        return self.query_one("#lists", ContentSwitcher).current == "orgs"

    def current_entry(self) -> ContactEntry | None:
        if self.showing_orgs:
            return self.query_one(ContactDetail).entry
        return self.contact_list.current

    def entry_by_id(self, contact_id: str) -> ContactEntry | None:
        return self.data.entry(contact_id) if self.data is not None else None

    # -- store data ------------------------------------------------------------------------

    @property
    def facets(self) -> dict[str, list[str]]:
        """Beats and tags in use (for the filter choices and tag suggestions), computed when
        first needed for each version of the store."""
        if self.data is None:
            return {}
        if self._facets is None or self._facets[0] is not self.data:
            self._facets = (self.data, facet_values(self.data.index))
        return self._facets[1]

    def store_changed(self, data: StoreData) -> None:
        self.data = data
        self.searcher = ContactSearch(data.index)
        contacts = self.contact_list
        contacts.loading = False
        views = self.query_one("#network-views", ContentSwitcher)
        welcome = data.is_empty and not self.filters and not self.search_input.value
        if welcome and not self.query(WelcomeView):  # built when needed: most starts skip it
            views.mount(
                WelcomeView(
                    id="welcome",
                    can_sample=_available("store.sample"),
                    can_import=_available("store.importer"),
                )
            )
        was = views.current
        views.current = "welcome" if welcome else "browse"
        self.query_one("#search-row").display = not welcome
        if views.current != was or (welcome and self.search_input.has_focus):
            self.call_after_refresh(self.focus_default)
            self.refresh_bindings()
        live = {e.id for e in data.index.entries}
        if contacts.selected - live:
            contacts.set_selected(contacts.selected & live)
        panel = self.query_one(FilterPanel)
        if panel.built:
            panel.set_choices(self.facets, self.filters)
        keep = self._pending_id or (contacts.current.id if contacts.current else None)
        self.apply_search(keep_id=keep)
        if self._pending_id and contacts.position_of(self._pending_id) is None:
            self.notify(
                _("Saved. The contact is hidden by the current search or filters."), markup=False
            )
        self._pending_id = None
        self._tree_stale = True
        if self.showing_orgs:
            self._load_tree()
        self.show_detail(self.current_entry() if not self.showing_orgs else None, refresh=True)

    def store_failed(self, message: str) -> None:
        contacts = self.contact_list
        contacts.loading = False
        contacts.empty_text = message
        contacts.refresh()

    # -- the detail ------------------------------------------------------------------------

    def show_detail(self, entry: ContactEntry | None, refresh: bool = False) -> None:
        detail = self.query_one(ContactDetail)
        if not refresh and detail.entry is entry:
            return
        if entry is not None and self.data is not None and refresh:
            entry = self.entry_by_id(entry.id)
        detail.show(entry, self.data.snapshot if self.data else None)

    def on_contact_list_highlighted(self, event: ContactList.Highlighted) -> None:
        event.stop()
        if self._typing:
            # while typing, the detail follows once the keys pause: drawing a whole contact
            # per keystroke would slow the list down
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._detail_timer = self.set_timer(DETAIL_DELAY, self._detail_after_typing)
        else:
            self.show_detail(event.entry)

    def _detail_after_typing(self) -> None:
        self._detail_timer = None
        self.show_detail(self.current_entry())

    def on_contact_list_chosen(self, event: ContactList.Chosen) -> None:
        event.stop()
        self.open_contact(event.entry.id)

    def on_contact_list_selection_changed(self, event: ContactList.SelectionChanged) -> None:
        event.stop()
        self.apply_search(
            keep_id=self.contact_list.current.id if self.contact_list.current else None
        )

    def on_org_tree_contact_highlighted(self, event: OrgTree.ContactHighlighted) -> None:
        event.stop()
        self.show_detail(event.entry)

    def on_org_tree_contact_chosen(self, event: OrgTree.ContactChosen) -> None:
        event.stop()
        self.open_contact(event.entry.id)

    def on_org_tree_org_chosen(self, event: OrgTree.OrgChosen) -> None:
        event.stop()
        self.action_toggle_orgs()
        self.set_filter("org_id", event.org_id)
        self.focus_now(self.contact_list)

    def open_contact(self, contact_id: str) -> None:
        from ..screens.contact import ContactScreen

        self.app.push_screen(ContactScreen(self, contact_id))

    # -- views -----------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)

    async def action_focus_list(self) -> None:
        """From the search box to the list, once it shows the search (`leave_search`)."""
        await self.leave_search(self.search_input)
        self.screen.set_focus(self.org_tree if self.showing_orgs else self.contact_list)

    def action_show(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.open_contact(entry.id)

    def focus_default(self) -> None:
        views = self.query_one("#network-views", ContentSwitcher)
        if views.current == "welcome":
            self.query_one(WelcomeView).focus_default()
        else:
            self.search_input.focus()

    def on_welcome_view_chosen(self, event: WelcomeView.Chosen) -> None:
        event.stop()
        {"sample": self.load_sample, "import": self.import_csv, "add": self.action_new}[
            event.action
        ]()

    # -- shell hooks -----------------------------------------------------------------------

    def view_state(self) -> dict[str, Any]:
        focused = self.screen.focused
        return {
            "search": self.search_input.value,
            "filters": dict(self.filters),
            "cursor": self.contact_list.current.id if self.contact_list.current else None,
            "selected": set(self.contact_list.selected),
            "orgs": self.showing_orgs,
            "panel": self.query_one(FilterPanel).display,
            "focus": focused.id
            if focused is not None and focused in self.walk_children()
            else None,
        }

    def restore_view_state(self, state: dict[str, Any]) -> None:
        if not state:
            return
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = state["search"]
        self.filters = dict(state["filters"])
        self.query_one(FilterPanel).set_values(self.filters)
        self.show_filter_panel(state["panel"])
        self.contact_list.selected = set(state["selected"])
        self.apply_search(keep_id=state["cursor"])
        if state["orgs"]:
            self.action_toggle_orgs()
        if state["focus"]:
            try:
                self.query_one(f"#{state['focus']}").focus()
            except Exception:
                self.focus_default()

    def help_markdown(self) -> str:
        k = keys.display_keys
        return _(
            "## Network\n\nType to search names, organisations, provinces, titles, beats, "
            "emails and phones; diacritics are optional (`quang ninh` finds Quảng Ninh). "
            "Results are in directory order (given name first).\n\n"
            "- {show}: open the contact · {new}: new · {edit}: edit · {delete}: delete "
            "(undo with {undo})\n"
            "- {select}: select for bulk actions · {tag}: tag · {export}: export\n"
            "- {filters}: filters (group, region, province, role, beat, tag) · {clear}: clear "
            "them\n- {orgs}: organisations and their people\n"
            "- {email} / {phone} / {zalo}: copy the email, phone or Zalo",
            show=k("network.show"),
            new=k("network.new"),
            edit=k("network.edit"),
            delete=k("network.delete"),
            undo=k("network.undo"),
            select=k("network.select"),
            tag=k("network.tag"),
            export=k("network.export"),
            filters=k("network.filters"),
            clear=k("network.clear"),
            orgs=k("network.orgs"),
            email=k("network.copy_email"),
            phone=k("network.copy_phone"),
            zalo=k("network.copy_zalo"),
        )

    def palette_commands(self) -> list[PaletteCommand]:
        return self.network_commands()
