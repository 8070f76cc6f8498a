"""What the network view does to the store: add, edit, delete (undoable), tag, export, copy.

Every change runs as a store job in a worker (`app.run_store_job`): one transaction, one write,
errors reported as notifications without losing what the person typed or chose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import ContentSwitcher

from store.errors import ValidationError
from store.i18n import _
from store.model import validate
from store.network import CONTACTS, org_sort_key
from store.validate import national_phone
from store.vietnamese import fold

from .. import keys
from ..widgets.filters import FilterPanel
from ..widgets.text import plain
from .base import PaletteCommand


class NetworkActions:
    """Mixed into NetworkSection (which provides the list, the data and the search)."""

    # -- which contacts an action is about -------------------------------------------------

    def chosen_ids(self) -> list[str]:
        """The selection if there is one, else the contact under the cursor."""
        selected = self.contact_list.selected
        if selected and not self.showing_orgs:
            return [e.id for e in self.data.index.entries if e.id in selected]
        entry = self.current_entry()
        return [entry.id] if entry else []

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.welcoming and action not in ("new", "undo"):
            return False  # the first-run view offers its own three ways in
        needs_contact = {"edit", "delete", "tag", "copy", "show", "select"}
        if action in needs_contact and self.current_entry() is None:
            return None
        return not (action == "undo" and not self.app.undo_stack)

    # -- add / edit ------------------------------------------------------------------------

    def _orgs_for_form(self) -> list[dict]:
        return sorted(self.data.snapshot.live("organisations"), key=org_sort_key)

    def action_new(self) -> None:
        from ..screens.contact_form import ContactFormScreen

        if self.data is None:
            return

        def done(record: dict | None) -> None:
            if record:
                self._pending_id = record["id"]
                self.notify(_("Added {name}.", name=plain(record.get("full_name"))), markup=False)

        self.app.push_screen(ContactFormScreen(self._orgs_for_form()), done)

    def action_edit(self) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.edit_contact(entry.id)

    def edit_contact(self, contact_id: str) -> None:
        from ..screens.contact_form import ContactFormScreen

        entry = self.entry_by_id(contact_id)
        if entry is None:
            return
        before = dict(entry.record)
        form = ContactFormScreen(self._orgs_for_form(), before)

        def done(record: dict | None) -> None:
            if not record:
                return
            changed = [
                k
                for k in set(record) | set(before)
                if k not in ("updated_at", "_clock") and record.get(k) != before.get(k)
            ]
            if changed:
                old = {k: before.get(k) for k in changed}
                self.app.push_undo(
                    _("edit of {name}", name=plain(before.get("full_name"))),
                    lambda tx: tx.update(CONTACTS, contact_id, old),
                )
            self.notify(_("Saved {name}.", name=plain(record.get("full_name"))), markup=False)

        self.app.push_screen(form, done)

    # -- delete / undo ---------------------------------------------------------------------

    def action_delete(self) -> None:
        ids = self.chosen_ids()
        if ids:
            self.delete_contacts(ids)

    def delete_contacts(self, ids: list[str], after: Callable[[], None] | None = None) -> None:
        from ..screens.dialogs import ConfirmScreen

        if len(ids) == 1:
            entry = self.entry_by_id(ids[0])
            name = plain(entry.record.get("full_name")) if entry else ids[0][:8]
            question = _("Delete {name}? You can undo this until you close the app.", name=name)
        else:
            name = ""
            question = _(
                "Delete the {n} selected contacts? You can undo this until you close the app.",
                n=len(ids),
            )

        def write(store) -> int:
            with store.transaction() as tx:
                for contact_id in ids:
                    if tx.get(CONTACTS, contact_id) is not None:
                        tx.delete(CONTACTS, contact_id)
            return len(ids)

        def written(count: int) -> None:
            self.contact_list.set_selected(self.contact_list.selected - set(ids))
            what = name or _("{n} contacts", n=count)
            self.app.push_undo(_("deletion of {what}", what=what), _restore(ids))
            self.notify(
                _(
                    "Deleted {what}. Press {keys} to undo.",
                    what=what,
                    keys=keys.display_keys("network.undo"),
                ),
                markup=False,
            )
            if after:
                after()

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_store_job(write, written)

        self.app.push_screen(ConfirmScreen(_("Delete"), question, yes=_("Delete")), answered)

    def action_undo(self) -> None:
        self.app.undo_last()

    # -- selection and bulk ----------------------------------------------------------------

    def action_select(self) -> None:
        if not self.showing_orgs:
            self.contact_list.toggle_selected()

    def action_select_all(self) -> None:
        contacts = self.contact_list
        shown = {e.id for e in contacts.rows}
        contacts.set_selected(set() if shown <= contacts.selected else contacts.selected | shown)

    def action_tag(self) -> None:
        from ..screens.dialogs import TagScreen

        ids = self.chosen_ids()
        if not ids:
            return

        def check(value: str) -> str | None:
            try:
                validate("contacts", {"tags": value}, partial=True)
            except ValidationError as exc:
                return str(exc)
            if "," in value:
                return _("One tag at a time (no commas).")
            return None

        def answered(result: tuple[str, str] | None) -> None:
            if result:
                self.tag_contacts(ids, result[1], remove=result[0] == "remove")

        self.app.push_screen(TagScreen(len(ids), self.facets.get("tag", []), check), answered)

    def tag_contacts(self, ids: list[str], tag: str, remove: bool = False) -> None:
        tag = validate("contacts", {"tags": tag}, partial=True)["tags"][0]
        wanted = fold(tag)

        def write(store) -> dict[str, Any]:
            before: dict[str, Any] = {}
            with store.transaction() as tx:
                for contact_id in ids:
                    record = tx.get(CONTACTS, contact_id)
                    if record is None:
                        continue
                    tags = list(record.get("tags") or [])
                    has = any(fold(t) == wanted for t in tags)
                    if remove and has:
                        new = [t for t in tags if fold(t) != wanted]
                    elif not remove and not has:
                        new = [*tags, tag]
                    else:
                        continue
                    before[contact_id] = record.get("tags")
                    tx.update(CONTACTS, contact_id, {"tags": new or None})
            return before

        def written(before: dict[str, Any]) -> None:
            if before:
                self.app.push_undo(
                    _("tag {tag}", tag=tag),
                    lambda tx: [
                        tx.update(CONTACTS, cid, {"tags": old})
                        for cid, old in before.items()
                        if tx.get(CONTACTS, cid) is not None
                    ],
                )
            message = (
                _("Removed tag {tag} from {n} contacts.", tag=tag, n=len(before))
                if remove
                else _("Tagged {n} contacts with {tag}.", tag=tag, n=len(before))
            )
            self.notify(message, markup=False)

        self.app.run_store_job(write, written)

    # -- send to… (the outreach dialog) ----------------------------------------------------

    def action_send(self) -> None:
        """ "Send to…" the selected contacts, or the organisation highlighted in the tree."""
        from ..outreach.send import open_send_dialog

        if self.showing_orgs:
            node = self.org_tree.cursor_node
            data = (node.data or {}) if node else {}
            if data.get("type") == "org":
                open_send_dialog(self.app, org_ids=[data["id"]])
                return
        open_send_dialog(self.app, contact_ids=self.chosen_ids())

    # -- copy ------------------------------------------------------------------------------

    def action_copy(self, field: str) -> None:
        entry = self.current_entry()
        if entry is not None:
            self.copy_field(field, entry.id)

    def copy_field(self, field: str, contact_id: str) -> None:
        entry = self.entry_by_id(contact_id)
        if entry is None:
            return
        record = entry.record
        what = {"emails": _("email"), "phones": _("phone"), "zalo": _("Zalo")}[field]
        value = record.get(field)
        if field == "phones":
            value = [national_phone(p) for p in value or []]
        elif field == "zalo" and value:
            value = national_phone(value)
        text = ", ".join(value) if isinstance(value, list) else (value or "")
        name = plain(record.get("full_name"))
        if not text:
            self.notify(
                _("{name} has no {what}.", name=name, what=what), severity="warning", markup=False
            )
            return
        self.app.copy_to_clipboard(text)
        self.notify(
            _("Copied the {what} of {name}: {value}", what=what, name=name, value=plain(text)),
            markup=False,
        )

    # -- views -----------------------------------------------------------------------------

    def action_toggle_filters(self) -> None:
        shown = not self.query_one(FilterPanel).display
        self.show_filter_panel(shown, focus=True)
        if not shown:
            self.focus_now(self.contact_list)

    def show_filter_panel(self, shown: bool, focus: bool = False) -> None:
        panel = self.query_one(FilterPanel)
        panel.display = shown
        if shown:
            panel.build()

            def ready() -> None:
                panel.set_choices(self.facets, self.filters)
                if focus:
                    panel.focus_first()
                    self.keys_ready()  # type: ignore[attr-defined]

            if focus:  # the keys typed behind "f" wait for the panel's first choice
                self.keys_are_ready = False
            self.call_after_refresh(ready)

    def action_clear_filters(self) -> None:
        self.filters.clear()
        self.query_one(FilterPanel).set_values({})
        self.search_input.value = ""
        self.apply_search()
        self.focus_now(self.search_input)

    def action_toggle_orgs(self) -> None:
        lists = self.query_one("#lists", ContentSwitcher)
        if lists.current == "orgs":
            lists.current = "contacts"
            self.focus_now(self.contact_list)
            self.show_detail(self.contact_list.current)
        else:
            lists.current = "orgs"
            if self._tree_stale:
                self._load_tree()
            self.focus_now(self.org_tree)
            node = self.org_tree.cursor_node
            self.show_detail((node.data or {}).get("entry") if node else None)

    def _load_tree(self) -> None:
        if self.data is not None:
            self.org_tree.load(self.data)
            self._tree_stale = False

    # -- palette ---------------------------------------------------------------------------

    def network_commands(self) -> list[PaletteCommand]:
        out = [
            PaletteCommand(_("contact: new"), _("Open the form for a new contact"), self.action_new)
        ]
        entry = self.current_entry()
        if entry is not None:
            name = plain(entry.record.get("full_name"))
            out += [
                PaletteCommand(_("contact: open"), name, self.action_show),
                PaletteCommand(_("contact: edit"), name, self.action_edit),
                PaletteCommand(_("contact: delete"), name, self.action_delete),
            ]
            for field, title in (
                ("emails", _("contact: copy email")),
                ("phones", _("contact: copy phone")),
                ("zalo", _("contact: copy Zalo")),
            ):
                if entry.record.get(field):
                    out.append(PaletteCommand(title, name, _bind(self.copy_field, field, entry.id)))
        count = len(self.chosen_ids())
        if count:
            out.append(
                PaletteCommand(_("contacts: tag…"), _("{n} contacts", n=count), self.action_tag)
            )
        out.append(
            PaletteCommand(
                _("contacts: send to…"),
                _("Plan a message to the selected contacts"),
                self.action_send,
            )
        )
        out.append(
            PaletteCommand(
                _("contacts: export to CSV…"),
                _("The selected contacts, or all shown"),
                self.action_export,
            )
        )
        out.append(PaletteCommand(_("contacts: select all shown"), "", self.action_select_all))
        out.append(PaletteCommand(_("filters: show or hide"), "", self.action_toggle_filters))
        if self.filters or self.search_input.value:
            out.append(PaletteCommand(_("filters: clear"), "", self.action_clear_filters))
        out.append(
            PaletteCommand(
                _("view: organisations") if not self.showing_orgs else _("view: contacts"),
                "",
                self.action_toggle_orgs,
            )
        )
        if self.data is not None and self.data.is_empty:
            out.append(PaletteCommand(_("store: load the sample network"), "", self.load_sample))
        out.append(PaletteCommand(_("store: import a CSV file…"), "", self.import_csv))
        return out


def _restore(ids: list[str]):
    def undo(tx) -> None:
        for contact_id in ids:
            if tx.get(CONTACTS, contact_id, include_deleted=True) is not None:
                tx.restore(CONTACTS, contact_id)

    return undo


def _bind(function, *args):
    return lambda: function(*args)
