"""Changes kept when the app closed, offered back when their card is opened.

The app writes what it could not save on its way out to a recovery file (editor_actions.py,
store/recovery.py). Opening that card asks: Restore puts the kept values into the fields as
unsaved changes (the checks run, the person saves as usual) and only then deletes the files;
Discard deletes them after asking; Later leaves them (the card asks again next time it is opened,
and the palette offers them meanwhile).

Several files for one card (the app closed twice without saving them) are merged in time order:
each holds only the fields that could not be saved that time, so together they are the person's
latest text for every field; the newest value of a field wins. A file that cannot be read is named
in a notification and left where it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from store import recovery
from store.i18n import N_, _
from store.messages import FIELDS

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilShown
from .formvalues import form_value, kept_form_value

#: Characters of a kept value shown in the dialog.
PREVIEW = 70
#: The palette's way back to kept changes (after "Later").
RESTORE_COMMAND = N_("message: restore changes kept when the app closed…")


@dataclass
class Offer:
    """What the recovery files of the open card hold, ready for the form."""

    files: list[recovery.Kept] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)  # form values, newest per field
    was: dict[str, Any] = field(default_factory=dict)  # stored values they were typed over
    unreadable: list[recovery.Unreadable] = field(default_factory=list)

    @property
    def when(self) -> str:
        return recovery.when_text(self.files[-1].kept_at)


def read_offer(record_id: str) -> Offer:
    """The card's recovery files: those whose every value the form can show, merged; the
    others as unreadable (a value of the wrong kind is a file edited by hand)."""
    found = recovery.find(record_id)
    offer = Offer(unreadable=list(found.unreadable))
    for kept in found.kept:
        try:
            {name: kept_form_value(name, value) for name, value in kept.changes.items()}
        except ValueError as exc:
            offer.unreadable.append(recovery.Unreadable(kept.path, str(exc)))
            continue
        offer.files.append(kept)
    changes, offer.was = recovery.merged(offer.files)
    offer.values = {name: kept_form_value(name, value) for name, value in changes.items()}
    return offer


def value_text(name: str, value: Any) -> str:
    """A kept form value on one line, as the dialog lists it."""
    kind = FIELDS[name].type
    if kind == "figures":
        text = "; ".join(" ".join(f"{r['value']} {r['unit']}".split()) for r in value)
    elif kind == "list":
        text = ", ".join(value)
    elif kind == "bool":
        text = _("yes") if value else _("no")
    else:
        text = " ".join(str(value).split())
    if not text:
        return _("(emptied)")
    return text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"


class RecoveryScreen(HoldsKeysUntilShown, ModalScreen[str]):
    """Restore, discard or keep for later the changes kept for a card: "restore", "discard" or
    "later" (Escape, n)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("dialog.no", "answer('later')"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, offer: Offer, record: dict[str, Any]) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.offer = offer
        self.record = record

    def compose(self) -> ComposeResult:
        offer = self.offer
        if len(offer.files) == 1:
            intro = _(
                "When Lan Tỏa closed on {when}, these changes to this card could not be saved. "
                "They were kept:",
                when=offer.when,
            )
        else:
            intro = _(
                "When Lan Tỏa closed ({n} times, the last on {when}), these changes to this card "
                "could not be saved. They were kept (the newest of each field):",
                n=len(offer.files),
                when=offer.when,
            )
        lines = [intro, ""]
        for name, value in offer.values.items():
            line = f"• {_(FIELDS[name].label)}: {value_text(name, value)}"
            if name in offer.was and self.record.get(name) != offer.was[name]:
                line += "  " + _("(changed in the card since)")
            lines.append(line)
        lines += [
            "",
            _(
                "Restore puts them into the card as unsaved changes, for you to check and save. "
                "Discard deletes them. Later keeps them and asks again the next time you open "
                "the card."
            ),
        ]
        with Vertical(classes="dialog"):
            yield Label(Content(_("Unsaved changes were kept")), classes="dialog-title")
            yield Static(Content("\n".join(lines)), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Restore"), variant="primary", id="restore")
                yield Button(_("Later"), id="later")
                yield Button(_("Discard"), variant="error", id="discard")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "later")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)

    def help_markdown(self) -> str:
        return _(
            "## Unsaved changes were kept\n\nRestore (Enter) puts the kept values into the card "
            "as unsaved changes; save them with {save} as usual. Discard deletes them, after "
            "asking. Later ({later}) leaves them for the next time you open the card, or for the "
            "palette's “{command}”.",
            save=keys.display_keys("editor.save"),
            later=keys.display_keys("dialog.no"),
            command=_(RESTORE_COMMAND),
        )


