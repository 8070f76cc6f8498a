"""The sync slot of the status line: when the last sync was, what waits to go out, open conflicts.

Built from `store.sync.SyncStatus` (computed in a worker: it stats the shared file, which may sit
on a slow network drive), again every half minute: times are relative ("synced 5 min ago"), and
"shared file changed" says someone synced since. `now()` is the clock tests replace.
"""

from __future__ import annotations

from datetime import UTC, datetime

from textual.content import Content

from store.i18n import _
from store.sync import SyncStatus

#: The slot's name in the status line (app.set_status).
SLOT = "sync"


def now() -> datetime:
    return datetime.now(UTC)


def parse_iso(stamp: str | None) -> datetime | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def ago(stamp: str | None) -> str:
    """ "synced 5 min ago" for an ISO UTC time."""
    moment = parse_iso(stamp)
    if moment is None:
        return _("not synced yet")
    minutes = int((now() - moment).total_seconds() // 60)
    if minutes < 1:
        return _("synced just now")
    if minutes < 60:
        return _("synced {n} min ago", n=minutes)
    if minutes < 24 * 60:
        return _("synced {n} h ago", n=minutes // 60)
    return _("synced {n} days ago", n=minutes // (24 * 60))


def conflicts_badge(count: int) -> Content:
    text = _("⚠ 1 conflict") if count == 1 else _("⚠ {n} conflicts", n=count)
    return Content.styled(text, "bold $text-warning")


def status_content(
    status: SyncStatus | None, conflicts: int, *, running: bool = False
) -> Content | None:
    """The slot's text: None when there is nothing to say (no shared file, no conflicts)."""
    parts: list[Content] = []
    if running:
        parts.append(Content(_("⇅ syncing…")))
    elif status is not None:
        text = "⇅ " + ago(status.last_sync)
        if status.pending:
            text += " · " + (
                _("1 change to send")
                if status.pending == 1
                else _("{n} changes to send", n=status.pending)
            )
        if status.last_sync and not status.shared_exists:
            text += " · " + _("shared file not found")
        elif status.shared_changed:
            text += " · " + _("shared file changed")
        parts.append(Content(text))
    if conflicts:
        parts.append(conflicts_badge(conflicts))
    return Content(" · ").join(parts) if parts else None
