"""One contact on the whole screen (Enter in the list): every field, copy keys, edit, delete."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen

from store.i18n import _

from .. import keys
from ..sections.base import StoreData
from ..widgets.contact_detail import ContactDetail
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilShown


class ContactScreen(HoldsKeysUntilShown, Screen[None]):
    """Follows the store: an outside change refreshes it, a deletion says so."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("contact.back", "back"),
        keys.bind("network.edit", "edit"),
        keys.bind("network.delete", "delete"),
        keys.bind("network.copy_email", "copy('emails')", show=True),
        keys.bind("network.copy_phone", "copy('phones')", show=True),
        keys.bind("network.copy_zalo", "copy('zalo')", show=True),
    ]

    def __init__(self, section, contact_id: str) -> None:
        super().__init__()
        keys.localize(self)
        self.section = section
        self.contact_id = contact_id

    def compose(self) -> ComposeResult:
        yield ContactDetail(id="contact-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.app.store_changed.subscribe(self, self.refresh_from)
        if self.app.data is not None:
            self.refresh_from(self.app.data)
        self.query_one(ContactDetail).focus()

    def refresh_from(self, data: StoreData) -> None:
        entry = data.entry(self.contact_id)
        self.query_one(ContactDetail).show(
            entry,
            data.snapshot,
            note=_(
                "This contact was deleted ({keys} in the list undoes a deletion made here).",
                keys=keys.display_keys("network.undo"),
            ),
        )

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        self.section.edit_contact(self.contact_id)

    def action_delete(self) -> None:
        self.section.delete_contacts([self.contact_id], after=self._deleted)

    def _deleted(self) -> None:
        if self.is_current:
            self.dismiss(None)

    def action_copy(self, field: str) -> None:
        self.section.copy_field(field, self.contact_id)

    def help_markdown(self) -> str:
        return self.query_one(ContactDetail).help_markdown()
