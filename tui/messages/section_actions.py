"""What the Messages list does: new from a template, open, delete (undoable), status, export,
copy, and the palette's commands. Writes are store jobs (workers), one transaction each.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import ContentSwitcher, Input, Select

from store.compose import compose
from store.errors import ValidationError
from store.i18n import _
from store.messages import TABLE, create_message, remove_message, set_status

from .. import keys
from ..messages import gchold
from ..messages.editor import MessageEditor
from ..sections.base import PaletteCommand
from ..widgets.keyorder import HoldsKeysUntilReady
from ..widgets.text import plain

#: List actions, off while a card is open (its own keys apply there).
LIST_ACTIONS = {
    "focus_search",
    "open",
    "new",
    "delete",
    "status",
    "export",
    "copy",
    "send",
    "recipients",
    "focus_filters",
    "clear_filters",
    "focus_table",
}
NEEDS_MESSAGE = {"open", "delete", "status", "export", "copy", "send", "recipients"}


#: Seconds a card may take to open before the keys typed for it are let go (a card that never
#: opens must not keep the keyboard).
OPENING_TIMEOUT = 10.0


class MessagesActions(HoldsKeysUntilReady):
    """Mixed into MessagesSection (which provides the table, the data and the editor slot).

    Keys typed while a card opens (Enter on the list, or the new-message dialog) are held and
    go to the card's first field once it has the cursor, as typed."""

    keys_are_ready = True
    _keys_timer: Any = None

    #: The editor of the last card closed, hidden, refilled for the next one (editor_open.py).
    _spare: MessageEditor | None = None
    #: A card on its way (created, opened): the list's keys are off already, for what is typed
    #: ahead of it ("Từ 1/7…" right after Enter would otherwise start, delete or undo things).
    _opening = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if (self.editor is not None or self._opening) and action in LIST_ACTIONS:
            return False
        if action in NEEDS_MESSAGE and self.table.current is None:
            return None
        if action == "undo":
            return bool(self.app.undo_stack) and self.editor is None
        return True

    # -- opening and closing the editor ----------------------------------------------------------

    def start_opening(self) -> None:
        """A card is on its way: the list's keys go off, and keys typed now wait for the card."""
        self._opening = True
        self.keys_are_ready = False
        self._stop_keys_timer()
        self._keys_timer = self.set_timer(OPENING_TIMEOUT, self.opening_failed)

    def card_ready(self) -> None:
        """The card is on screen, the cursor in its first field: the keys typed for it go there."""
        self._stop_keys_timer()
        self.keys_ready()

    def opening_failed(self) -> None:
        self._opening = False
        self._stop_keys_timer()
        self.drop_held_keys()

    def _stop_keys_timer(self) -> None:
        if self._keys_timer is not None:
            self._keys_timer.stop()
            self._keys_timer = None

    async def open_editor(self, record: dict, restore: dict[str, Any] | None = None) -> None:
        if self.editor is not None:
            self._opening = False  # (the card open keeps the list's keys off meanwhile)
            if self.editor.record_id == record["id"]:
                self.card_ready()  # already open: what was typed goes there
                return
            if self.editor.dirty or self.editor.gone:
                # Its changes first, as closing it does: the next card opens once they are
                # written; a save refused keeps this card open with its text and the reasons.
                self.editor.save(
                    lambda: self.run_worker(
                        self.open_editor(record, restore), group="open-editor", exclusive=True
                    )
                )
                return
            await self._drop_editor()
        gchold.hold(self)  # released once the card is painted (MessageEditor.shown)
        self._opening = False  # the editor takes over from here
        spare, self._spare = self._spare, None
        if spare is not None and spare.is_attached:
            self.editor = spare  # the last card's editor, refilled (editor_open.py)
            await spare.reopen(record, restore)
            return
        editor = MessageEditor(self, record, restore=restore, id="msg-editor")
        editor.display = False
        self.editor = editor
        await self.query_one("#msg-views", ContentSwitcher).mount(editor)

    def show_editor(self, editor: MessageEditor, generation: int) -> None:
        """The card is built and laid out offstage, the cursor where work starts: show it.
        (The footer already has the card's keys: they came with the cursor.)"""
        if editor is not self.editor or not editor.current(generation):
            return  # closed (or another card opened) while it was being prepared
        editor.on_stage()
        self.query_one("#msg-views", ContentSwitcher).current = "msg-editor"
        self.call_after_refresh(editor.shown)

    def action_open(self) -> None:
        record = self.current_record()
        if record is not None:
            self.start_opening()
            self.run_worker(self.open_editor(record), group="open-editor", exclusive=True)
        elif self.editor is None and not self.keys_are_ready:
            self.opening_failed()  # held by the table's Enter, for no card

    async def _drop_editor(self) -> None:
        """Back to the list; the editor is kept, hidden, for the next card."""
        gchold.release()
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.park()
            self.query_one("#msg-views", ContentSwitcher).current = "msg-browse"
            self._spare = editor

    def close_editor(self) -> None:
        """Back to the list, on the message that was open (the editor saved it before)."""
        keep = self.editor.record_id if self.editor is not None else None

        async def run() -> None:
            await self._drop_editor()
            self.apply_filters(keep_id=keep)
            self.table.focus()
            self.refresh_bindings()

        self.run_worker(run(), group="close-editor")

    # -- new -------------------------------------------------------------------------------

    def action_new(self) -> None:
        from ..messages.dialogs import NewMessageScreen

        def answered(choice: tuple[str, str] | None) -> None:
            if choice:
                self.start_opening()
                self.new_message(*choice)

        self.app.push_screen(NewMessageScreen(on_choice=self.start_opening), answered)

    def new_message(self, template: str, title: str) -> None:
        def job(store) -> dict:
            return create_message(store, {"title": title}, template=template)

        def done(record: dict) -> None:
            self.notify(
                _(
                    "Started {title}. The checklist shows what the card still needs.",
                    title=plain(record.get("title")),
                ),
                markup=False,
            )
            self.run_worker(self.open_editor(record), group="open-editor", exclusive=True)

        def failed(exc: Exception) -> None:
            self.opening_failed()
            self.notify(_("Not created: {why}", why=exc), severity="error", markup=False)

        self.app.run_store_job(job, done, failed)

    # -- delete / undo ---------------------------------------------------------------------

    def action_delete(self) -> None:
        from ..screens.dialogs import ConfirmScreen

        record = self.current_record()
        if record is None:
            return
        record_id = record["id"]
        title = plain(record.get("title"))

        def written(_removed: dict) -> None:
            self.app.push_undo(_("deletion of {what}", what=title), _restore(record_id))
            self.notify(
                _(
                    "Deleted {what}. Press {keys} to undo.",
                    what=title,
                    keys=keys.display_keys("messages.undo"),
                ),
                markup=False,
            )

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_store_job(lambda store: remove_message(store, record_id), written)

        self.app.push_screen(
            ConfirmScreen(
                _("Delete"),
                _("Delete {name}? You can undo this until you close the app.", name=title),
                yes=_("Delete"),
            ),
            answered,
        )

    def action_undo(self) -> None:
        self.app.undo_last()

    # -- status ------------------------------------------------------------------------------

    def action_status(self) -> None:
        from ..messages.dialogs import StatusScreen

        current = self.table.current
        if current is None:
            return
        record, report = current
        record_id = record["id"]

        def answered(status: str | None) -> None:
            if status and status != (record.get("status") or "draft"):
                self.app.run_store_job(
                    lambda store: set_status(store, record_id, status),
                    lambda update: self.notify(
                        _(
                            "Status of {title}: {status}.",
                            title=plain(update.record.get("title")),
                            status=_status(status),
                        ),
                        markup=False,
                    ),
                    self.refused,
                )

        self.app.push_screen(
            StatusScreen(
                plain(record.get("title")), record.get("status") or "draft", report.summary
            ),
            answered,
        )

    def refused(self, exc: Exception) -> None:
        """The store's refusal (ready with errors), with every reason it gave."""
        if isinstance(exc, ValidationError):
            lines = [message for _field, message in exc.errors]
            text = lines[0] + ("\n" + "\n".join("• " + m for m in lines[1:9]) if lines[1:] else "")
            if len(lines) > 9:
                text += "\n" + _("… and {n} more", n=len(lines) - 9)
        else:
            text = str(exc)
        self.notify(text, title=_("Not changed"), severity="error", markup=False, timeout=20)

    # -- export / copy ---------------------------------------------------------------------

    def action_export(self) -> None:
        record = self.current_record()
        if record is not None:
            self.export(record)

    def export(self, values: dict) -> None:
        from ..messages.export import ExportScreen

        self.app.push_screen(ExportScreen(values, self.data, getattr(self.app, "config", {})))

    def action_copy(self) -> None:
        record = self.current_record()
        if record is None:
            return
        text = compose(record, "release", contact=self.contact_line()).text()
        self.app.copy_to_clipboard(text)
        self.notify(
            _(
                "Copied the press release of {title} ({n} characters).",
                title=plain(record.get("title")),
                n=len(text),
            ),
            markup=False,
        )

    # -- outreach ----------------------------------------------------------------------------

    def action_send(self) -> None:
        """ "Send to…" with this message chosen (the outreach dialog plans it)."""
        from ..outreach.send import open_send_dialog

        record = self.current_record()
        if record is not None:
            open_send_dialog(self.app, message_id=record["id"])

    def action_recipients(self) -> None:
        """Its recipients and their statuses: the Outreach tab, on this message only."""
        from ..outreach.widgets import show_message_outreach

        record = self.current_record()
        if record is not None:
            show_message_outreach(self.app, record["id"])

    # -- moving around ---------------------------------------------------------------------

    def action_focus_search(self) -> None:
        self.focus_now(self.search_input)  # type: ignore[attr-defined]

    async def action_focus_table(self) -> None:
        """From the search box to the list, once it shows the search (`leave_search`)."""
        await self.leave_search(self.search_input)  # type: ignore[attr-defined]
        self.screen.set_focus(self.table)

    def action_focus_filters(self) -> None:
        self.focus_now(self.query_one("#msg-status", Select))  # type: ignore[attr-defined]

    def action_clear_filters(self) -> None:
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = ""
        for name in ("status", "kind"):
            select = self.query_one(f"#msg-{name}", Select)
            with select.prevent(Select.Changed):
                select.value = Select.NULL
        self.apply_filters()
        self.focus_now(self.table)  # type: ignore[attr-defined]

    # -- palette ---------------------------------------------------------------------------

    def messages_commands(self) -> list[PaletteCommand]:
        if self.editor is not None:
            return self.editor_commands()
        out = [
            PaletteCommand(_("message: new…"), _("Start a card from a template"), self.action_new)
        ]
        record = self.current_record()
        if record is not None:
            title = plain(record.get("title"))
            out += [
                PaletteCommand(_("message: open"), title, self.action_open),
                PaletteCommand(_("message: set status…"), title, self.action_status),
                PaletteCommand(_("message: export…"), title, self.action_export),
                PaletteCommand(_("message: copy the press release"), title, self.action_copy),
                PaletteCommand(_("message: send to…"), title, self.action_send),
                PaletteCommand(
                    _("message: recipients in the Outreach tab"), title, self.action_recipients
                ),
                PaletteCommand(_("message: delete"), title, self.action_delete),
            ]
        out.append(
            PaletteCommand(_("messages: clear search and filters"), "", self.action_clear_filters)
        )
        return out

    def editor_commands(self) -> list[PaletteCommand]:
        editor = self.editor
        title = plain(editor.carry.get("title"))
        commands = [
            (_("message: save"), editor.action_save),
            (_("message: save and close"), editor.action_close),
            (_("message: preview"), editor.action_toggle_preview),
            (_("message: recipients and their statuses"), editor.action_toggle_recipients),
            (_("message: send to…"), editor.send_to),
            (_("message: checklist"), editor.action_toggle_checklist),
            (_("message: next finding"), editor.action_next_finding),
            (_("message: edit this field in $EDITOR"), editor.action_external_field),
            (_("message: edit the whole card in $EDITOR"), editor.action_external_card),
            (_("message: set status…"), editor.action_status),
            (_("message: export…"), editor.action_export),
            (_("message: reload from the store (drop my changes)"), editor.reload_from_store),
        ]
        commands += editor.recovery_commands()
        return [PaletteCommand(name, title, callback) for name, callback in commands]


def _status(status: str) -> str:
    from store.messages import STATUSES

    return _(STATUSES.get(status, status))


def _restore(record_id: str):
    def undo(tx) -> None:
        if tx.get(TABLE, record_id, include_deleted=True) is not None:
            tx.restore(TABLE, record_id)

    return undo
