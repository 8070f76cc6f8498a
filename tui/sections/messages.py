"""The Messages section (story cards, their checks and exports). Owned by the messages work;
until it lands this is an honest empty state."""

from __future__ import annotations

from store.i18n import _

from ._placeholder import PlaceholderSection


class MessagesSection(PlaceholderSection):
    section_id = "messages"
    table = "messages"
    cli_module = "cmd_messages"
    cli_command = "lantoa messages"

    def purpose(self) -> str:
        return _("Messages: policy stories drafted as story cards, checked as you type, and "
                 "exported as Markdown, text or email.")
