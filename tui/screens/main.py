"""The shell: one tab per section, the status line, and the footer with the current keys."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import TabbedContent, TabPane

from store.i18n import _

from .. import keys
from ..sections import SECTIONS
from ..sections.base import Section
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilReady
from ..widgets.status_bar import StatusBar


def section_class(spec: str) -> type[Section]:
    module, _sep, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


class SectionTabs(TabbedContent):
    """Tabs that change only when asked (a key, a click, the palette), never because something
    on a hidden tab took the focus.

    Textual switches to the tab of a newly focused widget. Here every switch sets the tab
    first, so such a focus is always a late one from a hidden section: a quick F4 then F2
    bounced back to Outreach, and a language switch showed the tab whose state it restored last
    (Outreach's coverage, an open story card). The focus goes back to the visible section
    instead, so keys never go to a hidden widget.
    """

    def _on_tab_pane_focused(self, event: TabPane.Focused) -> None:
        event.prevent_default()
        event.stop()
        if event.tab_pane.id == self.active:
            return
        focused = self.screen.focused
        if focused is not None and event.tab_pane in focused.ancestors_with_self:
            section = getattr(self.screen, "section", None)
            if section is not None and section.is_mounted:  # (one being built focuses itself)
                section.focus_default()


#: Seconds a tab switch holds the keys typed behind it, at most (it takes a frame or two).
SWITCH_HOLD = 2.0


class MainScreen(HoldsKeysUntilReady, Screen[None]):
    """Sections as tabs (keys F2-F4 or a click), the store's status, the keys of the moment.

    A section is built the first time its tab is shown: the app opens with the Network only,
    which halves the time to a usable screen (Messages and Outreach are the larger half of
    the widgets). A section once built stays, with its state, for the rest of the session.
    """

    #: The tab the app opens on (built with the screen).
    FIRST = "network"

    #: False from a switch of tab until the section shown has the focus: the keys typed behind
    #: F3 ("n", a title…) wait for it instead of acting in the tab left (keyorder.py).
    keys_are_ready = True

    def __init__(self) -> None:
        super().__init__(id="main")
        keys.localize(self)
        self._built: set[str] = {self.FIRST}

    def compose(self) -> ComposeResult:
        with SectionTabs(id="sections", initial=self.FIRST):
            for section_id, title, spec in SECTIONS:
                with TabPane(_(title), id=section_id):
                    if section_id in self._built:  # again after a language switch
                        yield section_class(spec)(id=f"section-{section_id}")
        yield StatusBar(id="status")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.app.show_status()

    @property
    def section(self) -> Section | None:
        """The section on the visible tab."""
        active = self.query_one(TabbedContent).active
        try:
            return self.query_one(f"#section-{active}", Section)
        except Exception:
            return None

    def key_holder(self) -> HoldsKeysUntilReady | None:
        """The section on the visible tab while it opens something (a story card): keys typed
        meanwhile wait for it (keyorder.KeysWhileOpening)."""
        try:
            section = self.section
        except NoMatches:  # (being rebuilt: a language switch)
            return None
        if isinstance(section, HoldsKeysUntilReady) and not section.keys_are_ready:
            return section
        return None

    def sections(self) -> list[Section]:
        """The sections built so far."""
        return list(self.query(Section))

    def build_section(self, section_id: str) -> tuple[Section, AwaitMount | None]:
        """The section of `section_id`, mounted now if it was not yet (with the awaitable that
        completes once it is composed)."""
        for found in self.query(f"#section-{section_id}").results(Section):
            return found, None
        spec = next(spec for sid, _title, spec in SECTIONS if sid == section_id)
        section = section_class(spec)(id=f"section-{section_id}")
        self._built.add(section_id)
        return section, self.query_one(f"#{section_id}", TabPane).mount(section)

    def show_section(
        self, section_id: str, then: Callable[[Section], object] | None = None
    ) -> None:
        """Show the tab of `section_id` (building it if needed), then run `then` on its section
        once it is composed."""
        section, mounting = self.build_section(section_id)
        self.hold_keys_for_switch()
        self.query_one(TabbedContent).active = section_id
        self._when_built(section, mounting, then)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.tabbed_content.id == "sections" and event.pane.id:
            section, mounting = self.build_section(event.pane.id)
            self.hold_keys_for_switch()
            self._when_built(section, mounting, None)

    def hold_keys_for_switch(self) -> None:
        """Keys typed from now on wait for the section shown to take the focus
        (`focus_when_shown`); at most SWITCH_HOLD seconds, so the keyboard is never lost."""
        self.keys_are_ready = False
        self.set_timer(SWITCH_HOLD, self.keys_ready)

    def _when_built(
        self,
        section: Section,
        mounting: AwaitMount | None,
        then: Callable[[Section], object] | None,
    ) -> None:
        def finish() -> None:
            if then is not None:
                then(section)
            self.focus_when_shown(section)

        if mounting is None:
            finish()
            return

        async def after_mount() -> None:
            await mounting
            finish()

        self.call_later(after_mount)

    def focus_when_shown(self, section: Section | None) -> None:
        """Focus `section`'s start once it is shown, unless another tab was chosen meanwhile.

        Focusing a widget on a hidden tab makes Textual switch back to that tab, so a late
        focus from F4 would undo a quick F2 after it.
        """

        def focus_if_still_shown() -> None:
            if section is not None and self.section is section:
                section.focus_default()
            self.keys_ready()  # (after the focus: both go through the app's queue, in order)

        self.call_after_refresh(focus_if_still_shown)


async def switch_language(app, lang: str) -> None:
    """Speak `lang` from now on: rebuild the shell's texts, keeping every section's state."""
    from store.i18n import set_language

    main = app.main_screen
    states = {s.section_id: s.view_state() for s in main.sections()}
    active = main.query_one(TabbedContent).active
    set_language(lang)
    keys.localize(app)
    keys.localize(main)
    await main.recompose()
    main.query_one(TabbedContent).active = active
    for section in main.sections():
        section.restore_view_state(states.get(section.section_id, {}))
    main.focus_when_shown(main.section)  # the widgets focused before are gone
    app.show_status()
    app.refresh_bindings()
