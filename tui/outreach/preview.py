"""The words of "Send to…": the message picker's options (ready messages first) and the preview
of a plan (who is reached, who is skipped and why, who already got this message).

Apart from the dialog (tui/outreach/send.py, the form and its keys) because they only turn store
data into text: no widgets, nothing written.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content

from store import outreach as core
from store.i18n import _
from store.messages import STATUSES as MESSAGE_STATUSES
from store.vietnamese import text_sort_key

from ..widgets.text import plain
from . import clock

#: How many recipients the preview names before "… and N more".
PREVIEW_NAMES = 12
_ORDER = {"ready": 0, "draft": 1, "archived": 2}


def message_options(snapshot: Any) -> list[tuple[Content, str]]:
    """Messages for the picker: ready ones first, then drafts, then archived; by title."""
    messages = sorted(
        snapshot.live("messages"),
        key=lambda m: (_ORDER.get(m.get("status"), 3), text_sort_key(str(m.get("title") or ""))),
    )
    out = []
    for message in messages:
        status = message.get("status")
        label = _(MESSAGE_STATUSES[status]) if status in MESSAGE_STATUSES else plain(status)
        out.append(
            (
                Content.assemble(
                    plain(message.get("title") or message.get("headline")),
                    (f"  · {label}", "$text-muted"),
                ),
                message["id"],
            )
        )
    return out


def plan_preview(
    snapshot: Any, result: core.PlanResult, settings: core.OutreachSettings, *, force: bool
) -> Content:
    """Who the plan reaches (the first PREVIEW_NAMES named), who is skipped and why, who
    already got the message (`force`: planned again), and the store's notices."""
    lookup = core.Lookup(snapshot)
    lines: list[Content] = []
    n = len(result.created)
    lines.append(
        Content.styled(
            _("Recipients ({n}), one item each:", n=n) if n else _("Nobody to reach."), "bold"
        )
    )
    for fields in result.created[:PREVIEW_NAMES]:
        view = lookup.view(fields, clock.today())
        org = plain(view.get("org_name")) if view.get("contact_name") else ""
        lines.append(
            Content.assemble(
                "  • ",
                plain(view.get("contact_name") or view.get("org_name")),
                (f"  {org}" if org else "", "$text-muted"),
                (f"  · {core.channel_label(fields.get('channel'))}", "$text-muted"),
            )
        )
    if n > PREVIEW_NAMES:
        lines.append(Content.styled("  " + _("… and {n} more", n=n - PREVIEW_NAMES), "$text-muted"))
    for skipped in result.skipped:
        lines.append(
            Content.styled(
                _(
                    "Skipped {name}: {reason}.",
                    name=plain(skipped.name),
                    reason=core.skip_reason(skipped, settings),
                ),
                "$text-error",
            )
        )
    for dup in result.duplicates:
        outcome = _("planned again") if force else _("not planned again")
        lines.append(
            Content.styled(
                _(
                    "{name}: {reason}; {outcome}.",
                    name=plain(dup.name),
                    reason=core.skip_reason(dup, settings),
                    outcome=outcome,
                ),
                "$text-warning",
            )
        )
    for notice in result.notices:
        lines.append(Content.styled(plain(notice), "$text-warning"))
    return Content("\n").join(lines)
