"""The Outreach section's hooks for the shell: F1 help, palette commands, and its view state kept
across a language switch. Mixed into OutreachSection (tui/sections/outreach.py)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input, Select

from store import outreach as core
from store.i18n import _

from .. import keys
from ..sections.base import PaletteCommand
from ..widgets.text import plain
from .actions import describe_command
from .common import items_text


class OutreachShellHooks:
    """Mixed into OutreachSection."""

    def view_state(self) -> dict[str, Any]:
        return {
            "view": self.view,
            "by": self.by,
            "toggles": dict(self.toggles),
            "message": self.message_filter,
            "search": self.search_input.value,
            "status": self.select_value("status"),
            "channel": self.select_value("channel"),
            "cursor": (self.outreach_list.current or {}).get("id"),
            "selected": set(self.outreach_list.selected),
            "coverage_message": self.coverage.message_id,
        }

    def restore_view_state(self, state: dict[str, Any]) -> None:
        if not state:
            return
        self.by = state.get("by", "message")
        self.toggles.update(state.get("toggles") or {})
        self.message_filter = state.get("message")
        with self.search_input.prevent(Input.Changed):
            self.search_input.value = state.get("search") or ""
        for name in ("status", "channel"):
            select = self.query_one(f"#out-{name}", Select)
            with select.prevent(Select.Changed):
                select.value = state.get(name) or Select.NULL
        self.outreach_list.selected = set(state.get("selected") or ())
        self.apply(keep_id=state.get("cursor"))
        self.coverage.set_message(state.get("coverage_message"))
        if state.get("view") == "coverage":
            self.switch_to("coverage")

    def help_markdown(self) -> str:
        k = keys.display_keys
        return _(
            "## Outreach\n\nEvery item: who was (or will be) reached with which message, by "
            "which channel, where it stands and when to follow up (! is overdue).\n\n"
            "- {done} done · {replied} replied · {published} published (asks for the link) · "
            "{declined} declined · {status} any status · {note} a note · {due} follow-up date "
            "— each asks for a note, Enter saves\n"
            "- {select} selects items for a bulk change ({all} all shown) · {undo} undoes the "
            "last change\n- {new} send to… · {deliver} emails or call sheet of the chosen items "
            "· {open} the item and its history\n"
            "- {group} groups by message or recipient · {overdue} overdue · {today} due today · "
            "{mine} mine · {filters} status and channel · {clear} clears the filters\n"
            "- {coverage} coverage: reached, replied, published by group, and the province grid",
            done=k("outreach.done"),
            replied=k("outreach.replied"),
            published=k("outreach.published"),
            declined=k("outreach.declined"),
            status=k("outreach.status"),
            note=k("outreach.note"),
            due=k("outreach.due"),
            select=k("outreach.select"),
            all=k("outreach.select_all"),
            undo=k("outreach.undo"),
            new=k("outreach.new"),
            deliver=k("outreach.deliver"),
            open=k("outreach.open"),
            group=k("outreach.group"),
            overdue=k("outreach.overdue"),
            today=k("outreach.today"),
            mine=k("outreach.mine"),
            filters=k("outreach.filters"),
            clear=k("outreach.clear"),
            coverage=k("outreach.coverage"),
        )

    def palette_commands(self) -> list[PaletteCommand]:
        out = [
            PaletteCommand(
                _("outreach: send to…"),
                _("Plan a message to people, organisations or groups"),
                self.action_new,
            )
        ]
        current = self.outreach_list.current
        if current is not None and self.view == "items":
            n = len(self.outreach_list.chosen_ids())
            for status in ("done", "replied", "published", "declined"):
                out.append(
                    PaletteCommand(
                        _("outreach: mark {status}…", status=core.status_label(status).lower()),
                        items_text(n),
                        _bound(self.action_mark, status),
                    )
                )
            out.append(
                PaletteCommand(
                    _("outreach: emails or call sheet…"), items_text(n), self.action_deliver
                )
            )
            if current.get("message_id"):
                out.append(
                    PaletteCommand(
                        _("outreach: only this message"),
                        plain(current.get("message_title")),
                        _bound(self.show_message, current["message_id"]),
                    )
                )
        last = self.last_change()
        if last is not None:
            out.append(
                PaletteCommand(
                    _("outreach: undo {what}", what=describe_command(last)), "", self.action_undo
                )
            )
        out.append(
            PaletteCommand(
                _("outreach: coverage") if self.view == "items" else _("outreach: items"),
                "",
                self.action_switch_view,
            )
        )
        return out


def _bound(function, *args):
    return lambda: function(*args)
