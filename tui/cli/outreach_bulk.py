"""A bulk change is confirmed first, like Taskwarrior's `bulk`: --all over more than one item, or
more than NAMED_WITHOUT_ASKING named items (rules: see tui/cli/cmd_outreach.py)."""

from __future__ import annotations

import sys

from store import outreach as core
from store.errors import LantoaError
from store.i18n import _
from store.vietnamese import fold

from .common import info
from .outreach_output import recipient_name

#: Named items changed without asking (Taskwarrior's `bulk`); --all always counts as bulk.
NAMED_WITHOUT_ASKING = 3


def _interactive() -> bool:
    """Whether a person can answer a prompt (tests replace this)."""
    return sys.stdin.isatty()


def is_bulk(count: int, by_filter: bool) -> bool:
    """Taskwarrior's rule: a filter (--all) over several items, or many named items."""
    return count > 1 if by_filter else count > NAMED_WITHOUT_ASKING


def confirm_bulk(
    items: list[dict], lookup: core.Lookup, what: str, yes: bool, by_filter: bool
) -> None:
    """A bulk change is confirmed first; naming a few items is not a bulk change."""
    if yes or not is_bulk(len(items), by_filter):
        return
    if not _interactive():
        raise LantoaError(
            _(
                "{n} outreach items would change ({what}), and nobody can confirm: "
                "standard input is not a terminal. Pass --yes to go ahead.",
                n=len(items),
                what=what,
            )
        )
    info(_("This changes {n} outreach items ({what}):", n=len(items), what=what))
    for item in items[:10]:
        view = lookup.view(item)
        info(
            f"  {item['id'][:8]}  {recipient_name(view)}  {view.get('message_title') or ''}  "
            f"{core.status_label(item.get('status'))}"
        )
    if len(items) > 10:
        info(_("  … and {n} more", n=len(items) - 10))
    sys.stderr.write(_("Go ahead? [y/N] "))
    sys.stderr.flush()
    answer = fold(sys.stdin.readline().strip())
    if answer not in ("y", "yes", "c", "co"):
        raise LantoaError(_("Cancelled; nothing was changed."))
