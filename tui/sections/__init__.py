"""The sections of the app shell, one module each, so each can be owned and grown separately.

A section is a `Section` widget (see base.py). The main screen shows them as tabs in this order.
"""

from __future__ import annotations

from store.i18n import N_

#: (tab id, tab title, "module:Class"): imported lazily by the main screen.
SECTIONS: list[tuple[str, str, str]] = [
    ("network", N_("Network"), "tui.sections.network:NetworkSection"),
    ("messages", N_("Messages"), "tui.sections.messages:MessagesSection"),
    ("outreach", N_("Outreach"), "tui.sections.outreach:OutreachSection"),
]
