"""Fixtures for the message tests: the CLI run in-process on a temp store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def lantoa(tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """`lantoa(*args)` runs the CLI on a temp store as the console script does."""
    store_path = tmp_path / "cli-store.json"
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str, input: str | None = None) -> Result:
        import io
        import sys

        from tui.cli import main

        monkeypatch.setattr(sys, "argv", ["lantoa", "--store", str(store_path), *args])
        if input is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(input))
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    run.store_path = store_path
    return run
