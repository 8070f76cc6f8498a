"""Holding the cyclic garbage collector while a card is built and first painted.

Building a card allocates some hundred thousand short-lived objects (widgets, styles, strips);
Python's collector runs every 700 net allocations and every few collections walks the oldest
generation, the whole heap of the app (200,000+ objects: 150-500 ms here). It used to run in the
middle of opening a card, once or twice each time. Held, the collection comes after the card is
on screen, when a moment of work does not delay anything the person is waiting for. (The
app's store loading does the same: tui/sections/store_io.py.)
"""

from __future__ import annotations

import gc

from textual.dom import DOMNode

#: Longest hold, in seconds, whatever happens to the card being opened.
HOLD_LIMIT = 2.0

_held = False


def hold(owner: DOMNode) -> None:
    """Stop collections until `release()`, or HOLD_LIMIT seconds (a timer of the app: it runs
    even if `owner` is removed meanwhile)."""
    global _held
    if _held or not gc.isenabled():
        return  # already held, or off (the CLI, a test): leave it as it is
    gc.disable()
    _held = True
    owner.app.set_timer(HOLD_LIMIT, release)


def release() -> None:
    """Collections on again (if this module stopped them)."""
    global _held
    if _held:
        _held = False
        gc.enable()


def held() -> bool:
    return _held
