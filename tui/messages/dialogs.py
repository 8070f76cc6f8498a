"""Small dialogs of the Messages section: start a message from a template, choose a status."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.i18n import _
from store.messages import KINDS, STATUSES
from store.templates import BUILT_IN, Template, load_templates

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilReady, HoldsKeysUntilShown, handled, key_holder
from ..widgets.text import plain
from .keyorder import InOrderKeys


class TitleInput(Input, InOrderKeys):
    """The working title: Enter starts the card after the characters typed before it, however
    fast they came (keyorder.py)."""


class NewMessageScreen(HoldsKeysUntilShown, ModalScreen[tuple[str, str] | None]):
    """Pick a template (built-in or the person's own) and a working title: (template, title)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
        # run as the app reads it: what is typed behind it is for the card (`action_start`)
        Binding("enter", "start", show=False, priority=True),
    ]

    def __init__(self, on_choice: Callable[[], object] | None = None) -> None:
        """`on_choice` runs the moment a template is chosen, before the keys typed after it are
        read (the result callback comes later): the section holds them for the new card."""
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.on_choice = on_choice
        self._starting = False
        found = load_templates()
        order = {"policy": 0, "achievement": 1, "crisis": 2}
        self.templates: list[Template] = sorted(
            found.templates.values(),
            key=lambda t: (t.source != BUILT_IN, order.get(t.name, 9), t.name),
        )
        self.problems = found.problems

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog msg-new"):
            yield Label(Content(_("New message")), classes="dialog-title")
            yield Label(Content(_("Working title (for your list; the headline is in the card):")))
            yield TitleInput(
                placeholder=_("e.g. Dịch vụ công trực tuyến toàn trình"),
                id="new-title",
                compact=True,
            )
            yield Label(Content(_("Template:")), classes="msg-new-label")
            options = []
            for template in self.templates:
                prompt = Content.styled(template.title(), "bold")
                if template.title() != _(KINDS[template.kind]):
                    prompt = prompt + Content.styled("  " + _(KINDS[template.kind]), "$text-muted")
                if template.source != BUILT_IN:
                    prompt = prompt + Content.styled("  " + _("(yours)"), "$text-accent")
                about = template.about()
                if about:
                    prompt = prompt + Content("\n") + Content.styled(about, "$text-muted")
                options.append(Option(prompt, id=f"tpl-{template.name}"))
            yield OptionList(*options, id="new-templates")
            for path, problem in self.problems:
                yield Static(
                    Content(_("Skipped {path}: {problem}", path=path, problem=problem)),
                    classes="msg-new-problem",
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Start"), variant="primary", id="start")
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0
        self.query_one("#new-title", Input).focus()

    def on_key(self, event) -> None:
        # up and down in the title box choose the template below it
        options = self.query_one(OptionList)
        if self.query_one("#new-title", Input).has_focus and event.key in ("up", "down"):
            event.stop()
            options.action_cursor_up() if event.key == "up" else options.action_cursor_down()

    async def action_start(self) -> None:
        """Enter in the title box or the template list starts the card with the title typed
        before it, however fast the keys came: the title box first types what it holds, and
        the keys read from now on wait for the card (`key_holder`), held by the section below.
        Other widgets' Enter (the buttons) is theirs."""
        title = self.query_one("#new-title", Input)
        if self.focused not in (title, self.query_one(OptionList)):
            raise SkipAction()
        if self._starting or self.query_one(OptionList).highlighted is None:
            return
        self._starting = True
        if self.on_choice is not None:
            self.on_choice()
        await handled(title)
        self._finish()

    def key_holder(self) -> HoldsKeysUntilReady | None:
        """Once the card is on its way, keys typed behind Enter wait for it below."""
        stack = self.app.screen_stack
        if not self._starting or len(stack) < 2 or stack[-1] is not self:
            return None
        return key_holder(stack[-2])

    def _finish(self) -> None:
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None:
            return
        template = self.templates[index]
        title = self.query_one("#new-title", Input).value.strip() or template.title()
        if self.on_choice is not None and not self._starting:  # (Enter has called it already)
            self.on_choice()
        self.dismiss((template.name, title))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()  # (a click: Enter is `action_start`'s)
        self._finish()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self._finish()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        from store.templates import user_templates_dir

        return _(
            "## New message\n\nChoose a template: each gives the card its slots and a hint "
            "in every slot. Type a working title if you like (the template's name is used "
            "otherwise). Your own templates are files in `{folder}` (see `lantoa messages "
            "templates`).",
            folder=plain(str(user_templates_dir())),
        )


class StatusScreen(HoldsKeysUntilShown, ModalScreen[str | None]):
    """Draft, ready or archived; "ready" is checked by the store when chosen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("form.cancel", "cancel"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self, title: str, current: str, summary: str) -> None:
        super().__init__(classes="dialog-screen")
        keys.localize(self)
        self.title_text = title
        self.current = current or "draft"
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog msg-status"):
            yield Label(
                Content(_("Status of {title}", title=self.title_text)), classes="dialog-title"
            )
            yield Static(Content(self.summary), classes="dialog-text")
            yield OptionList(
                *(Option(Content(_(label)), id=key) for key, label in STATUSES.items()),
                id="status-options",
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button(_("Cancel"), id="cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = list(STATUSES).index(self.current) if self.current in STATUSES else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        return _(
            "## Status\n\nDraft while you write; Ready when the checks find no errors (the "
            "store refuses Ready otherwise and lists what to fix); Archived when it is no "
            "longer in use. A ready message that gets an error goes back to draft."
        )
