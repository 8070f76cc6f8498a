"""The shell: one tab per section, the status line, and the footer with the current keys."""

from __future__ import annotations

import importlib

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane

from store.i18n import _

from .. import keys
from ..sections import SECTIONS
from ..sections.base import Section
from ..widgets.status_bar import StatusBar


def section_class(spec: str) -> type[Section]:
    module, _sep, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


class MainScreen(Screen[None]):
    """Sections as tabs (keys F2-F4 or a click), the store's status, the keys of the moment."""

    def __init__(self) -> None:
        super().__init__(id="main")
        keys.localize(self)

    def compose(self) -> ComposeResult:
        with TabbedContent(id="sections", initial="network"):
            for section_id, title, spec in SECTIONS:
                with TabPane(_(title), id=section_id):
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

    def sections(self) -> list[Section]:
        return list(self.query(Section))

    def show_section(self, section_id: str) -> None:
        tabs = self.query_one(TabbedContent)
        tabs.active = section_id
        section = self.section
        if section is not None:
            self.call_after_refresh(section.focus_default)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        section = self.section
        if section is not None and event.tabbed_content.id == "sections":
            self.call_after_refresh(section.focus_default)


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
    app.show_status()
    app.refresh_bindings()
