"""Both interface languages are complete: every string marked for translation has a Vietnamese text.

The test walks the source for `_("…")` and `N_("…")` calls with a literal first argument, the one
translation mechanism, and checks the Vietnamese catalogue covers each, with the same placeholders.
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

from store.i18n import catalogue

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w+)")


@functools.cache
def marked_strings() -> dict[str, str]:
    """Parsed once per test process: three tests ask, and the source does not change meanwhile."""
    found: dict[str, str] = {}
    for package in ("store", "tui"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id in ("_", "N_")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                ):
                    found[node.args[0].value] = f"{path.relative_to(ROOT)}:{node.lineno}"
    found.update(command_docstrings())
    return found


def command_docstrings() -> dict[str, str]:
    """Docstrings of CLI commands without `help=`: tui/cli translates them as their help."""
    found: dict[str, str] = {}
    for path in (ROOT / "tui" / "cli").glob("cmd_*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                isinstance(d, ast.Call)
                and isinstance(d.func, ast.Attribute)
                and d.func.attr in ("command", "callback")
                and not any(k.arg == "help" for k in d.keywords)
                for d in node.decorator_list
            ):
                doc = ast.get_docstring(node)
                if doc:
                    found[doc] = f"{path.relative_to(ROOT)}:{node.lineno}"
    return found


def test_every_marked_string_has_a_vietnamese_translation() -> None:
    vi = catalogue("vi")
    missing = {msg: where for msg, where in marked_strings().items() if msg not in vi}
    assert not missing, "missing Vietnamese translations:\n" + "\n".join(
        f"{where}: {msg!r}" for msg, where in sorted(missing.items(), key=lambda kv: kv[1])
    )


def test_translations_keep_the_placeholders() -> None:
    vi = catalogue("vi")
    wrong = [
        msg
        for msg in marked_strings()
        if msg in vi and set(PLACEHOLDER.findall(msg)) != set(PLACEHOLDER.findall(vi[msg]))
    ]
    assert not wrong, f"placeholders differ in: {wrong}"


def test_catalogue_has_no_stale_entries() -> None:
    marked = marked_strings()
    stale = [msg for msg in catalogue("vi") if msg not in marked]
    assert not stale, f"translations no code uses any more: {stale[:20]}"


def test_english_counts_of_one_read_in_the_singular() -> None:
    from store.i18n import _, set_language

    set_language("en")
    assert _("Tagged {n} contacts with {tag}.", n=1, tag="báo chí") == (
        "Tagged 1 contact with báo chí."
    )
    assert _("Tagged {n} contacts with {tag}.", n=2, tag="x") == "Tagged 2 contacts with x."
    assert _("{n} contacts belong to {name}; move them first ", n=1, name="Sở") == (
        "1 contact belongs to Sở; move them first "
    )
    assert _("{n} addresses", n=1) == "1 address"
    phones = "Phone and Zalo: {n} people (Enter copies the number)"
    assert _(phones, n=1) == "Phone and Zalo: 1 person (Enter copies the number)"
    assert _(phones, n=3) == "Phone and Zalo: 3 people (Enter copies the number)"
    assert _("synced {n} days ago", n=1) == "synced 1 day ago"
    assert _("synced {n} days ago", n=0) == "synced 0 days ago"
    assert _("figure {n} is not an object", n=1) == "figure 1 is not an object"
    assert _("{n} outreach items, {late} overdue", n=1, late=0) == "1 outreach item, 0 overdue"
    assert _("{n} outreach items are gone", n=1) == "1 outreach item is gone"
    assert _("{n} new conflicts: decide", n=1) == "1 new conflict: decide"
    assert _("{incoming} in, {outgoing} out, {n} open conflicts", incoming=0, outgoing=1, n=1) == (
        "0 in, 1 out, 1 open conflict"
    )
    set_language("vi")
    assert _("{n} contacts", n=1) == "1 liên hệ"  # Vietnamese nouns do not change
