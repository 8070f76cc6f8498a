"""The editor and $EDITOR: the focused field, or the whole card as `lantoa messages edit` shows
it. A malformed card changes nothing and is kept to be fixed; what it changes goes into the form,
and saving stays the person's choice.
"""

from __future__ import annotations

from typing import Any

from store.cardfile import CardError, card_changes, parse_card, render_card
from store.errors import LantoaError
from store.i18n import _
from store.messages import FIELDS

from .. import keys
from .external import edit_text
from .fields import LineField, ListField, TextField
from .formvalues import form_value


class EditorExternal:
    """Mixed into MessageEditor (which provides the form, the carry and the checks)."""

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


def _save_key() -> str:
    return keys.display_keys("editor.save")
