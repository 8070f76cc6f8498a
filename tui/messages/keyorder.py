"""Keys act in the order they were typed, in the field focused when each was typed (the
mechanism is the app's: tui/widgets/keyorder.py; the story card adds Enter, which leaves a
one-line text at once).

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

from textual.binding import Binding

from ..widgets.keyorder import FOCUS_BINDINGS, InOrderKeys, binding_chain, run_bindings

__all__ = ["MOVE_BINDINGS", "InOrderKeys", "MovesAtOnce", "binding_chain", "run_bindings"]

#: The editor's keys that move the cursor to another field as soon as the app reads them.
MOVE_BINDINGS = [*FOCUS_BINDINGS, Binding("enter", "next_field", show=False, priority=True)]


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
