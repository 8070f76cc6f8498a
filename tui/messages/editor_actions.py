"""What the editor does with the store: save (explicit, and on leaving), status, and changes
made to the message elsewhere ($EDITOR round trips: editor_external.py).

The rule everywhere: the person's text is never lost. A save that fails leaves the form as it is
and says why in the store's words; a change made outside is taken only into fields the person has
not touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from store.errors import LantoaError, NotFoundError, ValidationError
from store.i18n import _
from store.messages import FIELDS, TABLE, restore_message, set_status, update_message

from ..widgets.text import plain
from .formvalues import form_value


def _signature(record: dict) -> tuple[str, str]:
    return str(record.get("updated_at")), json.dumps(record.get("_clock"), sort_keys=True)


class EditorActions:
    """Mixed into MessageEditor (which provides the form, the state and the section)."""

    # -- saving ----------------------------------------------------------------------------

    def save(
        self,
        then: Callable[[], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
        *,
        quiet: bool = False,
    ) -> bool:
        """Write the changed fields (one store job); True if there was anything to write."""
        values = self.values()
        changes = self.state.changes(values)
        if not changes and not self.gone:
            if then:
                then()
            return False
        refused = self.state.refused(values)  # a date the store would cut: said, not saved
        if refused is not None:
            self.show_save_errors(refused)
            if failed:
                failed(refused)
            return True
        sent = {name: values[name] for name in self.state.dirty(values)}
        record_id = self.record_id
        generation = self.generation
        self.saving = True

        def job(store) -> Any:
            return _write(store, record_id, changes)

        def done(update) -> None:
            current = self.current(generation)  # else another card is in the editor now
            if current:
                self.saving = False
                self.gone = False
                self.state.saved(update.record, sent)
                self.run_checks(force=True)
            if update.demoted:
                self.notify(
                    _(
                        "Saved, and back to draft: the changes bring errors to fix before "
                        "it is ready again."
                    ),
                    severity="warning",
                    markup=False,
                )
            elif not quiet:
                self.notify(
                    _("Saved {title}.", title=plain(update.record.get("title"))),
                    markup=False,
                    timeout=3,
                )
            if then and current:
                then()

        def fail(exc: Exception) -> None:
            if not self.current(generation):  # its card is gone from the editor: the reason
                why = str(exc) if isinstance(exc, LantoaError) else repr(exc)
                self.notify(why, severity="error", markup=False, timeout=12)
                return
            self.saving = False
            self.show_save_errors(exc)
            if failed:
                failed(exc)

        self.app.run_store_job(job, done, fail)
        self.show_header()
        return True

    def show_save_errors(self, exc: Exception) -> None:
        """Put the store's reasons beside the fields and in a notification; keep the form."""
        if isinstance(exc, ValidationError):
            for name, message in exc.errors:
                self.form.show_error(name, message)
        why = str(exc) if isinstance(exc, LantoaError) else repr(exc)
        self.notify(
            _("Not saved: {why}. Your input is still here.", why=why),
            severity="error",
            markup=False,
            timeout=12,
        )

    def action_save(self) -> None:
        if not self.save():
            self.notify(_("Nothing to save."), markup=False, timeout=2)

    def action_close(self) -> None:
        """Save what changed, then back to the list; if saving fails, ask before dropping it."""
        from ..screens.dialogs import ConfirmScreen

        def failed(exc: Exception) -> None:
            why = str(exc) if isinstance(exc, LantoaError) else repr(exc)

            def answered(drop: bool | None) -> None:
                if drop:
                    self.section.close_editor()

            self.app.push_screen(
                ConfirmScreen(
                    _("Not saved"),
                    _("{why}\n\nClose the card and lose these changes?", why=why),
                    yes=_("Close without saving"),
                ),
                answered,
            )

        self.save(self.section.close_editor, failed)

    def on_hide(self) -> None:
        # leaving for another tab saves what was typed (and says so if it cannot)
        if (
            self.is_attached
            and not self.closing
            and not self.saving
            and self.state.changes(self.values())
        ):
            self.save(quiet=True)

    def on_prune(self) -> None:
        # Going (the app closing, or rebuilding its screen for another language): the fields
        # go first, before the Unmount below, and what they last posted may not have climbed
        # to `carry` yet: take what they show now, while they are still here.
        if not self.closing:
            self.carry.update(self.values())

    def on_unmount(self) -> None:
        # the app closing (or rebuilding its screen for another language): write it now
        if not self.closing:
            self.save_now()

    def save_now(self) -> None:
        """On the app's way out: a direct write; what cannot be written (the write fails, or a
        date would be cut) is kept in a recovery file."""
        values = self.values()
        changes = self.state.changes(values)
        if not changes:
            return
        refused = self.state.refused(values)  # a date the store would cut: kept aside
        kept = {name: changes.pop(name) for name in (refused.fields if refused else ())}
        try:
            if changes:
                _write(self.app.store, self.record_id, changes)
        except Exception:
            kept.update(changes)
        if kept:
            from store import recovery

            base = self.state.base
            recovery.keep(self.record_id, kept, was={name: base.get(name) for name in kept})

    # -- status ------------------------------------------------------------------------------

    def action_status(self) -> None:
        from .dialogs import StatusScreen

        summary = self.report.summary if self.report else ""
        self.app.push_screen(
            StatusScreen(
                plain(self.carry.get("title")), self.state.base.get("status") or "draft", summary
            ),
            self.change_status,
        )

    def change_status(self, status: str | None) -> None:
        """Save the changes, then ask the store for the status (it refuses ready with errors)."""
        if not status:
            return
        values = self.values()
        changes = self.state.changes(values)
        if (cut := self.state.refused(values)) is not None:
            self.show_save_errors(cut)
            return
        sent = {name: values[name] for name in self.state.dirty(values)}
        record_id = self.record_id
        generation = self.generation

        def job(store) -> tuple[Any, Any, Exception | None]:
            saved = _write(store, record_id, changes) if changes or self.gone else None
            try:
                return saved, set_status(store, record_id, status), None
            except ValidationError as exc:
                return saved, None, exc

        def done(result) -> None:
            saved, update, refused = result
            if not self.current(generation):
                return  # written; another card is in the editor now
            if saved is not None:
                self.state.saved(saved.record, sent)
            if update is not None:
                self.state.saved(update.record, {})
                self.notify(_("Status: {status}.", status=self.status_text()), markup=False)
            self.run_checks(force=True)
            if refused is not None:
                self.section.refused(refused)
                self.action_next_finding()

        def fail(exc: Exception) -> None:
            if self.current(generation):
                self.show_save_errors(exc)

        self.app.run_store_job(job, done, fail)

    # -- exports -----------------------------------------------------------------------------

    def action_export(self) -> None:
        self.run_checks()
        self.section.export(self.merged)

    def send_to(self) -> None:
        """ "Send to…" for this message: what is typed is saved first (outreach and its emails
        use the stored message); a save that fails opens nothing and says why."""
        from ..outreach.send import open_send_dialog

        record_id = self.record_id
        self.save(lambda: open_send_dialog(self.app, message_id=record_id), quiet=True)

    # -- changes made elsewhere ----------------------------------------------------------------

    def outside(self, snapshot: Any) -> None:
        """A new version of the store: take outside edits of this message into the form."""
        record = snapshot.by_id(TABLE).get(self.record_id)
        if record is None or record.get("deleted"):
            if not self.gone:
                self.gone = True
                self.notify(
                    _(
                        "This message was deleted elsewhere. Your text is still here; "
                        "saving brings the message back."
                    ),
                    severity="warning",
                    markup=False,
                    timeout=12,
                )
                self.show_header()
            return
        if self.gone:
            self.gone = False
        if _signature(record) == _signature(self.state.base) or self.saving:
            return
        values = self.values()
        merge = self.state.merge(record, values)
        for name, value in merge.apply.items():
            self.carry[name] = value
            if name in ("kind",):
                self.call_later(self.change_kind, value)
            else:
                self.form.set_value(name, value)
        if merge.conflicts:
            names = ", ".join(_(FIELDS[n].label) for n in merge.conflicts)
            self.notify(
                _(
                    "Changed elsewhere while you edit it: {fields}. Your text is kept; "
                    "save to keep yours, or reload the card from the palette to take "
                    "theirs.",
                    fields=names,
                ),
                severity="warning",
                markup=False,
                timeout=15,
            )
        elif merge.apply:
            names = ", ".join(_(FIELDS[n].label) for n in merge.apply if n in FIELDS)
            self.notify(_("Updated from the store: {fields}.", fields=names), markup=False)
        self.run_checks(force=True)

    def reload_from_store(self) -> None:
        """Drop this form's changes and show the stored message."""
        base = self.state.base
        for name in self.state.names:
            value = form_value(base, name, base.get("language") or "vi")
            self.state.initial[name] = value
            self.carry[name] = value
            self.form.set_value(name, value)
        self.rejected_card = None
        self.run_checks(force=True)
        self.notify(_("Reloaded from the store."), markup=False)


def _write(store: Any, record_id: str, changes: dict[str, Any]) -> Any:
    """Save `changes`; a message deleted meanwhile is brought back first (the text wins)."""
    try:
        return update_message(store, record_id, changes)
    except NotFoundError:
        restore_message(store, record_id)  # NotFoundError again if it is not a tombstone
        return update_message(store, record_id, changes)
