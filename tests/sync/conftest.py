"""Fixtures of the sync tests: officers (stores with their own clocks) and the CLI in-process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from synctools import SimClock, officer

from store import Store


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def clock() -> SimClock:
    return SimClock()


@pytest.fixture
def officers(tmp_path: Path, clock: SimClock):
    """`officers(n)`: n stores in their own folders, sharing a simulated clock."""

    def make(n: int = 2, skews: tuple[int, ...] | None = None) -> list[Store]:
        skews = skews or (0,) * n
        return [officer(tmp_path / f"officer{i}", clock.of(s)) for i, s in enumerate(skews)]

    return make


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared-folder"
    folder.mkdir()
    return folder / "shared.json"


@pytest.fixture
def lantoa(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """`lantoa(store, *args)` runs the real CLI entry point in-process on that store file."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(store: Path | Store, *args: str) -> Result:
        import sys

        from tui.cli import main

        path = store.path if isinstance(store, Store) else store
        monkeypatch.setattr(sys, "argv", ["lantoa", "--store", str(path), *args])
        capsys.readouterr()
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run
