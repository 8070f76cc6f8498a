"""The `lantoa` command: a Typer app whose subcommands live in `cmd_*.py` modules.

Each command module defines `register(app)`; they are found by name so that every capability adds
its commands without editing this file. Nothing here imports Textual: only launching the app does.
"""

from __future__ import annotations

import gc
import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from store.config import load_config
from store.errors import LantoaError
from store.i18n import _, detect_language, set_language
from tui.crash import write_crash_log

from .common import safe, state
from .localise import ClickException, UsageError, localise, show_usage_error


def _early_language() -> str:
    """Language for help texts, known before options are parsed: --lang, config, locale."""
    explicit = None
    for i, arg in enumerate(sys.argv):
        if arg == "--lang" and i + 1 < len(sys.argv):
            explicit = sys.argv[i + 1]
        elif arg.startswith("--lang="):
            explicit = arg.split("=", 1)[1]
    try:
        configured = load_config().get("language")
    except LantoaError:
        configured = None
    return detect_language(explicit, configured)


set_language(_early_language())

app = typer.Typer(
    name="lantoa",
    help=_("Lan Tỏa: the press officer's desk for the communications network."),
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            envvar="LANTOA_STORE",
            help=_("Store file to use (default: lantoa.json in the user data folder)."),
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help=_("Language of the interface: vi or en.")),
    ] = None,
) -> None:
    try:
        config = load_config()
    except LantoaError as exc:  # say so, but a broken settings file must not stop the work
        _warn(_("{problem}; the default settings are used.", problem=safe(exc)))
        config = {}
    state.config = config
    configured = config.get("language")
    if configured is not None and str(configured).lower()[:2] not in ("vi", "en"):
        _warn(
            _('config.toml: language = {value!r} is not "vi" or "en"; ignored.', value=configured)
        )
        configured = None
    chosen = detect_language(lang, configured)
    if lang and lang.lower()[:2] not in ("vi", "en"):
        raise typer.BadParameter(_("choose vi or en"), param_hint="--lang")
    set_language(chosen)
    state.lang = chosen
    state.store_path = store
    if ctx.invoked_subcommand is None:
        from tui.launch import launch

        if lang is None and configured is None:  # the language last chosen in the app
            from store.config import load_state

            remembered = str(load_state().get("language") or "")
            if remembered in ("vi", "en"):
                set_language(remembered)
                state.lang = remembered

        launch(state.store())


_COMMANDS = re.compile(r"^COMMANDS = \(([^)]*)\)", re.MULTILINE)


def _invoked_command(argv: list[str]) -> str | None:
    """The subcommand named on the command line, if plain to see before Typer parses it."""
    args = iter(argv[1:])
    for arg in args:
        if arg in ("--store", "--lang"):
            next(args, None)
        elif arg.startswith(("--store=", "--lang=")):
            continue
        elif arg.startswith("-"):
            return None  # --help, completion: they need every command
        else:
            return arg
    return None


def _command_modules(package: Path, wanted: str | None) -> list[str]:
    """The cmd_* modules to import: only the one that declares `wanted` in its COMMANDS, so a
    scripted command does not pay for importing every other command's code; else all."""
    names = sorted(
        i.name for i in pkgutil.iter_modules([str(package)]) if i.name.startswith("cmd_")
    )
    if wanted and "_LANTOA_COMPLETE" not in os.environ:
        for name in names:
            found = _COMMANDS.search((package / f"{name}.py").read_text(encoding="utf-8"))
            declared = [c.strip().strip("\"'") for c in found.group(1).split(",")] if found else []
            if wanted in declared:
                return [name]
    return names


def _warn(text: str) -> None:
    sys.stderr.write(_("Warning: {message}", message=text) + "\n")


def _register_commands() -> None:
    package = Path(__file__).parent
    modules = [
        importlib.import_module(f"{__name__}.{name}")
        for name in _command_modules(package, _invoked_command(sys.argv))
    ]
    for module in sorted(modules, key=lambda m: getattr(m, "ORDER", 100)):
        module.register(app)
    _translate_docstrings(app)


def _translate_docstrings(typer_app: typer.Typer) -> None:
    """Commands documented by their docstring get it translated like every other text (the
    catalogue test collects these docstrings too)."""
    for info in typer_app.registered_commands:
        if info.help is None and info.callback is not None and info.callback.__doc__:
            info.help = _(inspect.cleandoc(info.callback.__doc__))
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _translate_docstrings(group.typer_instance)


_register_commands()


_click_command = None


def main() -> None:
    """Entry point of the `lantoa` script: errors become one clear line and an exit code."""
    global _click_command
    # A command lives for a moment: cyclic garbage collection would only cost time (a third of
    # `contacts list --json` on a large store). Launching the app turns it back on.
    gc.disable()
    if _click_command is None:  # built once per process (tests call main() many times)
        _click_command = typer.main.get_command(app)
        localise(_click_command)
    try:
        # Not standalone: Click's usage errors are shown by us, in the interface language.
        # Commands return None, so a number returned is the code of a typer.Exit (or --help).
        code = _click_command.main(prog_name="lantoa", standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)  # as Click's standalone mode ends
    except UsageError as exc:
        show_usage_error(exc)
        sys.exit(exc.exit_code)
    except ClickException as exc:
        sys.stderr.write(_("Error: {message}", message=exc.format_message()) + "\n")
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.stderr.write(_("Aborted!") + "\n")
        sys.exit(1)
    except LantoaError as exc:
        sys.stderr.write(_("Error: {message}", message=safe(exc)) + "\n")
        if "--json" in sys.argv[1:]:  # a script reading stdout gets the error as JSON too
            error = {"error": {"message": str(exc), "exit_code": exc.exit_code}}
            sys.stdout.write(json.dumps(error, ensure_ascii=False) + "\n")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write(_("Interrupted; nothing was half-written.") + "\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # the last line of defence: no traceback for the person
        log = write_crash_log(exc)
        sys.stderr.write(
            _(
                "Unexpected error: {message}. Details were written to {log}.",
                message=safe(exc),
                log=log or "-",
            )
            + "\n"
        )
        sys.exit(70)
