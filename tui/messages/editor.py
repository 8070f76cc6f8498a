"""The story-card editor: the form, the live checklist beside it, and the preview.

Typing restarts a short timer (DEBOUNCE); when it fires, the form's values are cleaned the store's
way and checked (`check_message`, cached per field, a few milliseconds), and the slot headings, the
checklist, the header and, when shown, the preview follow. Saving sends only the changed fields;
what the person typed stays on screen whatever happens to the save (see editor_actions.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Checkbox, ContentSwitcher, Input, Select, Static, TextArea

from store.checks import check_message, minutes_since_incident
from store.checks.base import Report
from store.i18n import _
from store.messages import SLOTS, STATUSES
from store.templates import Template, template_for

from .. import keys
from ..widgets.text import plain
from . import clock
from .checklist import Checklist, summary_line
from .editor_actions import EditorActions
from .editor_external import EditorExternal
from .editor_open import EditorOpening
from .fields import FiguresField, field_of
from .form import CardForm
from .formvalues import META_FIELDS, form_fields, relanguage_figures
from .keyorder import MOVE_BINDINGS, MovesAtOnce
from .listing import kind_short, status_label
from .recovery import EditorRecovery
from .views import EditorViews, ViewTab, timer_text

if TYPE_CHECKING:
    from ..sections.messages import MessagesSection

#: Seconds after the last keystroke before the checks run.
DEBOUNCE = 0.2
#: Forms kept in the editor, the one shown included: one for each set of slots in use.
FORMS_KEPT = 3


class MessageEditor(
    MovesAtOnce,
    EditorRecovery,  # before EditorOpening: it follows `shown` with the offer
    EditorOpening,
    EditorViews,
    EditorActions,
    EditorExternal,
    Vertical,
):
    """Edits one message; the section opens and closes it and forwards store changes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *MOVE_BINDINGS,
        keys.bind("editor.save", "save"),
        keys.bind("editor.close", "close"),
        keys.bind("editor.preview", "toggle_preview"),
        keys.bind("editor.recipients", "toggle_recipients"),
        keys.bind("editor.checklist", "toggle_checklist"),
        keys.bind("editor.next", "next_finding"),
        keys.bind("editor.external", "external_field"),
        keys.bind("editor.card", "external_card"),
        keys.bind("editor.status", "status"),
        keys.bind("editor.export", "export"),
    ]

    def __init__(
        self,
        section: MessagesSection,
        record: dict,
        *,
        restore: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        keys.localize(self)
        self.section = section
        self.report: Report | None = None
        self._built = False
        self.load_state(record, restore)

    @property
    def record_id(self) -> str:
        return self.state.base["id"]

    # -- building --------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="ed-head"):
            yield ViewTab(_("Card"), "card", classes="-active")
            yield ViewTab(_("Preview"), "preview")
            yield ViewTab(_("Recipients"), "recipients")
            yield Static("", id="ed-title")
            yield Static("", id="ed-timer")
        with ContentSwitcher(initial="ed-card", id="ed-views"):
            with Horizontal(id="ed-card"):
                yield self.new_form()
                yield Checklist(id="ed-checklist")
            yield Vertical(id="ed-preview")  # built when first shown
            yield Vertical(id="ed-recipients")  # built when first shown
        yield Static("", id="ed-summary")

    def form_spec(self) -> tuple[list[str], str, str, Template]:
        """The form the card needs: its fields (those of its kind and any other slot filled),
        kind, language and template (for the hints)."""
        kind = self.carry.get("kind") or "policy"
        lang = self.carry.get("language") or "vi"
        filled = {**self.state.base, **{k: v for k, v in self.carry.items() if v}}
        shown = form_fields(kind, filled)
        names = [n for n in self.state.names if n in META_FIELDS or n in shown]
        return names, kind, lang, template_for({**self.state.base, "kind": kind})

    def new_form(self) -> CardForm:
        """The form for the card, kept as `form` (not looked up: Textual's cache of lookups
        would hold on to a form removed, with all its widgets)."""
        names, kind, lang, template = self.form_spec()
        self._form = CardForm(names, self.carry, kind, lang, template, classes="ed-form")
        return self._form

    async def show_form(self) -> None:
        """Show the form the card needs: the one shown if it has the card's fields, else one
        kept hidden for them (a crisis statement has other slots than a policy story), refilled
        with the card's values, else a new one. The last FORMS_KEPT forms are kept."""
        names, kind, lang, template = self.form_spec()
        holder = self.query_one("#ed-card", Horizontal)
        kept = [f for f in holder.children if isinstance(f, CardForm)]  # (no query: cached)
        form = next((f for f in kept if f.names == names), None)
        if form is None:
            await holder.mount(self.new_form(), before=0)
            form = self._form
        else:
            await form.refill(dict(self.carry), kind, lang, template)
            if form is not kept[0]:
                holder.move_child(form, before=0)  # first: lookups by id find it first
            self._form = form
        form.styles.clear_rule("display")  # shown, as the CSS says (narrow screens fold it)
        others = [f for f in kept if f is not form]
        for other in others:
            other.display = False
        for old in others[FORMS_KEPT - 1 :]:
            await old.remove()

    @property
    def form(self) -> CardForm:
        return self._form

    @property
    def checklist(self) -> Checklist:
        return self.query_one(Checklist)

    def start_field(self, name: str | None = None) -> str:
        """Where work starts: the remembered field, else the first required slot with an error
        or nothing in it, else the headline (or the title)."""
        form = self.form
        if name and name in form.fields:
            return name
        if self.report is not None:
            for state in self.report.checklist:
                if state.state in ("error", "empty") and state.level == "required":
                    names = [n for n in SLOTS[state.slot].fields if n in form.fields]
                    if names:
                        return names[0]
        return "headline" if "headline" in form.fields else "title"

    def focus_start(self, name: str | None = None) -> None:
        """The remembered field, else the first slot with an error or nothing in it."""
        self.form.focus_field(self.start_field(name))

    # -- values and checks -----------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """Every field's form value: the ones on screen, and those of slots the kind hides."""
        values = dict(self.carry)
        if self._built and self.query(CardForm):
            values.update(self.form.values())
        return values

    @property
    def dirty(self) -> list[str]:
        return self.state.dirty(self.values())

    def _edited(self, control: Any) -> None:
        field = field_of(control)
        if (
            not self._built  # being refilled for another card (editor_open.py)
            or field is None
            or self.form.fields.get(field.field_name) is not field  # not of the form shown
        ):
            return
        name = field.field_name
        previous = self.carry.get(name)
        self.carry[name] = field.form_value  # kept current: the app may close any moment
        if name == "kind" and field.form_value != previous:
            self.call_later(self.change_kind, field.form_value)
        elif name == "language" and field.form_value != previous:
            self.change_language(previous or "vi", field.form_value)
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(DEBOUNCE, self.run_checks)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._edited(event.input)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._edited(event.text_area)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        self._edited(event.checkbox)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._edited(event.select)

    def on_figures_field_changed(self, event: FiguresField.Changed) -> None:
        self._edited(event.field)

    def run_checks(self, force: bool = False) -> None:
        """Check the card as it would be saved; show the results everywhere they appear."""
        self._check_timer = None
        if not self._built or not self.is_attached:
            return
        values = self.values()
        self.carry.update(values)
        if values == self._checked and self.report is not None and not force:
            return
        self._checked = values
        self.merged, self.errors = self.state.checked(values)
        self.report = check_message(self.merged, today=clock.today(), now=clock.now())
        self.form.show_states(self.report, self.errors)
        self.checklist.show(self.report)
        summary = summary_line(self.report)
        if self.errors:
            summary = summary + Content.styled(
                " · " + _("{n} fields to fix", n=len(self.errors)), "bold $text-error"
            )
        self.query_one("#ed-summary", Static).update(
            summary
            + Content.styled(
                "  " + _("{key}: checklist", key=keys.display_keys("editor.checklist")),
                "$text-muted",
            ),
            layout=False,
        )
        self.show_header()
        self.show_timer()
        if self.view == "preview" and self.has_preview:
            self.preview.show(self.merged, self.section.contact_line())

    def show_header(self) -> None:
        values = self.carry
        title = plain(values.get("title") or _("(no title)"))
        status = self.state.base.get("status") or "draft"
        parts = Content.assemble(
            (title, "bold"),
            " · ",
            kind_short(values.get("kind")),
            " · ",
            (status_label(status), "bold $text-success" if status == "ready" else ""),
            " · ",
            str(values.get("language") or "vi"),
        )
        if self.state.dirty(values):
            parts = parts + Content.styled("  ● " + _("unsaved"), "bold $text-warning")
        if self.gone:
            parts = parts + Content.styled("  " + _("deleted elsewhere"), "bold $text-error")
        self.query_one("#ed-title", Static).update(parts, layout=False)

    def show_timer(self) -> None:
        timer = self.query_one("#ed-timer", Static)
        minutes = (
            minutes_since_incident(self.merged, now=clock.now())
            if self.merged.get("kind") == "crisis"
            else None
        )
        if minutes != self._minutes:  # it changes width: only when it changes
            self._minutes = minutes
            timer.display = minutes is not None
            if minutes is not None:
                timer.update(timer_text(minutes))

    # -- kind and language -----------------------------------------------------------------

    async def change_kind(self, kind: str) -> None:
        """Another kind has other slots: rebuild the form, keeping every value typed."""
        self.carry.update(self.form.values())
        self.carry["kind"] = kind
        self.state.add_fields(form_fields(kind, self.merged))
        for name in self.state.names:
            self.carry.setdefault(name, self.state.initial[name])
        focused = self.form.focused_field()
        await self.show_form()
        self.run_checks()
        if focused is not None:
            self.form.focus_field(getattr(focused, "field_name", "kind"))

    def change_language(self, old: str, new: str) -> None:
        """Figures are typed the message's way: rewrite them for the new language."""
        self.carry["language"] = new
        figures = self.form.fields.get("figures")
        if figures is not None:
            rows = relanguage_figures(figures.form_value, old, new)
            figures.relanguage(new)
            figures.set_form_value(rows)

    # -- views -----------------------------------------------------------------------------

    def action_toggle_checklist(self) -> None:
        """Narrow: show the checklist instead of the form (and back). Wide: focus it."""
        if self.view != "card":
            self.show_view("card")
        narrow = self.screen.has_class("-narrow")
        if narrow and self.has_class("-checklist"):
            self.remove_class("-checklist")
            self.focus_start(None)
            return
        if narrow:
            self.add_class("-checklist")
        self.checklist.focus_list()

    def on_checklist_jump(self, event: Checklist.Jump) -> None:
        event.stop()
        self.remove_class("-checklist")
        self.jump_to(event.slot, event.finding)

    def jump_to(self, slot: str, finding: Any = None) -> None:
        form = self.form
        if finding is not None and finding.field in form.fields:
            checked = self.merged.get(finding.field)
            form.focus_field(
                finding.field,
                finding.start,
                finding.end,
                finding.index,
                checked if isinstance(checked, str) else None,
            )
        else:
            form.focus_slot(slot)

    def action_next_finding(self) -> None:
        findings = self.report.findings if self.report else []
        if not findings:
            self.notify(_("No findings: every check passes."), markup=False)
            return
        finding = findings[self._next % len(findings)]
        self._next += 1
        self.show_view("card")
        self.remove_class("-checklist")
        self.jump_to(finding.slot, finding)

    # -- the shell ---------------------------------------------------------------------------

    def view_state(self) -> dict[str, Any]:
        focused = self.form.focused_field() if self.query(CardForm) else None
        return {
            "base": dict(self.state.base),
            "names": list(self.state.names),
            "initial": dict(self.state.initial),
            "values": self.values(),
            "view": self.view,
            "variant": self.preview.variant if self.has_preview else None,
            "rejected": self.rejected_card,
            "focus": getattr(focused, "field_name", None),
        }

    def help_markdown(self) -> str:
        k = keys.display_keys
        return _(
            "## Story card\n\nFill the slots; the checklist beside the card (or under {checklist} "
            "on a narrow screen) follows as you type: ✓ done, ! worth a look, ✗ must be fixed, "
            "○ empty; * marks the required slots. Enter on a line of the checklist, or {next}, "
            "jumps to the words it is about.\n\n"
            "- {save}: save · {close}: save and close\n"
            "- {preview}: preview as press release, social post or talking points\n"
            "- {recipients}: who it went to and where each stands; {send} there: send to…\n"
            "- {external}: this field in $EDITOR · {card}: the whole card in $EDITOR\n"
            "- {status}: status (ready only without errors) · {export}: export or copy\n\n"
            "Audiences and tags take one item per line. Figures: the number as you write it "
            "(3.893.595 in Vietnamese, 3,893,595 in English), its unit, period, what it is "
            "compared with, its source and date.",
            checklist=k("editor.checklist"),
            next=k("editor.next"),
            save=k("editor.save"),
            close=k("editor.close"),
            preview=k("editor.preview"),
            recipients=k("editor.recipients"),
            send=k("messages.send"),
            external=k("editor.external"),
            card=k("editor.card"),
            status=k("editor.status"),
            export=k("editor.export"),
        )

    def status_text(self) -> str:
        return _(STATUSES.get(self.state.base.get("status") or "draft", "Draft"))
