"""What the editor does with the store and the outside world: save (explicit, and on leaving),
status, $EDITOR round trips, and changes made to the message elsewhere.

The rule everywhere: the person's text is never lost. A save that fails leaves the form as it is
and says why in the store's words; a malformed card from $EDITOR changes nothing and is kept to be
fixed; a change made outside is taken only into fields the person has not touched.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from store.cardfile import CardError, card_changes, parse_card, render_card
from store.errors import LantoaError, NotFoundError, ValidationError
from store.i18n import _
from store.messages import FIELDS, TABLE, restore_message, set_status, update_message

from ..widgets.text import plain
from .external import edit_text
from .fields import LineField, ListField, TextField
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

    def on_unmount(self) -> None:
        # the app closing (or rebuilding its screen for another language): write it now
        if not self.closing:
            self.save_now()

    def save_now(self) -> None:
        """On the app's way out: a direct write; if even that fails, keep a recovery file."""
        values = self.values()
        changes = self.state.changes(values)
        if not changes:
            return
        try:
            _write(self.app.store, self.record_id, changes)
        except Exception:
            from store.paths import data_dir
            from store.storage import atomic_write_bytes

            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            path = data_dir() / "unsaved" / f"message-{self.record_id[:8]}-{stamp}.json"
            payload = {"id": self.record_id, "changes": changes}
            atomic_write_bytes(
                path, json.dumps(payload, ensure_ascii=False, indent=1, default=str).encode("utf-8")
            )

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

    # -- $EDITOR -----------------------------------------------------------------------------

    def action_external_field(self) -> None:
        """The focused text field in $EDITOR (one line fields come back as one line)."""
        field = self.form.focused_field()
        if not isinstance(field, LineField | TextField | ListField):
            self.notify(
                _(
                    "Put the cursor in a text field first, or edit the whole card with {key}.",
                    key=self.card_key(),
                ),
                markup=False,
            )
            return
        original = field.text if isinstance(field, TextField | ListField) else field.value
        try:
            edited = edit_text(self.app, original, f"{field.field_name}.md")
        except LantoaError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        edited = edited.rstrip("\n")
        if isinstance(field, LineField):
            edited = " ".join(edited.split())
            field.value = edited
        else:
            field.text = edited
        field.focus()

    def card_key(self) -> str:
        from .. import keys

        return keys.display_keys("editor.card")

    def action_external_card(self) -> None:
        """The whole card (as `lantoa messages edit` shows it) in $EDITOR; read back strictly."""
        self.run_checks()
        lang = self.merged.get("language") or "vi"
        pristine = render_card(self.merged)
        text = self.rejected_card or pristine
        try:
            edited = edit_text(self.app, text, f"message-{self.record_id[:8]}.md")
        except LantoaError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if edited == pristine:
            self.rejected_card = None
            self.notify(_("No changes."), markup=False, timeout=3)
            return
        try:
            parsed = parse_card(edited, lang)
        except CardError as exc:
            self.rejected_card = edited
            lines = "\n".join(
                _("line {line}: {problem}", line=n, problem=p) for n, p in exc.problems
            )
            self.notify(
                _(
                    "The card was not applied; nothing changed. Fix these and press {key} "
                    "to edit it again:\n{problems}",
                    key=self.card_key(),
                    problems=lines,
                ),
                title=_("Card not read"),
                severity="error",
                markup=False,
                timeout=30,
            )
            return
        self.rejected_card = None
        changes = card_changes(parse_card(pristine, lang), parsed)
        self.apply_card(changes, parsed, lang)

    def apply_card(self, changes: dict[str, Any], parsed: dict[str, Any], lang: str) -> None:
        """Put the card's changes into the form (saving stays the person's choice)."""
        if not changes:
            self.notify(_("No changes."), markup=False, timeout=3)
            return
        status = changes.pop("status", None)
        new_lang = parsed.get("language") or lang
        for name in changes:
            self.carry[name] = form_value(parsed, name, new_lang)
        fields = self.form.fields
        rebuild = "kind" in changes or any(n not in fields for n in changes)
        if rebuild:
            self.call_later(self.change_kind, self.carry.get("kind") or "policy")
        else:
            for name in changes:
                self.form.set_value(name, self.carry[name])
        labels = ", ".join(_(FIELDS[n].label) for n in changes if n in FIELDS)
        if labels:
            self.notify(
                _(
                    "Taken from the card: {fields}. Save with {key}.",
                    fields=labels,
                    key=_save_key(),
                ),
                markup=False,
            )
        if status and status != (self.state.base.get("status") or "draft"):
            self.call_later(self.change_status, status)

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


def _save_key() -> str:
    from .. import keys

    return keys.display_keys("editor.save")


def _write(store: Any, record_id: str, changes: dict[str, Any]) -> Any:
    """Save `changes`; a message deleted meanwhile is brought back first (the text wins)."""
    try:
        return update_message(store, record_id, changes)
    except NotFoundError:
        restore_message(store, record_id)  # NotFoundError again if it is not a tombstone
        return update_message(store, record_id, changes)
