"""Scripted commands never import Textual (Harlequin's rule): they must start fast."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

PROBE = """
import sys, runpy
sys.argv = ["lantoa"] + {args!r}
try:
    from tui.cli import main
    main()
except SystemExit:
    pass
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "textual")
print("\\nMODULES:" + __import__("json").dumps(loaded))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["contacts", "list", "--json"],
        ["orgs", "list"],
        ["where"],
    ],
)
def test_subcommands_do_not_import_textual(args: list[str], tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=["--store", str(tmp_path / "s.json"), *args])],
        capture_output=True,
        text=True,
        timeout=60,
    )
    line = [x for x in result.stdout.splitlines() if x.startswith("MODULES:")][-1]
    assert json.loads(line.removeprefix("MODULES:")) == []
