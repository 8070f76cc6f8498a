"""A scripted command imports only its own command module (start-up time), and no command is
lost by that: every module declares exactly the top-level commands it registers."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer

import tui.cli
from tui.cli import _command_modules, _invoked_command

PACKAGE = Path(tui.cli.__file__).parent
MODULES = sorted(i.name for i in pkgutil.iter_modules([str(PACKAGE)]) if i.name.startswith("cmd_"))


@pytest.mark.parametrize("name", MODULES)
def test_each_module_declares_the_commands_it_registers(name: str) -> None:
    module = importlib.import_module(f"tui.cli.{name}")
    probe = typer.Typer()
    module.register(probe)
    registered = {c.name or c.callback.__name__ for c in probe.registered_commands}
    registered |= {g.name for g in probe.registered_groups}
    assert registered == set(module.COMMANDS)
    for command in module.COMMANDS:
        assert _command_modules(PACKAGE, command) == [name]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["lantoa", "contacts", "list"], "contacts"),
        (["lantoa", "--store", "x.json", "--lang", "vi", "sync", "f"], "sync"),
        (["lantoa", "--store=x.json", "where"], "where"),
        (["lantoa", "--help"], None),
        (["lantoa"], None),
    ],
)
def test_the_invoked_command_is_read_from_the_command_line(argv, expected) -> None:
    assert _invoked_command(argv) == expected


def test_an_unknown_command_loads_all_so_the_error_lists_them() -> None:
    assert _command_modules(PACKAGE, "contcts") == MODULES
    assert _command_modules(PACKAGE, None) == MODULES


PROBE = """
import sys, json
sys.argv = ["lantoa"] + {args!r}
try:
    from tui.cli import main
    main()
except SystemExit as exc:
    code = exc.code
print("\\nLOADED:" + json.dumps(sorted(m for m in sys.modules if m.startswith("tui.cli.cmd_"))))
"""


def test_a_scripted_command_imports_only_its_module(tmp_path: Path) -> None:
    args = ["--store", str(tmp_path / "s.json"), "contacts", "list", "--json"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True, timeout=60
    )
    line = [x for x in result.stdout.splitlines() if x.startswith("LOADED:")][-1]
    assert json.loads(line.removeprefix("LOADED:")) == ["tui.cli.cmd_contacts"]
    assert json.loads(result.stdout.split("\nLOADED:")[0]) == []
