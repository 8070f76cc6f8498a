"""Click's own texts in the interface language: the usage line, help headings, usage errors.

Typer bundles Click, whose texts are English literals: a Vietnamese press officer would read
"Usage:", "Options:" and "Error: No such option" around Vietnamese help. Help is written by a
formatter of ours, and `main` shows usage errors through `show_usage_error` instead of Click.
In English every text is exactly Click's; a Click message not known here is shown as Click
wrote it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence

import typer

# The Click that typer (pinned <0.29) bundles; its exception and formatter classes are not
# re-exported by typer. tests/cli/test_localise.py fails if a typer upgrade moves them.
from typer._click.core import Command
from typer._click.exceptions import ClickException, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from store.i18n import N_, _, get_language

_HEADINGS = frozenset({N_("Options"), N_("Arguments"), N_("Commands")})
#: Help texts of the options Click and Typer add to every command.
_BUILT_IN_HELP = frozenset(
    {
        N_("Show this message and exit."),
        N_("Install completion for the current shell."),
        N_("Show completion for the current shell, to copy it or customize the installation."),
    }
)
_EXTRAS = re.compile(r"\[(env var|default): ([^\]]*)\]|\[required\]")

#: Click's usage errors as `format_message()` writes them, and the same text for the catalogue.
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), m)
    for p, m in (
        (r"No such command '(?P<name>.*)'\.", N_("No such command '{name}'.")),
        (
            r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)",
            N_("No such option: {option} (possible options: {options})"),
        ),
        (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
        (
            r"Got unexpected extra argument\(s\) \((?P<args>.*)\)",
            N_("Got unexpected extra argument(s) ({args})"),
        ),
        (r"Missing argument (?P<name>.*)\.", N_("Missing argument {name}.")),
        (r"Missing option (?P<name>.*)\.", N_("Missing option {name}.")),
        (
            r"Option '(?P<option>.*)' requires an argument\.",
            N_("Option '{option}' requires an argument."),
        ),
        (
            r"Option '(?P<option>.*)' does not take a value\.",
            N_("Option '{option}' does not take a value."),
        ),
        (r"Invalid value for (?P<name>.*?): (?P<why>.*)", N_("Invalid value for {name}: {why}")),
    )
]
#: Why a value was refused, as Click's parameter types say it.
_REASONS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.DOTALL), m)
    for p, m in (
        (
            r"'(?P<value>.*)' is not a valid (?:int|integer)(?: range)?\.",
            N_("'{value}' is not a valid int."),
        ),
        (
            r"'(?P<value>.*)' is not a valid float(?: range)?\.",
            N_("'{value}' is not a valid float."),
        ),
        (
            r"(?P<value>.*) is not in the range (?P<range>.*)\.",
            N_("{value} is not in the range {range}."),
        ),
    )
]


class LocalisedFormatter(HelpFormatter):
    """Click's help layout with its own words in the interface language."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_(heading) if heading in _HEADINGS else heading)

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        super().write_dl([(term, _help_text(text)) for term, text in rows], col_max, col_spacing)


def _help_text(text: str) -> str:
    if text in _BUILT_IN_HELP:
        return _(text)
    return _EXTRAS.sub(_extra, text) if "[" in text else text


def _extra(match: re.Match[str]) -> str:
    kind, value = match.group(1), match.group(2)
    if kind == "env var":
        return _("[env var: {name}]", name=value)
    if kind == "default":
        return _("[default: {value}]", value=value)
    return _("[required]")


class LocalisedContext(typer.Context):
    formatter_class = LocalisedFormatter


def localise(command: Command) -> None:
    """Make `command` and every command under it write help with `LocalisedFormatter`."""
    for each in _walk(command):
        each.context_class = LocalisedContext


def _walk(command: Command) -> Iterator[Command]:
    yield command
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            yield from _walk(sub)


def error_message(exc: ClickException) -> str:
    """Click's message for `exc`, in the interface language when it is one Click often gives."""
    text = exc.format_message()
    if get_language() == "en":
        return text
    for pattern, msgid in _ERRORS:
        found = pattern.fullmatch(text)
        if found:
            params = found.groupdict()
            if "why" in params:
                params["why"] = _reason(params["why"])
            return _(msgid, **params)
    return text


def _reason(text: str) -> str:
    for pattern, msgid in _REASONS:
        found = pattern.fullmatch(text)
        if found:
            return _(msgid, **found.groupdict())
    return text


def show_usage_error(exc: ClickException) -> None:
    """What Click's `UsageError.show` writes, in the interface language."""
    lines = []
    ctx = getattr(exc, "ctx", None) if isinstance(exc, UsageError) else None
    if ctx is not None:
        lines.append(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            command = f"{ctx.command_path} {ctx.help_option_names[0]}"
            lines.append(_("Try '{command}' for help.", command=command))
        lines.append("")
    lines.append(_("Error: {message}", message=error_message(exc)))
    sys.stderr.write("\n".join(lines) + "\n")
