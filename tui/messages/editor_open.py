"""Opening a card fast: the editor is built once, then refilled for every card opened after it.

Building a card costs Textual some 130 widgets (each styled, mounted, laid out and painted), half a
second and more on a modest machine; a press officer opens cards all day. So closing a card keeps
its editor, hidden ("parked"), and the next card is loaded into it: the same widgets get the new
values (policy and achievement cards have the same slots; a card with other slots gets a new form
in the same editor). Everything a card leaves behind is reset, so a refilled card is the card a
new editor would show: values, undo history, cursors, scroll positions, error lines, the slot
being edited, the checklist, the preview and recipients views (built again when first shown).

Either way, the card is laid out "offstage" before it is shown: at its real size, in a layer of
its own, below the view (so nothing of it is painted), where the sizes settle (a first layout sizes
the fields, whose new sizes lay out again) and the form scrolls to the field where work starts.
The section then shows it with one layout and one paint.

A save or status change still running when its card is parked finishes against the store, but
does not touch the card loaded since (`generation`).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import ContentSwitcher

from ..widgets.unhook import forget_lookups
from . import gchold
from .formvalues import FormState
from .views import ViewTab

#: Where a card is laid out before it is shown: its own layer, this many rows below the view.
OFFSTAGE_LAYER = "offstage"
OFFSTAGE_ROWS = 1000
#: Seconds between refreshes of a crisis statement's timer.
TIMER_SECONDS = 30


class EditorOpening:
    """Mixed into MessageEditor (which provides the form, the checklist, the checks and the
    views)."""

    generation = 0

    def load_state(self, record: dict, restore: dict[str, Any] | None) -> None:
        """Everything about the card being edited, as a new editor starts it."""
        self.generation += 1
        if restore:
            self.state = FormState(
                dict(restore["base"]), list(restore["names"]), dict(restore["initial"])
            )
            self.carry: dict[str, Any] = dict(restore["values"])
        else:
            self.state = FormState.open(record)
            self.carry = dict(self.state.initial)
        self.restore = restore or {}
        self.report = None
        self.merged: dict[str, Any] = dict(self.state.base)
        self.errors: dict[str, str] = {}
        if getattr(self, "_check_timer", None) is not None:
            self._check_timer.stop()
        self._check_timer = None
        self._next = 0
        self._minutes: int | str | None = "unset"
        self._checked: dict[str, Any] | None = None
        self._card_field = None
        self.saving = False
        self.closing = False
        self.gone = False
        self.rejected_card: str | None = self.restore.get("rejected")

    def current(self, generation: int) -> bool:
        """Is the card that `generation` was taken for still the one loaded (and not parked)?"""
        return generation == self.generation and not self.closing

    # -- first build -----------------------------------------------------------------------

    def on_mount(self) -> None:
        # Built while hidden (display: none: each level of widgets mounts without a layout).
        #: `_built`: True from here on (`is_mounted` turns True only after on_mount returns).
        self._built = True
        self.set_interval(TIMER_SECONDS, self.show_timer)
        self.open_card()

    # -- reuse -------------------------------------------------------------------------------

    def park(self) -> None:
        """Closed: hidden, keeping its widgets for the next card (nothing is saved from here)."""
        self.closing = True
        self.generation += 1  # a save or status change still running no longer touches it
        if self._check_timer is not None:
            self._check_timer.stop()
            self._check_timer = None
        self.remove_class("-checklist")

    async def reopen(self, record: dict, restore: dict[str, Any] | None = None) -> None:
        """Load `record` into this parked editor and open it (as a new editor would)."""
        # Not "built" while its fields change hands: no check, no typing event reads a form
        # that shows parts of two cards (refilling waits for the figures' widgets).
        self._built = False
        self.load_state(record, restore)
        await self._reset_views()
        await self.show_form()
        self.checklist.reset()
        # lookups cached by the kept widgets would keep what was removed (fieldbase.py)
        forget_lookups([*self.ancestors_with_self, *self.walk_children()])
        self._built = True
        self.open_card()

    async def _reset_views(self) -> None:
        """Back to the card view; the preview and recipients are built again when shown."""
        for tab in self.query(ViewTab):
            tab.set_class(tab.view == "card", "-active")
        self.query_one("#ed-views", ContentSwitcher).current = "ed-card"
        self.query_one("#ed-summary").remove_class("-off")
        for holder in ("#ed-preview", "#ed-recipients"):
            if self.query_one(holder).children:
                await self.query_one(holder).remove_children()

    # -- opening ---------------------------------------------------------------------------

    def open_card(self) -> None:
        """Checked, the cursor in the field where work starts, laid out offstage; then shown."""
        self.run_checks()
        generation = self.generation
        card_view = self.restore.get("view") not in ("preview", "recipients")
        self._start = None
        if card_view:
            self._start = self.start_field(self.restore.get("focus"))
            self.form.set_current(self._start)  # its hint line is mounted now, while hidden
        self.styles.layer = OFFSTAGE_LAYER  # laid out on its own, as if the list were not there
        self.styles.offset = (0, OFFSTAGE_ROWS)
        self.display = True
        if card_view:  # once laid out offstage: scrolled to where work starts, then shown
            self.form.reveal(self._start, then=lambda: self.section.show_editor(self, generation))
        else:
            self.call_after_refresh(self.section.show_editor, self, generation)

    def on_stage(self) -> None:
        """Shown by the section: back from offstage (same size: no new layout of the card), the
        cursor in the field where work starts. (Given only now: the list keeps its look until
        it goes, and the footer, which follows the cursor, is rebuilt once, after this paint.)"""
        self.styles.clear_rule("offset")
        self.styles.clear_rule("layer")
        if self._start is not None:
            self.form.put_cursor(self._start)

    def shown(self) -> None:
        """Called by the section once the card is on screen."""
        if self.restore.get("view") in ("preview", "recipients"):
            self.show_view(self.restore["view"])
        self.section.card_ready()
        self.call_after_refresh(gchold.release)
