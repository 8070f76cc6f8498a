"""What the outreach views share: settings, status marks and colours, short labels, the CSS.

Every status has a symbol as well as a colour, so the list and the coverage read the same on a
terminal without colours (and to people who do not see them).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from textual.content import Content
from textual.screen import Screen

from store import outreach as core
from store.errors import LantoaError
from store.i18n import N_, _

from ..widgets.text import plain
from . import clock

CSS_PATH = Path(__file__).resolve().parent / "outreach.tcss"


def css() -> str:
    """The outreach stylesheet (loaded unscoped by the section and the outreach dialogs)."""
    return CSS_PATH.read_text(encoding="utf-8")


#: Status -> (symbol, theme colour variable): the list's status column and the history.
STATUS_MARKS: dict[str, tuple[str, str]] = {
    "planned": ("○", "$text-warning"),
    "sent": ("◑", "$text-primary"),
    "done": ("●", "$text-success"),
    "replied": ("◕", "$text-accent"),
    "published": ("★", "$text-success"),
    "declined": ("✗", "$text-error"),
    "no_answer": ("…", "$text-muted"),
}

#: Province grid: state -> (symbol, style). Emptier circles are less reached.
CELL_MARKS: dict[str, tuple[str, str]] = {
    "not_reached": ("○", "bold $text-error"),
    "planned": ("◔", "$text-warning"),
    "sent": ("◑", "$text-primary"),
    "replied": ("◕", "$text-accent"),
    "published": ("●", "bold $text-success"),
}


def settings(app: Any) -> core.OutreachSettings:
    """Owner and double-pitch window from the app's config (see `settings_of`)."""
    return settings_of(getattr(app, "config", None) or {})


def settings_of(config: dict[str, Any]) -> core.OutreachSettings:
    """Settings from a config; a bad config falls back to the defaults (the app already told
    the person about config problems)."""
    try:
        return core.settings_from_config(config)
    except LantoaError:
        return core.settings_from_config({})


WEEKDAYS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def day_text(day: date) -> str:
    """ "2023-12-04 (Mon)": a date with its weekday, so `+3d` is easy to check."""
    return f"{day.isoformat()} ({_(WEEKDAYS[day.weekday()])})"


def today() -> date:
    return clock.today()


def status_text(status: str | None) -> str:
    symbol = STATUS_MARKS.get(status or "", ("?", ""))[0]
    return f"{symbol} {core.status_label(status)}"


def status_content(status: str | None) -> Content:
    symbol, style = STATUS_MARKS.get(status or "", ("?", ""))
    return Content.styled(f"{symbol} {core.status_label(status)}", style)


def who(view: dict) -> str:
    """Who an item reaches: the person, else the organisation (plain text)."""
    return plain(view.get("contact_name") or view.get("org_name") or "")


def message_title(view: dict) -> str:
    return plain(view.get("message_title") or _("(no message)"))


def items_text(n: int) -> str:
    return _("1 item") if n == 1 else _("{n} items", n=n)


def items_named(views: list[dict], shown: int = 2) -> str:
    """Which items a change is about, as people know them: "Doanh thu 2022 → Hoàng Thu Hà";
    several of one message "Doanh thu 2022 → Hà, Bình and 3 more"; of several messages
    "Doanh thu 2022 → Hà; (no message) → Bình". "Mark 1 item as done" alone did not say which.
    """
    if not views:
        return ""
    if len({v.get("message_id") for v in views}) == 1:
        names = ", ".join(who(v) for v in views[:shown])
        text = f"{message_title(views[0])} → {names}"
    else:
        text = "; ".join(f"{message_title(v)} → {who(v)}" for v in views[:shown])
    if len(views) > shown:
        text = _("{items} and {n} more", items=text, n=len(views) - shown)
    return text


def status_counts(views: list[dict]) -> str:
    """ "9 planned, 3 done, 1 published" in status order (statuses lower-case)."""
    counts: dict[str, int] = {}
    for view in views:
        counts[view.get("status") or ""] = counts.get(view.get("status") or "", 0) + 1
    parts = [f"{counts[s]} {core.status_label(s).lower()}" for s in core.STATUSES if counts.get(s)]
    return ", ".join(parts)


def due_text(view: dict, today_: date | None = None) -> str:
    """The follow-up date, with "!" when overdue."""
    due = plain(view.get("due") or "")
    return f"{due} !" if view.get("overdue") else due


def close_or_ask(screen: Screen, what: str | None, save: Callable[[], None]) -> None:
    """Close a dialog at once when nothing was typed (`what` is None); else ask "Discard
    changes?" (keep editing, discard or save) like the contact form, so a note typed and then
    an Escape pressed by reflex is not lost. `what` names what was typed ("the note")."""
    from ..screens.dialogs import UnsavedScreen

    if what is None:
        screen.dismiss(None)
        return

    def answered(answer: str | None) -> None:
        if answer == "discard":
            screen.dismiss(None)
        elif answer == "save":
            save()

    screen.app.push_screen(UnsavedScreen(what), answered)
