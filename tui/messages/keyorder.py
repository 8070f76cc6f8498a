"""Keys act in the order they were typed, in the field focused when each was typed.

Textual hands each key to the widget focused when the app reads the key. The widget types the
characters itself, at once; any other key climbs the tree to the app, one message queue at a time,
and only there runs its binding (Backspace, Delete, the arrows, ctrl+s, Escape, Tab…), for the
widget focused by then. Keys that arrive together (a paste, a quick typist, a machine busy laying
out the form) broke both promises: "41 Backspaces, then a sentence" typed the sentence and then
erased it with the Backspaces (and ctrl+s saved that), and "headline, Tab, lead, Tab, problem" put
all three in the headline, as the app had handed it every key before the first Tab moved on.

So:
- the form's widgets run their bindings themselves, in their own queue, between the characters
  typed around them (`InOrderKeys`), with the bindings the app would run for them;
- the keys that move the cursor to another field (Tab, shift+Tab, Enter in a one-line text) are
  the editor's priority bindings (`MOVE_BINDINGS`, `MovesAtOnce`): the app runs them when it reads
  them, before it hands on the keys typed after them, which go to the field moved to.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode, NoScreen
from textual.keys import key_to_character
from textual.widget import Widget

#: The editor's keys that move the cursor to another field as soon as the app reads them.
MOVE_BINDINGS = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
    Binding("enter", "next_field", show=False, priority=True),
]


def binding_chain(widget: Widget) -> list[tuple[DOMNode, BindingsMap]]:
    """The bindings the app would check for a key of `widget` if it were focused, nearest
    first (as `Screen._binding_chain` builds them for the focused widget)."""
    chain = [(node, node._bindings.copy()) for node in widget.ancestors_with_self]
    consumers: list[DOMNode] = []
    for node, bindings in chain:
        for consumer in consumers:  # a key typed by a widget below is not a binding above
            for key in list(bindings.key_to_bindings):
                if consumer.check_consume_key(key, key_to_character(key)):
                    del bindings.key_to_bindings[key]
        consumers.append(node)
    keymap = widget.app._keymap
    if keymap:  # the person's [keys] (clashes are the app's to report, when it checks them)
        for _node, bindings in chain:
            bindings.apply_keymap(keymap)
    for index, (node, _bindings) in enumerate(chain, 1):
        if node.is_modal:
            return chain[:index]
    return chain


async def run_bindings(widget: Widget, key: str) -> bool:
    """Run the binding of `key` for `widget` (not priority ones: the app ran those before it
    handed the key on); True if one acted."""
    app = widget.app
    for namespace, bindings in binding_chain(widget):
        for binding in bindings.key_to_bindings.get(key, ()):
            if not binding.priority and await app.run_action(binding.action, namespace):
                return True
    return False


class InOrderKeys:
    """Mixin for the form's widgets, placed *after* the widget class among the bases: Textual
    calls the key handlers of a widget's classes in turn, so this one runs once the widget's
    own have had the key and left it (not a character it typed). Its binding runs here, in
    order with the characters, instead of later in the app."""

    async def _on_key(self, event: events.Key) -> None:
        if await run_bindings(self, event.key):  # type: ignore[arg-type]
            event.stop()
            event.prevent_default()
        elif _focused(self) is not self:  # type: ignore[arg-type]
            event.stop()  # the app would look for a binding again, of the widget focused now


def _focused(widget: Widget) -> Widget | None:
    """The widget focused now (`has_focus` changes only once the widget has handled the keys
    before its Blur)."""
    try:
        return widget.screen.focused
    except NoScreen:  # gone meanwhile (a form rebuilt for another kind)
        return None


class MovesAtOnce:
    """Mixed into MessageEditor (whose BINDINGS include MOVE_BINDINGS): Enter in a one-line
    text moves on (a headline or a source is one line, however long it wraps)."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_field":
            from .fields import LineArea

            return isinstance(self.screen.focused, LineArea)  # type: ignore[attr-defined]
        return super().check_action(action, parameters)  # type: ignore[misc]

    def action_next_field(self) -> None:
        self.screen.focus_next()  # type: ignore[attr-defined]
