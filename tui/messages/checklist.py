"""The live checklist beside the card: every slot with its state, and under it what to fix.

One list, slot lines followed by their findings, so the state of the card and the reasons read
together; Enter (or a click) on a line jumps to the field it is about. Texts are Content built from
plain strings (findings quote what the person typed).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.checks.base import ERROR, Finding, Report, SlotState
from store.i18n import N_, _
from store.messages import SLOTS

#: How each slot state and severity looks: (mark, style).
STATE_LOOK = {
    "ok": ("✓", "$text-success"),
    "warning": ("!", "$text-warning"),
    "error": ("✗", "$text-error"),
    "empty": ("○", "$text-muted"),
}
LEVELS = {"required": "*", "recommended": N_("(recommended)"), "optional": N_("(optional)")}


def level_mark(level: str) -> str:
    mark = LEVELS.get(level, "")
    return mark if mark == "*" else _(mark) if mark else ""


def slot_line(state: SlotState, counts: bool = True) -> Content:
    """ "✓ Headline *" coloured by state, with the number of problems."""
    mark, style = STATE_LOOK[state.state]
    text = Content.assemble((mark, f"bold {style}"), " ", (_(SLOTS[state.slot].label), style))
    level = level_mark(state.level)
    if level:
        text = text + Content.styled(" " + level, "$text-muted")
    if counts and (state.errors or state.warnings):
        parts = []
        if state.errors:
            parts.append(_("1 error") if state.errors == 1 else _("{n} errors", n=state.errors))
        if state.warnings:
            parts.append(
                _("1 warning") if state.warnings == 1 else _("{n} warnings", n=state.warnings)
            )
        text = text + Content.styled("  " + ", ".join(parts), "$text-muted")
    return text


def finding_line(finding: Finding) -> Content:
    mark, style = STATE_LOOK["error" if finding.severity == ERROR else "warning"]
    return Content.assemble("  ", (mark, f"bold {style}"), " ", finding.message)


def summary_line(report: Report) -> Content:
    style = (
        "$text-error"
        if report.errors
        else ("$text-warning" if report.warnings else "$text-success")
    )
    return Content.assemble(
        (report.summary, f"bold {style}"),
        " · ",
        (_("score {score}", score=report.score), "$text-muted"),
    )


def finding_key(finding: Finding) -> tuple:
    return (finding.code, finding.field, finding.start, finding.index)


class Checklist(Vertical):
    """The summary line and the list of slots and findings."""

    class Jump(Message):
        """A line was chosen: jump to its slot (and the finding's words)."""

        def __init__(self, slot: str, finding: Finding | None) -> None:
            super().__init__()
            self.slot = slot
            self.finding = finding

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.items: list[tuple[str, Finding | None]] = []
        self.report: Report | None = None
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(_("Checklist")), classes="checklist-title")
        yield Static("", id="checklist-summary")
        yield OptionList(id="checklist-items")

    def reset(self) -> None:
        """Empty, as a new checklist is until the next card's report."""
        self.items = []
        self.report = None
        self._shown = None
        self.query_one("#checklist-summary", Static).update("", layout=False)
        options = self.option_list
        options.clear_options()
        options.highlighted = None
        options.scroll_to(0, 0, animate=False, immediate=True)

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#checklist-items", OptionList)

    def show(self, report: Report) -> None:
        self.report = report
        content = (tuple(report.checklist), tuple(report.findings))
        if content == self._shown:
            return  # typing that changes no finding repaints nothing here
        self._shown = content
        self.query_one("#checklist-summary", Static).update(summary_line(report), layout=False)
        options = self.option_list
        highlighted = options.highlighted
        keep = (
            self.items[highlighted]
            if highlighted is not None and highlighted < len(self.items)
            else None
        )
        items: list[tuple[str, Finding | None]] = []
        prompts: list[Option] = []
        grouped = report.by_slot()
        for state in report.checklist:
            items.append((state.slot, None))
            prompts.append(Option(slot_line(state)))
            for finding in grouped.get(state.slot, []):
                items.append((state.slot, finding))
                prompts.append(Option(finding_line(finding)))
        self.items = items
        options.clear_options()
        options.add_options(prompts)
        if keep is not None:
            slot, finding = keep
            wanted = (slot, finding_key(finding) if finding else None)
            for index, (s, f) in enumerate(items):
                if (s, finding_key(f) if f else None) == wanted:
                    options.highlighted = index
                    break
            else:
                options.highlighted = min(highlighted or 0, len(items) - 1) if items else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.items):
            slot, finding = self.items[event.option_index]
            self.post_message(self.Jump(slot, finding))

    def focus_list(self) -> None:
        options = self.option_list
        options.focus()
        if options.highlighted is None and self.items:
            first_problem = next((i for i, (_s, f) in enumerate(self.items) if f), 0)
            options.highlighted = first_problem
