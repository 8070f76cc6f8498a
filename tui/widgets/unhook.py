"""Letting go of widgets Textual would keep: watchers and cached lookups that outlive them.

Textual keeps a watcher registered with `owner.watch(target, ...)` in the target until the watched
value changes, and a node's cache of `query_one` lookups until its own children change, so a
removed widget can stay alive through either (see tui/messages/fieldbase.py and
tui/widgets/footer.py).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.dom import DOMNode
from textual.widget import Widget


def forget_lookups(nodes: Iterable[DOMNode]) -> None:
    """Empty the `query_one` caches of `nodes` (they refill on the next lookup)."""
    for node in nodes:
        node._query_one_cache.clear()


def forget_watchers(owner: Widget, target: object) -> None:
    """Remove the callbacks `owner` registered with `owner.watch(target, …)`. (Textual keeps them
    in the target's "__watchers" attribute, a dict of lists of (owner, callback).)"""
    watchers = getattr(target, "__watchers", None)
    if not watchers:
        return
    for entries in watchers.values():
        entries[:] = [(node, callback) for node, callback in entries if node is not owner]
