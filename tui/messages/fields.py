"""The widgets of the story-card form, one per field type, all with the same small interface:

- `field_name`: the record field it edits;
- `form_value` / `set_form_value(value)`: the value as formvalues.py holds it;
- `jump(start, end, index)`: focus it and select the words a finding is about;
- `reset_value(value)`: show `value` as a new widget would (cursor, scroll and undo history
  included): an editor is refilled for the next card (editor_open.py).

Single-line fields are Inputs, text fields TextAreas (growing with their text), audiences and tags
a one-item-per-line list editor, flags Checkboxes, kind and language Selects, and the figures a
small editor of rows (value, unit, label, period, baseline, as of, source) in figures.py.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea
from textual.widgets._input import Selection as InputSelection
from textual.widgets.text_area import Selection

from store.i18n import _
from store.messages import FIELDS, KINDS, LANGUAGES

from .fieldbase import QuietStyles, Repaints, Unhooks
from .figures import FiguresField
from .keyorder import InOrderKeys

#: Given as a class too, so that the widget is styled compact from its first styling (its
#: restyles before it is mounted are skipped: fieldbase.py).
COMPACT = "-textual-compact"

#: Placeholders that show the expected format (hints for content come from the template).
FORMATS = {
    "date": "2025-07-01",
    "datetime": "2025-03-04 08:30",
    "phone": "0912 345 678",
    "email": "press@example.gov.vn",
}


def offset_to_location(text: str, offset: int) -> tuple[int, int]:
    """A character offset in `text` as a TextArea (row, column)."""
    offset = max(0, min(offset, len(text)))
    before = text[:offset]
    row = before.count("\n")
    return row, offset - (before.rfind("\n") + 1)


def locate(
    shown: str, checked: str | None, start: int | None, end: int | None
) -> tuple[int, int] | None:
    """The span a finding gives for the checked (cleaned) text, found in the text as shown
    (which may differ by spaces the cleaning removed)."""
    if start is None:
        return None
    end = start if end is None else end
    if checked is None or shown[start:end] == checked[start:end]:
        return start, end
    words = checked[start:end]
    if words:
        found = shown.find(words, max(0, start - 40))
        if found < 0:
            found = shown.find(words)
        if found >= 0:
            return found, found + len(words)
    return min(start, len(shown)), min(end, len(shown))


class LineField(Unhooks, QuietStyles, Input, InOrderKeys):
    #: The box has a fixed size: scrolling the text needs no layout of the whole screen (see
    #: widgets/search_input.py), which keeps typing fast in a long form.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, name: str, value: str, placeholder: str = "") -> None:
        super().__init__(
            value, placeholder=placeholder, id=f"f-{name}", compact=True, classes=COMPACT
        )
        self.field_name = name

    @property
    def form_value(self) -> str:
        return self.value

    def set_form_value(self, value: Any) -> None:
        self.value = str(value or "")

    def reset_value(self, value: Any) -> None:
        reset_input(self, str(value or ""))

    def jump(
        self,
        start: int | None = None,
        end: int | None = None,
        index: int | None = None,
        checked: str | None = None,
    ) -> None:
        self.focus()
        span = locate(self.value, checked, start, end)
        if span is not None:
            self.selection = InputSelection(span[0], span[1])


class TextField(Repaints, Unhooks, QuietStyles, TextArea, InOrderKeys):
    def __init__(self, name: str, value: str, placeholder: str = "") -> None:
        super().__init__(
            value,
            id=f"f-{name}",
            compact=True,
            classes=COMPACT,
            soft_wrap=True,
            placeholder=placeholder,
        )
        self.field_name = name

    @property
    def form_value(self) -> str:
        return self.text

    def set_form_value(self, value: Any) -> None:
        self.text = str(value or "")

    def reset_value(self, value: Any) -> None:
        self.set_form_value(value)  # a new document: no undo history, the cursor at the start
        self.scroll_to(0, 0, animate=False, immediate=True)

    def jump(
        self,
        start: int | None = None,
        end: int | None = None,
        index: int | None = None,
        checked: str | None = None,
    ) -> None:
        self.focus()
        span = locate(self.text, checked, start, end)
        if span is not None:
            self.selection = Selection(
                offset_to_location(self.text, span[0]), offset_to_location(self.text, span[1])
            )
            self.scroll_cursor_visible()


class LineArea(TextField):
    """A one-line field long enough to need wrapping (headline, sources): Enter moves on (the
    editor's binding: keyorder.py) and a pasted line break becomes a space, so what is saved is
    one line, seen whole."""

    @property
    def form_value(self) -> str:
        return " ".join(self.text.split("\n")) if "\n" in self.text else self.text


class ListField(Repaints, Unhooks, QuietStyles, TextArea, InOrderKeys):
    """A list (audiences, tags): one item per line, so items may hold commas."""

    def __init__(self, name: str, value: list[str], placeholder: str = "") -> None:
        super().__init__(
            "\n".join(value),
            id=f"f-{name}",
            compact=True,
            classes=COMPACT,
            soft_wrap=True,
            placeholder=placeholder or _("one per line"),
        )
        self.field_name = name

    @property
    def form_value(self) -> list[str]:
        return [line.strip() for line in self.text.split("\n") if line.strip()]

    def set_form_value(self, value: Any) -> None:
        self.text = "\n".join(value or [])

    def reset_value(self, value: Any) -> None:
        self.set_form_value(value)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def jump(
        self,
        start: int | None = None,
        end: int | None = None,
        index: int | None = None,
        checked: str | None = None,
    ) -> None:
        self.focus()
        if index is not None:
            self.move_cursor((min(index, self.document.line_count - 1), 0))


class BoolField(QuietStyles, Checkbox, InOrderKeys):
    def __init__(self, name: str, value: bool) -> None:
        super().__init__(
            _(FIELDS[name].label), bool(value), id=f"f-{name}", compact=True, classes=COMPACT
        )
        self.field_name = name

    @property
    def form_value(self) -> bool:
        return self.value

    def set_form_value(self, value: Any) -> None:
        self.value = bool(value)

    reset_value = set_form_value

    def jump(self, *args: Any, **kwargs: Any) -> None:
        self.focus()


class ChoiceField(QuietStyles, Select, InOrderKeys):
    """Kind or language (status has its own action: "ready" must be checked first)."""

    def __init__(self, name: str, value: str) -> None:
        choices = {"kind": KINDS, "language": LANGUAGES}[name]
        options = [(Content(_(label)), key) for key, label in choices.items()]
        super().__init__(
            options, value=value, allow_blank=False, compact=True, classes=COMPACT, id=f"f-{name}"
        )
        self.field_name = name

    @property
    def form_value(self) -> str:
        return str(self.value)

    def set_form_value(self, value: Any) -> None:
        self.value = value

    reset_value = set_form_value

    def jump(self, *args: Any, **kwargs: Any) -> None:
        self.focus()


def reset_input(field: Input, value: str) -> None:
    """Show `value` in an Input as a new one would: the cursor after the text, the text seen
    from its start (Textual scrolls to the cursor on every change but the first)."""
    field._initial_value = True  # Input: "the value has not been set yet"
    if field.value != value:
        field.value = value  # the first setting: the cursor goes to the end, nothing scrolls
    else:
        field.cursor_position = len(value)
        field._initial_value = False
    field.scroll_to(0, 0, animate=False, immediate=True)


def make_field(name: str, value: Any, lang: str, placeholder: str = "") -> Widget:
    """The widget for field `name` showing `value`."""
    kind = FIELDS[name].type
    if name in ("kind", "language"):
        return ChoiceField(name, value)
    if kind == "text":
        return TextField(name, value, placeholder)
    if kind == "list":
        return ListField(name, value, placeholder)
    if kind == "bool":
        return BoolField(name, value)
    if kind == "figures":
        return FiguresField(name, value, lang)
    if kind == "line" and FIELDS[name].slot and FIELDS[name].max_len >= 200:
        return LineArea(name, value, placeholder)
    return LineField(name, value, placeholder or FORMATS.get(kind, ""))


def field_of(widget: Widget | None) -> Widget | None:
    """The form field a widget belongs to (itself, or the figures editor around an input)."""
    for node in [widget, *(widget.ancestors if widget is not None else [])]:
        if hasattr(node, "field_name"):
            return node
    return None
