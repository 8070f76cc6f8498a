"""Keys act in the order they were typed, in the input focused when each was typed.

Textual hands each key to the widget focused when the app reads the key. The widget types the
characters itself, at once; any other key climbs the tree to the app, one message queue at a time,
and only there runs its binding (Backspace, Delete, the arrows, ctrl+s, Escape, Tab…), for the
widget focused by then. Keys that arrive together (a paste, a quick typist, a machine busy laying
out a form) broke both promises: "41 Backspaces, then a sentence" typed the sentence and then
erased it with the Backspaces (and ctrl+s saved that), and "name, Tab, title, Tab, email" put all
three in the name, as the app had handed it every key before the first Tab moved on.

So, in every form and input of the app:
- the inputs run their bindings themselves, in their own queue, between the characters typed
  around them (`InOrderKeys`), with the bindings the app would run for them;
- the keys that move the cursor to another field (Tab, shift+Tab) are priority bindings of the
  form (`FOCUS_BINDINGS`): the app runs them when it reads them, before it hands on the keys typed
  after them, which go to the field moved to;
- the app's quit key, also run when the app reads it, waits until the keys typed before it have
  been handled (`KeysBeforeQuit`), so what is saved or asked about on the way out is what the
  person typed; a screen with unsaved work may ask first (`hold_quit`).
"""

from __future__ import annotations

import asyncio
from contextlib import suppress

from textual import events
from textual.app import App, ScreenStackError
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode, NoScreen
from textual.keys import key_to_character
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea
from textual.widgets._select import SelectOverlay

#: A form's keys that move the cursor to another field as soon as the app reads them.
FOCUS_BINDINGS = [
    Binding("tab", "app.focus_next", show=False, priority=True),
    Binding("shift+tab", "app.focus_previous", show=False, priority=True),
]

