"""What the outreach list does to the store: mark, note, follow-up date, delete, undo; deliver.

Mixed into OutreachSection (which provides the list, the data and `apply`). Every change is one
store job (`app.run_store_job`, a worker): one transaction and one write for all chosen items,
journalled so `u` undoes it; store errors become notifications and nothing half-done is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from store import outreach as core
from store.errors import LantoaError
from store.i18n import N_, _
from store.validate import InvalidValue

from .. import keys
from . import clock
from .common import items_text, settings

#: Command -> how a finished change reads ("Marked 3 items as done.").
_DONE_TEXT = {
    "status": N_("Marked {items} as {status}."),
    "note": N_("Added the note to {items}."),
    "due": N_("Follow-up date of {items}: {due}."),
}


class OutreachActions:
    """Mixed into OutreachSection."""

    # -- which items ------------------------------------------------------------------------

    def chosen_views(self) -> list[dict]:
        ids = set(self.outreach_list.chosen_ids())
        return [v for v in self.outreach_list.views if v["id"] in ids]

    # -- status, note, follow-up date --------------------------------------------------------

    def action_mark(self, status: str | None = None) -> None:
        from .marking import MarkScreen

        views = self.chosen_views()
        if not views:
            return
        needs_link = any(not v.get("link") for v in views)
        current = views[0].get("status") if len(views) == 1 else None

        def answered(values: dict | None) -> None:
            if values:
                self.change([v["id"] for v in views], **values)

        self.app.push_screen(
            MarkScreen(len(views), status, needs_link=needs_link, current=current, views=views),
            answered,
        )

    def action_note(self) -> None:
        from .marking import MarkScreen

        views = self.chosen_views()
        if not views:
            return

        def answered(values: dict | None) -> None:
            if values and values.get("note"):
                self.change([v["id"] for v in views], note=values["note"])

        self.app.push_screen(MarkScreen(len(views), note_only=True, views=views), answered)

    def action_due(self) -> None:
        from ..screens.dialogs import AskScreen

        views = self.chosen_views()
        if not views:
            return

        def check(value: str) -> str | None:
            if value.strip() == "-":
                return None
            try:
                core.parse_day(value, clock.today())
            except InvalidValue as exc:
                return str(exc)
            return None

        def answered(value: str | None) -> None:
            if value is None:
                return
            if value.strip() == "-":
                self.change([v["id"] for v in views], clear_due=True)
            else:
                self.change([v["id"] for v in views], due=value)

        current = views[0].get("due") if len(views) == 1 else ""
        self.app.push_screen(
            AskScreen(
                _("Follow-up date of {items}", items=items_text(len(views))),
                _(
                    "When to follow up: today, tomorrow, +3d, +2w, mon…sun, hôm nay, t2…cn or a "
                    "date; - removes the date."
                ),
                value=current or "",
                check=check,
                ok=_("Save"),
            ),
            answered,
        )

    def change(
        self,
        ids: list[str],
        *,
        status: str | None = None,
        note: str | None = None,
        link: str | None = None,
        due: str | None = None,
        clear_due: bool = False,
    ) -> None:
        """Apply one change to `ids` in a store job; then say what happened."""
        config = settings(self.app)
        today = clock.today()
        command = "done" if status == "done" else "set"

        def job(store) -> core.ChangeResult:
            return core.change_items(
                store,
                ids,
                config,
                status=status,
                note=note,
                link=link,
                due=due,
                clear_due=clear_due,
                command=command,
                today=today,
            )

        def done(result: core.ChangeResult) -> None:
            n = items_text(len(result.changed))
            if status:
                text = _(_DONE_TEXT["status"], items=n, status=core.status_label(status).lower())
            elif note and not (due or clear_due):
                text = _(_DONE_TEXT["note"], items=n)
            else:
                day = core.due_value(due, today) if due else "–"
                text = _(_DONE_TEXT["due"], items=n, due=day)
            if result.unchanged:
                text += " " + _(
                    "{items} already had that.", items=items_text(len(result.unchanged))
                )
            if result.changed:
                text += " " + _("{key} undoes.", key=keys.display_keys("outreach.undo"))
            self.outreach_list.set_selected(set())
            self.keep_position()
            self.notify(text, markup=False)

        self.app.run_store_job(job, done, self.store_failed_notice)

    def store_failed_notice(self, exc: Exception) -> None:
        text = str(exc) if isinstance(exc, LantoaError) else repr(exc)
        self.notify(text, title=_("Not saved"), severity="error", markup=False, timeout=15)

    # -- delete and undo --------------------------------------------------------------------

    def action_delete(self) -> None:
        from ..screens.dialogs import ConfirmScreen

        views = self.chosen_views()
        if not views:
            return
        ids = [v["id"] for v in views]
        config = settings(self.app)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_store_job(
                    lambda store: core.delete_items(store, ids, config),
                    deleted,
                    self.store_failed_notice,
                )

        def deleted(result: core.ChangeResult) -> None:
            self.outreach_list.set_selected(set())
            self.notify(
                _(
                    "Deleted {items}. {key} undoes.",
                    items=items_text(len(result.changed)),
                    key=keys.display_keys("outreach.undo"),
                ),
                markup=False,
            )

        self.app.push_screen(
            ConfirmScreen(
                _("Delete"),
                _(
                    "Delete {items}? Their history goes with them; {key} brings them back.",
                    items=items_text(len(ids)),
                    key=keys.display_keys("outreach.undo"),
                ),
                yes=_("Delete"),
            ),
            answered,
        )

    def last_change(self) -> dict | None:
        return core.last_command(self.data.snapshot) if self.data is not None else None

    def action_undo(self) -> None:
        from ..screens.dialogs import ConfirmScreen

        last = self.last_change()
        if last is None:
            self.notify(
                _("Nothing to undo: no outreach change is recorded in this store."), markup=False
            )
            return
        what = describe_command(last)
        config = settings(self.app)

        def answered(yes: bool | None) -> None:
            if yes:
                self.app.run_store_job(
                    lambda store: core.undo_last(store, config), undone, self.store_failed_notice
                )

        def undone(result: core.UndoResult) -> None:
            if not result.reverted:  # every item changed since (a sync, another window)
                self.notify(
                    _(
                        "Nothing undone: every item of {what} changed since, and was left as "
                        "it is.",
                        what=describe_command(result.command),
                    ),
                    markup=False,
                    severity="warning",
                )
                return
            text = _("Undone: {what}.", what=describe_command(result.command))
            if result.skipped:
                reasons = sorted({core.reason_label(r) for _i, r in result.skipped})
                text += " " + _(
                    "{items} left as they were ({why}).",
                    items=items_text(len(result.skipped)),
                    why=", ".join(reasons),
                )
            self.notify(text, markup=False, severity="warning" if result.skipped else "information")

        self.app.push_screen(
            ConfirmScreen(
                _("Undo"), _("Undo the last outreach change: {what}?", what=what), yes=_("Undo")
            ),
            answered,
        )

    # -- getting it out ---------------------------------------------------------------------

    def action_deliver(self) -> None:
        from .deliver import DeliverScreen

        views = self.chosen_views()
        if not views or self.data is None:
            return
        messages = {v.get("message_id") for v in views}
        if len(messages) > 1:
            self.notify(
                _(
                    "The chosen items belong to {n} messages; choose the items of one "
                    "message (grouping by message helps).",
                    n=len(messages),
                ),
                severity="warning",
                markup=False,
            )
            return
        message = self.data.snapshot.by_id("messages").get(next(iter(messages)) or "")
        self.app.push_screen(DeliverScreen(views, message, self.data.snapshot, self.app.config))

    def action_new(self) -> None:
        from .send import open_send_dialog

        current = self.outreach_list.current
        message_id = self.message_filter or (current or {}).get("message_id")
        open_send_dialog(self.app, message_id=message_id)


def describe_command(command: dict, *, when: bool = True) -> str:
    """ "mark done of 3 items (2023-12-01 09:30)", "status change → published of 1 item (…)":
    a journalled command as people read it (without the time where room is short)."""
    label = core.command_label(command.get("command"))
    status = (command.get("detail") or {}).get("status")
    if command.get("command") == "set":
        label = (label + " → " + core.status_label(status).lower()) if status else _("change")
    items = items_text(int(command.get("count") or 0))
    if not when:
        return _("{command} of {items}", command=label, items=items)
    return _(
        "{command} of {items} ({at})",
        command=label,
        items=items,
        at=clock.when(command.get("at")),
    )


def bound(function: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    return lambda: function(*args)
