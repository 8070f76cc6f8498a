"""Searching the network: the search box and the filters narrow the contact list.

Keystrokes that arrive faster than the list can be redrawn are coalesced (one search per batch,
`_apply_now`); while the person types, the detail panel waits for a pause (network.py). A big store
still being indexed in the background is searched as soon as it is ready, so keys never block.
"""

from __future__ import annotations

from textual.widgets import Input

from store.i18n import _
from store.network import ContactFilter

from .. import keys
from ..widgets.filters import FilterChips, FilterPanel
from ..widgets.status_bar import Counter

#: Up to this many contacts a search typed before the background indexing is done folds the
#: index at once (~0.2 s for 10,000); bigger stores wait for the worker without blocking keys.
FOLD_IN_PLACE = 20_000


class NetworkFiltering:
    """Mixed into NetworkSection (which provides the search box, the list, the data and the
    filters)."""

    def criteria(self) -> ContactFilter:
        return ContactFilter(search=self.search_input.value or None, **self.filters)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "search":
            return
        event.stop()
        if not self._apply_scheduled:
            self._apply_scheduled = True
            self.call_later(self._apply_now)

    def show_search_now(self) -> None:
        if self._apply_scheduled:
            self._apply_now()

    def _apply_now(self) -> None:
        self._apply_scheduled = False
        self._typing = True
        try:
            self.apply_search()
        finally:
            self.call_later(self._typed)

    def _typed(self) -> None:
        self._typing = False

    def apply_search(self, keep_id: str | None = None) -> None:
        """Filter the index with the search text and filters, and show the result."""
        if self.searcher is None or self.data is None:
            return
        criteria = self.criteria()
        needs_folding = bool(criteria.search or criteria.beat or criteria.tag)
        if (
            needs_folding
            and not self.data.prepared.is_set()
            and len(self.data.index) > (FOLD_IN_PLACE)
        ):
            # a big store is still being indexed in the background: keep typing responsive
            # and search as soon as it is ready
            self.query_one("#count", Counter).text = _("indexing…")
            self.set_timer(0.05, lambda: self.apply_search(keep_id))
            return
        rows = self.searcher.run(criteria)
        contacts = self.contact_list
        contacts.empty_text = (
            _(
                "No contact matches. {keys} clears the filters.",
                keys=keys.display_keys("network.clear"),
            )
            if self.filters or self.search_input.value
            else _("No contacts yet.")
        )
        contacts.set_rows(rows, keep_id=keep_id)
        total = len(self.data.index)
        count = f"{len(rows):,}".replace(",", ".")
        text = count if len(rows) == total else f"{count} / {total:,}".replace(",", ".")
        if contacts.selected:
            text += " · " + _("{n} selected", n=len(contacts.selected))
        self.query_one("#count", Counter).text = text
        self.query_one(FilterChips).show(
            self.filters, self.data.index.orgs, keys.display_keys("network.clear")
        )

    async def action_open_from_search(self) -> None:
        """Enter in the search box opens the first contact found, as the app reads the key: the
        search box first types what it holds (the search is complete), and the keys typed behind
        Enter go to the contact screen (which holds them while it opens), not into the search."""
        await self.leave_search(self.search_input)  # type: ignore[attr-defined]
        entry = self.contact_list.current
        if entry is not None:
            self.focus_now(self.contact_list)
            self.open_contact(entry.id)

    def set_filter(self, name: str, value: str | None) -> None:
        if value:
            self.filters[name] = value
        else:
            self.filters.pop(name, None)
        self.query_one(FilterPanel).set_values(self.filters)
        self.apply_search()

    def on_filter_panel_changed(self, event: FilterPanel.Changed) -> None:
        event.stop()
        self.set_filter(event.name, event.value)

    def on_filter_chips_remove(self, event: FilterChips.Remove) -> None:
        event.stop()
        if event.name is None:
            self.action_clear_filters()
        else:
            self.set_filter(event.name, None)
