"""The story card as a form: the working title, kind, language, owner and tags, then one box per
slot of the kind, in card order, each headed by its live state ("✗ Lead *  1 error").

The template's hint for a slot shows under the heading of the slot being edited and as the
placeholder of its empty main field; a field whose typed value does not validate says what to fix
right under it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from store.checks.base import Report, SlotState
from store.i18n import _
from store.messages import FIELDS, SLOTS
from store.templates import Template

from .checklist import slot_line
from .fields import FiguresField, field_of, make_field
from .formvalues import META_FIELDS, form_slots


class SlotBox(Vertical):
    """One slot: its heading (state), its hint and its fields."""

    def __init__(
        self, slot: str, names: list[str], values: dict[str, Any], lang: str, hint: str
    ) -> None:
        super().__init__(id=f"box-{slot}", classes="slot-box")
        self.slot = slot
        self.names = names
        self.values = values
        self.lang = lang
        self.hint = hint
        self.state: SlotState | None = None

    def compose(self) -> ComposeResult:
        yield Label(
            Content(_(SLOTS[self.slot].label)), id=f"slot-{self.slot}", classes="slot-heading"
        )
        single = len(self.names) == 1
        for index, name in enumerate(self.names):
            placeholder = self.hint if index == 0 else ""
            widget = make_field(
                name,
                self.values.get(name),
                self.lang,
                placeholder if FIELDS[name].type in ("text", "line") else "",
            )
            if single or FIELDS[name].type in ("bool", "figures"):
                yield widget
            else:
                with Horizontal(classes="field-row"):
                    yield Label(Content(_(FIELDS[name].label)), classes="field-label")
                    yield widget

    def reset(self, hint: str, values: dict[str, Any], lang: str) -> None:
        """For the next card (same slots): its template's hint, not being edited."""
        self.values = values
        self.lang = lang
        if hint != self.hint:
            self.hint = hint
            for line in self.query_children(".slot-hint"):
                line.update(Content(hint))
        self.set_current(False)

    def set_current(self, current: bool) -> None:
        """The slot being edited shows its hint as a line; the others in their empty field.
        (The line is made when a slot is first edited: most are never needed.)"""
        if current and not self.query_children(".slot-hint"):
            self.mount(
                Static(Content(self.hint), classes="slot-hint"),
                after=self.query_one(".slot-heading"),
            )
        self.set_class(current, "-current")
        main = next(
            (w for w in self.query("*") if getattr(w, "field_name", None) == self.names[0]), None
        )
        if (
            main is not None
            and hasattr(main, "placeholder")
            and FIELDS[self.names[0]].type in ("text", "line")
        ):
            main.placeholder = "" if current else self.hint


