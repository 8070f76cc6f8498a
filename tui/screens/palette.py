"""The command palette's commands: asked of the app and the visible section each time it opens.

Matching folds diacritics on both sides, so "lien he moi" finds "liên hệ: thêm mới", and titles are
shown as literal text (a contact's name in a title is never markup).
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import FuzzySearch

from store.vietnamese import fold

from ..sections.base import PaletteCommand


def _highlight(title: str, offsets, style) -> Content:
    content = Content(title)
    for offset in offsets:
        if offset < len(title) and not title[offset].isspace():
            content = content.stylize(style, offset, offset + 1)
    return content


class LanToaCommands(Provider):
    """State-aware commands: what applies to the current contact, selection and store."""

    def _commands(self) -> list[PaletteCommand]:
        return list(self.app.palette_commands(self.screen))

    async def discover(self) -> Hits:
        for command in self._commands():
            if command.discover:
                yield DiscoveryHit(
                    Content(command.title),
                    command.callback,
                    text=command.title,
                    help=_escape(command.help),
                )

    async def search(self, query: str) -> Hits:
        folded_query = fold(query)
        fuzzy = FuzzySearch()
        style = self.matcher(query).match_style
        for command in self._commands():
            folded = fold(command.title)
            if len(folded) != len(command.title):  # unusual letters: match without highlight
                score, offsets = fuzzy.match(folded_query, folded)[0], []
            else:
                score, offsets = fuzzy.match(folded_query, folded)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(command.title, offsets, style),
                    command.callback,
                    text=command.title,
                    help=_escape(command.help),
                )


def _escape(text: str) -> str:
    from textual.markup import escape

    return escape(text) if text else text


def app_commands(app, screen) -> list[PaletteCommand]:
    """The palette's commands: the visible section's first, then the shell's."""
    from store.i18n import _, get_language

    from ..sections import SECTIONS

    main = app.main_screen
    out: list[PaletteCommand] = []
    if screen is main and main.section is not None:
        out += main.section.palette_commands()
    elif hasattr(screen, "palette_commands"):
        out += screen.palette_commands()
    if screen is main:
        for section_id, title, _spec in SECTIONS:
            out.append(
                PaletteCommand(
                    _("go to: {section}", section=_(title)),
                    "",
                    _call(main.show_section, section_id),
                )
            )
    if app.undo_stack:
        out.append(PaletteCommand(_("undo: {what}", what=app.undo_stack[-1][0]), "", app.undo_last))
    out += app.sync_palette_commands()
    out.append(
        PaletteCommand(
            _("store: open…"), _("Work on another store file"), _call(open_store_dialog, app)
        )
    )
    out.append(PaletteCommand(_("store: reload"), str(app.store.path), app.load_store))
    out.append(
        PaletteCommand(
            _("theme: choose…"), _("Current: {theme}", theme=app.theme), _call(choose_theme, app)
        )
    )
    for name in sorted(app.available_themes):
        out.append(
            PaletteCommand(
                _("theme: {name}", name=name),
                "",
                _call(setattr, app, "theme", name),
                discover=False,
            )
        )
    other = "en" if get_language() == "vi" else "vi"
    label = {"vi": "Tiếng Việt", "en": "English"}[other]
    out.append(
        PaletteCommand(
            _("language: {name}", name=label), "", _call(app.run_worker, _switch(app, other))
        )
    )
    out.append(PaletteCommand(_("help: keys and this view"), "", app.action_help))
    out.append(PaletteCommand(_("quit"), "", app.exit))
    return out


def _call(function, *args):
    return lambda: function(*args)


def _switch(app, lang):
    async def run() -> None:
        await app.switch_language(lang)

    return run


def choose_theme(app) -> None:
    from textual.theme import ThemeProvider

    from store.i18n import _

    app.push_screen(Palette(providers=[ThemeProvider], placeholder=_("Search for themes…")))


def open_store_dialog(app) -> None:
    from pathlib import Path

    from store.i18n import _

    from .dialogs import AskScreen

    def check(value: str) -> str | None:
        path = Path(value).expanduser()
        if path.is_dir():
            return _("{path} is a folder; give a store file (….json).", path=path)
        if not path.exists() and not path.parent.is_dir():
            return _("The folder {folder} does not exist.", folder=path.parent)
        return None

    def answered(value: str | None) -> None:
        if value:
            app.open_store(Path(value).expanduser().absolute())

    app.push_screen(
        AskScreen(
            _("Open a store"),
            _("Store file (a new name creates it on the first change):"),
            value=str(app.store.path),
            check=check,
            ok=_("Open"),
        ),
        answered,
    )


class Palette(CommandPalette):
    """Textual's command palette, with its "No matches found" in the interface language (it is
    written into `_start_no_matches_countdown`; this is that method with the text translated)."""

    def _start_no_matches_countdown(self, search_value: str) -> None:
        from rich.align import Align
        from rich.text import Text
        from textual.widgets.option_list import Option

        from store.i18n import _

        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(_("No matches found"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