class EditorRecovery:
    """Mixed into MessageEditor (which provides the form, the state, the carry and the checks)
    before EditorOpening."""

    def shown(self) -> None:
        """The card is on screen: then its kept changes, if any, are offered."""
        super().shown()  # type: ignore[misc]
        self.call_after_refresh(self.offer_kept, self.generation)

    def offer_kept(self, generation: int | None = None, *, asked: bool = False) -> None:
        """If the card has recovery files, say so and ask what to do with them. (`asked`: from
        the palette, which says so when there is nothing.)"""
        if generation is not None and not self.current(generation):
            return  # another card is in the editor now
        offer = read_offer(self.record_id)
        for bad in offer.unreadable:
            self.notify(
                _(
                    "Could not read the kept changes in {path}: {why}. The file is left as it is.",
                    path=str(bad.path),
                    why=bad.why,
                ),
                severity="error",
                markup=False,
                timeout=20,
            )
        if not offer.files:
            if asked and not offer.unreadable:
                self.notify(_("No kept changes for this card."), markup=False, timeout=3)
            return
        current = self.values()
        if all(current.get(name) == value for name, value in offer.values.items()):
            self._already_in(offer)
            return
        generation = self.generation

        def answered(answer: str | None) -> None:
            if not self.current(generation):
                return
            if answer == "restore":
                self.call_later(self.restore_kept, offer, generation)
            elif answer == "discard":
                self.discard_kept(offer, generation)

        self.app.push_screen(RecoveryScreen(offer, self.state.base), answered)

    def _already_in(self, offer: Offer) -> None:
        """Every kept value is what the fields show. If that is also what is stored, nothing
        can be lost: the files go. (Else they are this session's unsaved text, kept as the
        safety net they are: the next close writes them again anyway.)"""
        lang = self.state.language
        if all(
            form_value(self.state.base, name, lang) == value for name, value in offer.values.items()
        ):
            self._removed(
                offer,
                _("The changes kept on {when} are already saved in this card.", when=offer.when),
            )

    async def restore_kept(self, offer: Offer, generation: int) -> None:
        """Put the kept values into the fields as unsaved changes; only once they are there,
        delete the files."""
        if not self.current(generation):
            return
        values = offer.values
        try:
            old_lang = self.carry.get("language") or "vi"
            self.state.add_fields([n for n in values if n not in self.state.names])
            for name in self.state.names:
                self.carry.setdefault(name, self.state.initial[name])
            self.carry.update(values)
            for name, value in values.items():
                self.form.set_value(name, value)
            new_lang = values.get("language", old_lang)
            if new_lang != old_lang and "figures" not in values and "figures" in self.form.fields:
                self.change_language(old_lang, new_lang)
            kind = self.carry.get("kind") or "policy"
            if kind != self.form.kind or any(n not in self.form.fields for n in values):
                await self.change_kind(kind)
            self.run_checks(force=True)
            shown = self.values()
            missing = [n for n, v in values.items() if shown.get(n) != v]
        except Exception as exc:  # a widget refusing a value: the files stay, the reason said
            missing = list(values)
            self.log.error("restoring kept changes", exc)
        if missing:
            self.notify(
                _(
                    "Could not put the kept changes into {fields}; the files are left as they "
                    "are: {paths}",
                    fields=", ".join(_(FIELDS[n].label) for n in missing),
                    paths=", ".join(str(k.path) for k in offer.files),
                ),
                severity="error",
                markup=False,
                timeout=20,
            )
            return
        labels = ", ".join(_(FIELDS[n].label) for n in values)
        self._removed(
            offer,
            _(
                "Restored the changes kept on {when}: {fields}. Check them and save with {key}.",
                when=offer.when,
                fields=labels,
                key=keys.display_keys("editor.save"),
            ),
        )

    def discard_kept(self, offer: Offer, generation: int) -> None:
        """Delete the files, after asking (No goes back to the choice)."""
        from ..screens.dialogs import ConfirmScreen

        def answered(sure: bool | None) -> None:
            if not self.current(generation):
                return
            if sure:
                self._removed(offer, _("Discarded the changes kept on {when}.", when=offer.when))
            else:
                self.offer_kept(generation)

        self.app.push_screen(
            ConfirmScreen(
                _("Discard kept changes?"),
                _(
                    "Delete the changes kept on {when}? They cannot be brought back.\n\n{paths}",
                    when=offer.when,
                    paths="\n".join(str(k.path) for k in offer.files),
                ),
                yes=_("Discard"),
            ),
            answered,
        )

    def _removed(self, offer: Offer, said: str) -> None:
        """Delete the offer's files; say `said`, and what could not be deleted."""
        problems = recovery.remove(offer.files)
        if problems:
            self.notify(
                "\n".join(
                    _("Could not delete {path}: {why}", path=str(p.path), why=p.why)
                    for p in problems
                ),
                severity="error",
                markup=False,
                timeout=20,
            )
        self.notify(said, markup=False, timeout=8)

    def recovery_commands(self) -> list[tuple[str, Any]]:
        """The palette's way back to kept changes (after "Later")."""
        if not recovery.find(self.record_id):
            return []
        return [(_(RESTORE_COMMAND), self.ask_kept)]

    def ask_kept(self) -> None:
        self.offer_kept(asked=True)
