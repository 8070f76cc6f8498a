"""Click's own texts (usage line, headings, usage errors) follow the interface language.

In English `lantoa` must print exactly what Click and Typer print; in Vietnamese none of Click's
English phrases may remain in the usage errors and help a press officer meets.
"""

from __future__ import annotations

import io
import sys
from contextlib import redirect_stderr, redirect_stdout

import pytest
import typer

from store.i18n import set_language
from tui.cli import app

#: Usage errors, one per kind of message Click gives (see tui/cli/localise.py).
USAGE_ERRORS = [
    ("contacts", "list", "--foo"),  # no such option, with a close match
    ("contacts", "list", "--zzzzzzzz"),  # no such option
    ("contacts", "show"),  # missing argument
    ("contacts", "list", "--limit", "abc"),  # not a valid int
    ("contacts", "list", "--limit", "-3"),  # out of range
    ("nosuch",),  # no such command
    ("contacts", "list", "extra"),  # unexpected extra argument
    ("contacts", "list", "--limit"),  # an option without its value
    ("contacts", "list", "--json=yes"),  # a flag given a value
]
HELP = [("--help",), ("contacts", "--help"), ("contacts", "list", "--help"), ("import", "-h")]
CLICK_ENGLISH = (
    "Usage:",
    "Try '",
    "Error:",
    "No such",
    "Missing",
    "Invalid value",
    "unexpected extra",
    "requires an argument",
    "does not take a value",
    "is not a valid",
    "not in the range",
)


def plain_click(args: tuple[str, ...], store: str) -> tuple[int, str, str]:
    """What Typer and Click themselves print for `args` (a fresh, unlocalised command)."""
    command = typer.main.get_command(app)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with redirect_stdout(out), redirect_stderr(err):
        try:
            command.main(["--store", store, *args], prog_name="lantoa")
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 0
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("args", USAGE_ERRORS + HELP, ids=" ".join)
def test_english_is_exactly_clicks_own_output(lantoa, args, monkeypatch) -> None:
    monkeypatch.setattr(sys, "argv", ["lantoa"])
    expected = plain_click(args, str(lantoa.store_path))
    got = lantoa(*args)
    assert (got.code, got.out, got.err) == expected


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=" ".join)
def test_vietnamese_usage_errors_keep_no_english(lantoa, args) -> None:
    set_language("vi")  # as --lang vi / a Vietnamese locale sets it when `lantoa` starts
    result = lantoa("--lang", "vi", *args)
    assert result.code == 2
    assert result.err.strip()
    assert "Lỗi: " in result.err
    leftovers = [phrase for phrase in CLICK_ENGLISH if phrase in result.err]
    assert not leftovers, result.err


def test_vietnamese_usage_error_in_full(lantoa) -> None:
    set_language("vi")
    result = lantoa("--lang", "vi", "contacts", "list", "--limit", "abc")
    assert result.err.splitlines() == [
        "Cách dùng: lantoa contacts list [OPTIONS]",
        "Gõ 'lantoa contacts list -h' để xem hướng dẫn.",
        "",
        "Lỗi: Giá trị không hợp lệ cho '--limit': 'abc' không phải là số nguyên.",
    ]
    assert result.out == ""


def test_vietnamese_help_headings_and_built_in_options(lantoa) -> None:
    set_language("vi")
    result = lantoa("--lang", "vi", "--help")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("Cách dùng: lantoa ")
    assert "Tùy chọn:" in lines and "Lệnh:" in lines
    assert "Options:" not in lines and "Commands:" not in lines
    assert "Hiện hướng dẫn này rồi thoát." in result.out
    assert "Cài tự hoàn thành lệnh cho shell đang dùng." in result.out
    assert "[biến môi trường: LANTOA_STORE]" in " ".join(result.out.split())


def test_an_unknown_click_message_is_shown_as_click_wrote_it() -> None:
    from tui.cli.localise import UsageError, error_message

    set_language("vi")
    assert error_message(UsageError("Something Click says that we do not know")) == (
        "Something Click says that we do not know"
    )