class CardForm(VerticalScroll):
    """The fields of one message; `values()` reads them, `set_value()` writes one."""

    def __init__(
        self,
        names: list[str],
        values: dict[str, Any],
        kind: str,
        lang: str,
        template: Template,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.names = names
        self.values_at_start = values
        self.kind = kind
        self.lang = lang
        self.template = template
        self.fields: dict[str, Widget] = {}
        self.shown_errors: dict[str, str] = {}
        self.error_labels: dict[str, Label] = {}
        self.reveals = 0

    def compose(self) -> ComposeResult:
        with Vertical(classes="slot-box meta-box", id="box-meta"):
            for name in META_FIELDS:
                label = _(FIELDS[name].label) + (" *" if name == "title" else "")
                with Horizontal(classes="field-row"):
                    yield Label(Content(label), classes="field-label")
                    yield make_field(name, self.values_at_start.get(name), self.lang)
        for slot in form_slots(n for n in self.names if n not in META_FIELDS):
            names = [n for n in SLOTS[slot].fields if n in self.names]
            yield SlotBox(slot, names, self.values_at_start, self.lang, self.hint(slot))

    def hint(self, slot: str) -> str:
        return self.template.hint(slot) or _(SLOTS[slot].help)

    def on_mount(self) -> None:
        for widget in self.query("*"):
            name = getattr(widget, "field_name", None)
            if name:
                self.fields[name] = widget

    async def refill(
        self, values: dict[str, Any], kind: str, lang: str, template: Template
    ) -> None:
        """Show another card with the same fields, as a new form would show it: its values
        (cursors at their start, no undo history), no error lines, no slot being edited, its
        template's hints, every figure folded, scrolled to the top."""
        self.values_at_start = values
        self.kind = kind
        self.lang = lang
        self.template = template
        self.reveals = 0
        for label in self.error_labels.values():  # kept hidden, for the next error there
            label.display = False
        self.shown_errors.clear()
        self.query_one("#box-meta").remove_class("-current")
        for box in self.query_children(SlotBox):
            box.reset(self.hint(box.slot), values, lang)
        for name, widget in self.fields.items():
            if isinstance(widget, FiguresField):
                await widget.reset(values.get(name) or [], lang)
            else:
                widget.reset_value(values.get(name))
        self.scroll_to(0, 0, animate=False, immediate=True)

    # -- values ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {name: widget.form_value for name, widget in self.fields.items()}

    def set_value(self, name: str, value: Any) -> None:
        widget = self.fields.get(name)
        if widget is not None and widget.form_value != value:
            widget.set_form_value(value)

    # -- states ----------------------------------------------------------------------------

    def show_states(self, report: Report, errors: dict[str, str]) -> None:
        """The slot headings from the report; under each field, what to fix in its value."""
        states = {s.slot: s for s in report.checklist}
        for box in self.query(SlotBox):
            state = states.get(box.slot) or SlotState(box.slot, "optional", False, 0, 0)
            if box.state != state:  # a one-line heading: repainted without a layout pass
                box.state = state
                box.query_one(".slot-heading", Label).update(slot_line(state), layout=False)
        for name in set(self.shown_errors) | set(errors):
            if self.shown_errors.get(name) != errors.get(name):
                self.show_error(name, errors.get(name))

    def show_error(self, name: str, message: str | None) -> None:
        """What to fix in a field (None: nothing). The line under the field is made when
        first needed: most fields never need one."""
        widget = self.fields.get(name)
        if widget is None:
            return
        label = self.error_labels.get(name)
        if label is None:
            if not message:
                return
            label = Label("", id=f"err-{name}", classes="field-error")
            row = (
                widget.parent
                if widget.parent is not None and widget.parent.has_class("field-row")
                else widget
            )
            row.parent.mount(label, after=row)
            self.error_labels[name] = label
        label.update(Content(message or ""))
        label.display = bool(message)
        if message:
            self.shown_errors[name] = message
        else:
            self.shown_errors.pop(name, None)

    # -- moving around ---------------------------------------------------------------------

    def on_descendant_focus(self, event: Any) -> None:
        box = next(
            (
                a
                for a in [event.widget, *event.widget.ancestors]
                if isinstance(a, Vertical) and a.has_class("slot-box")
            ),
            None,
        )
        for other in self.query(".slot-box.-current"):
            if other is not box:
                other.set_current(False) if isinstance(other, SlotBox) else other.remove_class(
                    "-current"
                )
        if box is not None and not box.has_class("-current"):
            box.set_current(True) if isinstance(box, SlotBox) else box.add_class("-current")

    def focus_field(
        self,
        name: str,
        start: int | None = None,
        end: int | None = None,
        index: int | None = None,
        checked: str | None = None,
        then: Callable[[], None] | None = None,
    ) -> bool:
        """Put the cursor in field `name` (selecting start:end) and scroll its slot into view;
        then `then()`, once scrolled."""
        widget = self.fields.get(name)
        if widget is None:
            return False
        widget.jump(start, end, index, checked)
        self.call_after_refresh(self._reveal, widget, then=then)
        return True

    def put_cursor(self, name: str) -> None:
        """The cursor in field `name` (for the figures, their first line), scrolling nothing:
        the form was scrolled for it already (`reveal`)."""
        widget = self.fields[name]
        if not widget.can_focus:
            widget = next((w for w in widget.query("*") if w.can_focus), widget)
        widget.focus(scroll_visible=False)

    def reveal(self, name: str, then: Callable[[], None] | None = None) -> None:
        """Scroll field `name` into view as `focus_field` does (once laid out), without the
        cursor; then `then()`."""
        self.call_after_refresh(self._reveal, self.fields[name], then=then)

    def _reveal(
        self, widget: Widget, tries: int = 5, then: Callable[[], None] | None = None
    ) -> None:
        """Show the slot from its heading when it fits, else the focused part of it. The
        slot's hint line appears when the slot is first edited: measure once it is laid out."""
        focused = self.screen.focused
        target = focused if focused is not None and field_of(focused) is widget else widget
        box = next((a for a in target.ancestors if isinstance(a, SlotBox)), None)
        if box is not None and tries and not _hint_laid_out(box):
            self.call_after_refresh(self._reveal, widget, tries - 1, then)
            return
        if box is not None and box.outer_size.height <= self.scrollable_content_region.height:
            self.scroll_to_widget(box, animate=False, top=True)
        else:
            self.scroll_to_widget(target, animate=False)
        self.reveals += 1  # tests wait on it before taking pictures
        if then is not None:
            then()

    def set_current(self, name: str) -> None:
        """Mark the slot of field `name` as the one being edited (its hint line shows), as
        focusing it would, without waiting for the focus."""
        widget = self.fields.get(name)
        box = (
            next((a for a in widget.ancestors if isinstance(a, SlotBox)), None) if widget else None
        )
        if box is not None and not box.has_class("-current"):
            box.set_current(True)

    def focus_slot(self, slot: str) -> bool:
        names = [n for n in SLOTS[slot].fields if n in self.fields]
        return bool(names) and self.focus_field(names[0])

    def focused_field(self) -> Widget | None:
        return field_of(self.screen.focused)


def _hint_laid_out(box: SlotBox) -> bool:
    """False while the hint line of the slot being edited is still to be mounted or placed."""
    if not box.has_class("-current"):
        return not box.screen.focused or box.screen.focused not in box.walk_children()
    hints = box.query_children(".slot-hint")
    return bool(hints) and hints.first().region.height > 0