#: Seconds the quit key waits, at most, for the keys typed before it.
QUIT_WAIT = 2.0


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
    handed the key on); True if one acted. A binding of the form around it (save, close…)
    first lets the other fields handle the keys they hold (`others_done`)."""
    app = widget.app
    for namespace, bindings in binding_chain(widget):
        for binding in bindings.key_to_bindings.get(key, ()):
            if binding.priority:
                continue
            if namespace is not widget:
                await others_done(widget)
            if await app.run_action(binding.action, namespace):
                return True
    return False


async def handled(pump: MessagePump) -> None:
    """Return once `pump` has handled the messages it holds now (at once if it is closed)."""
    done = asyncio.get_running_loop().create_future()
    if pump.call_later(lambda: done.done() or done.set_result(None)):
        await done


async def others_done(widget: Widget) -> None:
    """Wait until the other fields of the screen have handled the keys they hold.

    Each field has its own queue: "email, shift+Tab, shift+Tab, a word, ctrl+s" gives the email
    to one field and the word and ctrl+s to another, and the second may reach ctrl+s first: the
    form would save without the email. Keys held by another field were typed before this one
    (or just after it, in a field moved to at once: also fine to have in). One field waits at a
    time: a field waited for that reaches a form key itself runs it at once, never waits back.
    """
    app = widget.app
    if getattr(app, "_keyorder_waiting", False):
        return
    try:
        screen = widget.screen
    except NoScreen:
        return
    busy = [
        node
        for node in screen.walk_children()
        if isinstance(node, InOrderKeys) and node is not widget and node.message_queue_size
    ]
    if not busy:
        return
    app._keyorder_waiting = True  # type: ignore[attr-defined]
    try:
        await asyncio.wait_for(asyncio.gather(*(handled(node) for node in busy)), QUIT_WAIT)
    except TimeoutError:
        pass  # a field stuck on something else: act now rather than never
    finally:
        app._keyorder_waiting = False  # type: ignore[attr-defined]


class InOrderKeys:
    """Mixin for inputs, placed *after* the widget class among the bases: Textual calls the key
    handlers of a widget's classes in turn, so this one runs once the widget's own have had the
    key and left it (not a character it typed). Its binding runs here, in order with the
    characters, instead of later in the app."""

    async def _on_key(self, event: events.Key) -> None:
        focused = _focused(self)  # type: ignore[arg-type]
        if focused is not None and focused is not self and self in focused.ancestors:
            # a key of a focused part of this widget (a Select's open list): that part's
            # bindings are the app's to run, as for any focused widget (running this widget's
            # own here reopened the list at every arrow and Escape closed the whole form)
            return
        # a drop-down whose list, opened by a key before this one, has not taken the focus yet:
        # the keys typed behind that key are the list's ("Enter Down Enter" picks the first)
        opening = isinstance(self, Select) and self.expanded and focused is self
        if opening and await run_bindings(self.query_one(SelectOverlay), event.key):
            event.stop()
            event.prevent_default()
            return
        if await run_bindings(self, event.key):  # type: ignore[arg-type]
            event.stop()
            event.prevent_default()
        elif focused is not self:
            event.stop()  # the app would look for a binding again, of the widget focused now


def _focused(widget: Widget) -> Widget | None:
    """The widget focused now (`has_focus` changes only once the widget has handled the keys
    before its Blur)."""
    try:
        return widget.screen.focused
    except NoScreen:  # gone meanwhile (a closed dialog, a form rebuilt for another kind)
        return None


class InOrderInput(Input, InOrderKeys):
    """A one-line input whose keys act in the order typed."""


class InOrderTextArea(TextArea, InOrderKeys):
    """A text area whose keys act in the order typed."""


class InOrderCheckbox(Checkbox, InOrderKeys):
    """A checkbox whose keys act in the order typed (space ticks it where it was typed)."""


class InOrderSelect(Select, InOrderKeys):
    """A choice whose keys act in the order typed."""


# -- quitting after the keys typed before it ------------------------------------------------------


async def keys_handled(app: App, timeout: float = QUIT_WAIT) -> None:
    """Return once the widgets of the screen have handled the messages they held when asked
    (the keys typed so far, and what those keys posted on up to the screen). What climbs on to
    the app is handled by the app before anything it is asked to do after this."""

    async def settle() -> None:
        try:
            screen = app.screen
        except ScreenStackError:  # no screen any more: nothing left to wait for
            return
        focused = screen.focused
        chain = list(focused.ancestors_with_self) if focused is not None else [screen]
        for _round in range(3):  # a key handled below may post a message on up: once more
            busy = [w for w in screen.walk_children(with_self=True) if w.message_queue_size]
            pumps = [w for w in chain if w in busy or w is focused]
            pumps += [w for w in busy if w not in pumps]
            if not pumps:
                break
            for pump in pumps:  # nearest first: what climbs from one is awaited in the next
                await handled(pump)
            chain = [screen]

    with suppress(TimeoutError):
        await asyncio.wait_for(settle(), timeout)


class KeysBeforeQuit:
    """Mixin for the App (before App among its bases): the quit key is a priority binding,
    run when the app reads it, before the keys typed ahead of it reached their field. It now
    quits once they have (in a worker: the app goes on handing out keys meanwhile), and a
    screen with unsaved work may hold the quit to ask first: `hold_quit()` returns True."""

    async def action_quit(self) -> None:
        app: App = self  # type: ignore[assignment]
        if getattr(self, "_quit_waiting", False):
            return  # a second quit key while the first waits: one quit
        self._quit_waiting = True

        async def quit_after_keys() -> None:
            try:
                await keys_handled(app)
            finally:
                self._quit_waiting = False
            hold = getattr(app.screen, "hold_quit", None)
            if hold is not None and hold():
                return
            app.exit()

        app.run_worker(quit_after_keys(), group="quit", exit_on_error=True)


# -- keys typed while a form opens ----------------------------------------------------------------


class HoldsKeysUntilReady:
    """Mixin for a screen that takes a moment to build (the contact form and its lists), or a
    part of one (the Messages section while a story card opens): keys typed between the key
    that opened it and its first field taking focus are held, then handed on in order
    (`keys_ready`). Dropped before, they left the name field empty."""

    keys_are_ready: bool = False
    _held_keys: list[events.Key] | None = None  # per screen, made on the first key held

    def hold_key(self, event: events.Key) -> None:
        if self._held_keys is None:
            self._held_keys = []
        self._held_keys.append(event)

    def keys_ready(self) -> None:
        """Call once the field the keys belong in has focus: they replay through the app."""
        if self.keys_are_ready:
            return
        self.keys_are_ready = True
        app: App = self.app  # type: ignore[attr-defined]
        for held in self._held_keys or ():
            key = events.Key(held.key, held.character)
            # sent by the app, as a key read: one sent from here would stop climbing at this
            # screen's children (Textual stops a message below its sender), short of the
            # bindings the app runs
            key.set_sender(app)
            app.post_message(key)
        self._held_keys = None

    def drop_held_keys(self) -> None:
        """What it was opening did not open (refused, failed): the keys typed for it go."""
        self.keys_are_ready = True
        self._held_keys = None


class DismissedOnTopOnly:
    """Mixin for a dialog (before the Screen class among its bases): it closes only while it is
    the screen on top. Keys typed in one burst can run its save or close key twice (`d`, a note,
    ctrl+s, ctrl+s: the second is still in its field's queue when the first has closed it), and
    Textual's `dismiss` pops whatever screen is on top: it closed the main screen under it."""

    def dismiss(self, result: object = None) -> AwaitComplete:
        screen: Screen = self  # type: ignore[assignment]
        if screen.app.screen is not screen:
            return AwaitComplete.nothing()
        return super().dismiss(result)  # type: ignore[misc]


class HoldsKeysUntilShown(DismissedOnTopOnly, HoldsKeysUntilReady):
    """Mixin for a dialog or screen (before the Screen class among its bases) that is ready as
    soon as it is shown with its first field focused: the keys typed behind the key that opened
    it ("s" then a name to look for) wait until then, instead of going to no field at all."""

    def _on_mount(self, event: events.Mount) -> None:
        self.call_after_refresh(self._ready_when_focused, SHOWN_TRIES)

    def _ready_when_focused(self, tries: int) -> None:
        screen: Screen = self  # type: ignore[assignment]
        if screen.focused is None and tries > 1 and screen.is_attached:
            screen.call_after_refresh(self._ready_when_focused, tries - 1)
        else:  # focused, or nothing to focus: the keys go where the app sends them now
            self.keys_ready()


#: Refreshes a shown dialog may take to focus its first field before the keys held go on.
SHOWN_TRIES = 5


def key_holder(screen: object) -> HoldsKeysUntilReady | None:
    """Where a key read now must wait: the screen on top while it opens, or the part of it
    that is opening (a screen may name one with a `key_holder()` method)."""
    if isinstance(screen, HoldsKeysUntilReady) and not screen.keys_are_ready:
        return screen
    holder = getattr(screen, "key_holder", None)
    return holder() if holder is not None else None


class ActsAsRead:
    """Marker for a list: a key read while it is focused runs its binding (the list's, its
    section's, the app's) at once, as the app reads it, not after the keys read before it have
    climbed back from the list. Keys typed in one burst then act in order: "s" opens "Send to…"
    before the "n" of a name typed behind it is read, and that name waits for the dialog. Its
    actions that move the cursor elsewhere do so at once (`screen.set_focus`), for the same
    reason."""


class KeysWhileOpening:
    """Mixin for the App (before App among its bases): a key read while the screen on top (or
    a part of it) is still opening (`HoldsKeysUntilReady`) waits there instead of going
    nowhere. Keys are caught as the app reads them (`on_event`); a list's keys act there too
    (`ActsAsRead`), so the key that opens something has acted before the keys behind it are
    read."""

    def _key_holder(self) -> HoldsKeysUntilReady | None:
        try:
            return key_holder(self.screen)  # type: ignore[attr-defined]
        except ScreenStackError:
            return None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if not self.screen_stack:  # type: ignore[attr-defined]
                return  # a key replayed as the app closes: no screen left to take it
            holder = self._key_holder()
            if holder is not None:
                holder.hold_key(event)
                return
            if await self._act_as_read(event.key):
                return
        await super().on_event(event)  # type: ignore[misc]

    async def _act_as_read(self, key: str) -> bool:
        """The bindings of a key for the focused list, priority ones first, as App runs them;
        False (the app goes on as usual) when no list is focused."""
        app: App = self  # type: ignore[assignment]
        try:
            focused = app.focused
        except ScreenStackError:  # starting or closing: no screen yet, or none left
            return False
        if not isinstance(focused, ActsAsRead):
            return False
        return await app._check_bindings(key, priority=True) or await app._check_bindings(key)
