"""What every `lantoa` subcommand shares: the chosen store, output helpers and error reporting."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store import Store
from store.errors import LantoaError
from store.i18n import _

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass
class CLIState:
    store_path: Path | None = None
    lang: str = "en"
    config: dict[str, Any] = field(default_factory=dict)

    def store(self) -> Store:
        """The chosen store. A path given by --store or LANTOA_STORE must be in a folder that
        exists: a mistyped folder would otherwise start an empty store without a word."""
        from store.paths import store_path

        if self.store_path is None:
            return Store(store_path())
        path = self.store_path.expanduser()
        if not path.parent.is_dir():
            raise LantoaError(
                _(
                    "There is no folder {folder} for the store {path}. Check the path (--store "
                    "or LANTOA_STORE), or create the folder first.",
                    folder=str(path.parent),
                    path=str(path),
                )
            )
        return Store(path)


state = CLIState()


class UsageFailure(LantoaError):
    """A command was called wrongly (exit code 2, like click's usage errors)."""

    exit_code = 2


def safe(text: object) -> str:
    """Text from the store, made harmless for a terminal: control characters are shown, not run."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", "" if text is None else str(text))


def print_json(data: Any) -> None:
    """Stable JSON on stdout for scripts (UTF-8, Vietnamese kept readable, 2-space indent)."""
    import orjson

    payload = orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is not None:
        buffer.write(payload)
        buffer.flush()
    else:  # captured streams in tests
        sys.stdout.write(payload.decode("utf-8"))


#: Width of output that goes to a file or a pipe: wide enough that nothing wraps.
PIPE_WIDTH = 100_000


def console(stderr: bool = False):
    """Rich output for people. On a terminal it fits the terminal; into a file or a pipe (and
    no COLUMNS set) every line is as long as its content, so a table's cells and header words
    are never folded at Rich's default 80 columns and `grep` sees each row on one line."""
    from rich.console import Console

    out = Console(stderr=stderr, highlight=False, soft_wrap=False)
    if not out.is_terminal and not os.environ.get("COLUMNS", "").strip().isdigit():
        out.width = PIPE_WIDTH
    return out


def print_table(
    columns: list[str],
    rows: list[list[object]],
    title: str | None = None,
    empty: str | None = None,
) -> None:
    """A Rich table whose cells are plain text: markup in the data is shown, never interpreted.
    No rows: one line (`empty`) on stderr instead of an empty table."""
    from rich.table import Table
    from rich.text import Text

    if not rows:
        info(empty or _("Nothing to show."))
        return
    cells = [[safe(cell) for cell in row] for row in rows]
    out = console()
    # ids, dates, scores and other short tokens never break mid-word on a narrow terminal, as
    # long as the text columns keep room to wrap between words
    widths: list[int | None] = []
    for index, column in enumerate(columns):
        values = [row[index] for row in cells]
        tokens = all(len(v) <= _TOKEN_MAX and " " not in v for v in values)
        widths.append(max(len(v) for v in [*values, column]) if tokens else None)
    text_columns = sum(1 for w in widths if w is None)
    needed = sum(w for w in widths if w) + _TEXT_MIN * text_columns + 3 * len(columns) + 1
    keep_tokens = needed <= out.width
    table = Table(title=title, show_lines=False, header_style="bold")
    for column, width in zip(columns, widths, strict=True):
        token = keep_tokens and width is not None
        table.add_column(column, overflow="fold", no_wrap=token, min_width=width if token else None)
    for row in cells:
        table.add_row(*(Text(cell) for cell in row))
    out.print(table)


#: A column whose values are all single words up to this long is never wrapped.
_TOKEN_MAX = 12
#: Room a text column needs to wrap between words.
_TEXT_MIN = 6


def print_fields(pairs: list[tuple[str, object]], title: str | None = None) -> None:
    """A record as label/value lines (plain text, never markup)."""
    from rich.table import Table
    from rich.text import Text

    table = Table(show_header=False, box=None, title=title, title_justify="left", padding=(0, 1))
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for label, value in pairs:
        if value in (None, "", [], False):
            continue
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif value is True:
            value = _("yes")
        table.add_row(Text(label), Text(safe(value)))
    console().print(table)


def info(message: str) -> None:
    """A human message for the person at the terminal (stderr, so stdout stays clean for pipes)."""
    from rich.text import Text

    console(stderr=True).print(Text(safe(message)))


def fail(message: str, code: int = 1) -> None:
    raise LantoaError(message) if code == 1 else UsageFailure(message)


def join(values: list[str] | None) -> str:
    return ", ".join(values or [])
