"""What the network view does to the store: add, edit, delete (undoable), tag, export, copy.

Every change runs as a store job in a worker (`app.run_store_job`): one transaction, one write,
errors reported as notifications without losing what the person typed or chose.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from store.errors import ValidationError
from store.i18n import _, get_language
from store.model import validate
from store.network import CONTACTS, ContactFilter, org_sort_key
from store.validate import national_phone
from store.vietnamese import fold

from .. import keys
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
        needs_contact = {"edit", "delete", "tag", "copy", "show", "select"}
        if action in needs_contact and self.current_entry() is None:
            return None
        if action == "undo" and not self.app.undo_stack:
            return None
        return True

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
                self.notify(_("Added {name}.", name=plain(record.get("full_name"))),
                            markup=False)

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
            changed = [k for k in set(record) | set(before)
                       if k not in ("updated_at", "_clock") and record.get(k) != before.get(k)]
            if changed:
                old = {k: before.get(k) for k in changed}
                self.app.push_undo(_("edit of {name}", name=plain(before.get("full_name"))),
                                   lambda tx: tx.update(CONTACTS, contact_id, old))
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
            question = _("Delete the {n} selected contacts? You can undo this until you close "
                         "the app.", n=len(ids))

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
            self.notify(_("Deleted {what}. Press {keys} to undo.", what=what,
                          keys=keys.display_keys("network.undo")), markup=False)
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
                self.app.push_undo(_("tag {tag}", tag=tag), lambda tx: [
                    tx.update(CONTACTS, cid, {"tags": old}) for cid, old in before.items()
                    if tx.get(CONTACTS, cid) is not None])
            message = (_("Removed tag {tag} from {n} contacts.", tag=tag, n=len(before)) if remove
                       else _("Tagged {n} contacts with {tag}.", tag=tag, n=len(before)))
            self.notify(message, markup=False)

        self.app.run_store_job(write, written)

    def action_export(self) -> None:
        from ..screens.dialogs import AskScreen

        selected = self.contact_list.selected
        ids = set(selected) if selected else {e.id for e in self.contact_list.rows}
        if not ids:
            return
        store_path = self.app.store.path

        def check(value: str) -> str | None:
            target = Path(value).expanduser().absolute()
            if target == store_path or target.parent == store_path.parent / "backups":
                return _("That is the store itself; choose another file.")
            if not target.parent.is_dir():
                return _("The folder {folder} does not exist.", folder=target.parent)
            return None

        def answered(path: str | None) -> None:
            if path:
                self.export_contacts(ids, Path(path).expanduser().absolute())

        what = (_("Export the {n} selected contacts", n=len(ids)) if selected
                else _("Export the {n} contacts shown", n=len(ids)))
        default = str(Path.cwd() / "lantoa-contacts.csv")
        self.app.push_screen(AskScreen(what, _("CSV file (opens in Excel and LibreOffice):"),
                                       value=default, check=check, ok=_("Export")), answered)

    def export_contacts(self, ids: set[str], target: Path) -> None:
        from store import exporter
        from store.storage import atomic_write_bytes

        snapshot = self.data.snapshot
        delimiter = {"semicolon": ";", "tab": "\t"}.get(
            str(self.app.config.get("csv_delimiter", "")), ",")

        def write(_store) -> int:
            data, counts = exporter.export(snapshot, "csv", CONTACTS, style=get_language(),
                                           delimiter=delimiter, criteria=ContactFilter(ids=ids))
            atomic_write_bytes(target, data)
            return counts.get(CONTACTS, 0)

        def written(count: int) -> None:
            self.notify(_("Exported {n} contacts to {path}.", n=count, path=target),
                        markup=False)

        self.app.run_store_job(write, written)

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
            self.notify(_("{name} has no {what}.", name=name, what=what), severity="warning",
                        markup=False)
            return
        self.app.copy_to_clipboard(text)
        self.notify(_("Copied the {what} of {name}: {value}", what=what, name=name,
                      value=plain(text)), markup=False)

    # -- welcome ---------------------------------------------------------------------------

    def load_sample(self) -> None:
        from store.sample import load_sample

        def written(result: dict[str, dict[str, int]]) -> None:
            added = result["added"]
            self.notify(_("Loaded the sample network: {orgs} organisations, {contacts} "
                          "contacts.", orgs=added.get("organisations", 0),
                          contacts=added.get("contacts", 0)), markup=False)
            self.call_after_refresh(self.focus_default)

        self.app.run_store_job(load_sample, written)

    def import_csv(self) -> None:
        from ..screens.dialogs import AskScreen

        def check(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if path.is_file() else _("No file at {path}.", path=path)

        def answered(path: str | None) -> None:
            if path:
                self.import_file(Path(path).expanduser())

        self.app.push_screen(AskScreen(_("Import a CSV file"), _("File (CSV or JSON):"),
                                       check=check, ok=_("Import")), answered)

    def import_file(self, path: Path) -> None:
        from store.importer import import_file

        def written(report) -> None:
            self.notify(
                _("{file}: added {added}, updated {updated}, rejected {rejected}.",
                  file=report.file, added=report.total("added"),
                  updated=report.total("updated"), rejected=report.total("rejected")),
                severity="warning" if report.rejections else "information", markup=False,
                timeout=10,
            )
            for rejection in report.rejections[:3]:
                self.notify(f"{rejection['where']}: {rejection['reason']}", severity="warning",
                            markup=False, timeout=10)

        self.app.run_store_job(lambda store: import_file(store, path), written)

    # -- palette ---------------------------------------------------------------------------

    def network_commands(self) -> list[PaletteCommand]:
        out = [PaletteCommand(_("contact: new"), _("Open the form for a new contact"),
                              self.action_new)]
        entry = self.current_entry()
        if entry is not None:
            name = plain(entry.record.get("full_name"))
            out += [
                PaletteCommand(_("contact: open"), name, self.action_show),
                PaletteCommand(_("contact: edit"), name, self.action_edit),
                PaletteCommand(_("contact: delete"), name, self.action_delete),
            ]
            for field, title in (("emails", _("contact: copy email")),
                                 ("phones", _("contact: copy phone")),
                                 ("zalo", _("contact: copy Zalo"))):
                if entry.record.get(field):
                    out.append(PaletteCommand(title, name, _bind(self.copy_field, field,
                                                                 entry.id)))
        count = len(self.chosen_ids())
        if count:
            out.append(PaletteCommand(_("contacts: tag…"), _("{n} contacts", n=count),
                                      self.action_tag))
        out.append(PaletteCommand(_("contacts: export to CSV…"),
                                  _("The selected contacts, or all shown"), self.action_export))
        out.append(PaletteCommand(_("contacts: select all shown"), "", self.action_select_all))
        out.append(PaletteCommand(_("filters: show or hide"), "", self.action_toggle_filters))
        if self.filters or self.search_input.value:
            out.append(PaletteCommand(_("filters: clear"), "", self.action_clear_filters))
        out.append(PaletteCommand(_("view: organisations") if not self.showing_orgs
                                  else _("view: contacts"), "", self.action_toggle_orgs))
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


