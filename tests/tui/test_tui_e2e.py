"""End to end: the real `lantoa demo` in a real terminal (tmux), typed into and read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def _lantoa() -> str:
    found = Path(sys.executable).with_name("lantoa")
    return str(found) if found.exists() else "lantoa"


SOCKET = f"lantoa-e2e-{uuid.uuid4().hex[:8]}"  # a private tmux server: no clash with others


def _tmux(*args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["tmux", "-L", SOCKET, *args], capture_output=True, text=True, check=check, **kwargs
    )


def _capture(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session).stdout


def _wait_for(session: str, text: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = _capture(session)
        if text in screen:
            return screen
        time.sleep(0.2)
    raise AssertionError(f"{text!r} did not appear; the screen was:\n{screen}")


def test_demo_search_shows_the_quang_ninh_people(tmp_path):
    session = f"lantoa-e2e-{uuid.uuid4().hex[:8]}"
    env = {
        "LANTOA_DATA_DIR": str(tmp_path / "data"),
        "LANTOA_CONFIG_DIR": str(tmp_path / "config"),
        "LANTOA_LANG": "en",
    }
    # the shell stays after lantoa ends, so a crash can be read from the pane
    command = (
        " ".join(f"{k}={v}" for k, v in env.items()) + f" {_lantoa()} demo; "
        "echo LANTOA-EXITED $?; sleep 60"
    )
    _tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "100",
        "-y",
        "30",
        command,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    try:
        _wait_for(session, "contacts")  # the status line: the demo store is loaded
        _tmux("send-keys", "-t", session, "-l", "quang ninh")
        _wait_for(session, "Search: quang ninh")
        deadline = time.monotonic() + 30
        while True:  # the count reads "shown / total" once the list follows the last key
            screen = _capture(session)
            rows = [line for line in screen.splitlines() if "Quảng Ninh" in line]
            count = next(line for line in screen.splitlines() if "Search:" in line).split()
            if (count[-2] == "/" and int(count[-3]) == len(rows)) or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert rows, screen
        assert count[-2] == "/" and int(count[-3]) == len(rows), screen  # all from Quảng Ninh
        assert int(count[-3]) < int(count[-1].replace(".", ""))
        _tmux("send-keys", "-t", session, "Enter")
        screen = _wait_for(session, "esc Back")  # Enter shows the person, on a screen of its own
        first = rows[0].split("  ")[1].strip()  # the name column of the first result
        assert first in screen and "Title" in screen
        _tmux("send-keys", "-t", session, "C-q")
        screen = _wait_for(session, "LANTOA-EXITED")
        assert "LANTOA-EXITED 0" in screen, screen
        assert "The demo store was thrown away" in screen
        assert not (tmp_path / "data" / "lantoa.json").exists()  # the user's store untouched
    finally:
        _tmux("kill-server", check=False)
