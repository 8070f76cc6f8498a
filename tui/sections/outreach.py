"""The Outreach section (who got which message, follow-ups, coverage). Owned by the outreach
work; until it lands this is an honest empty state."""

from __future__ import annotations

from store.i18n import _

from ._placeholder import PlaceholderSection


class OutreachSection(PlaceholderSection):
    section_id = "outreach"
    table = "outreach"
    cli_module = "cmd_outreach"
    cli_command = "lantoa outreach"

    def purpose(self) -> str:
        return _("Outreach: send a message to people of the network, track replies and "
                 "publications, and see the coverage.")
