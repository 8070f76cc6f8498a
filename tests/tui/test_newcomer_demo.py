"""`lantoa demo` leaves no contact data in the temporary folder: its throwaway folder goes when the
terminal closes (SIGHUP) or the process is told to stop (SIGTERM), and a demo start removes the
folders of demos that ended without cleaning up."""

from __future__ import annotations

import fcntl
import os
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from tui.launch import DEMO_PREFIX, PID_FILE, process_tag, sweep_demo_folders


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _demo_folder(parent: Path, name: str, tag: str | None, age: float = 0.0) -> Path:
    folder = parent / (DEMO_PREFIX + name)
    folder.mkdir()
    (folder / "demo.json").write_text("{}")
    if tag is not None:
        (folder / PID_FILE).write_text(tag)
    if age:
        moment = time.time() - age
        os.utime(folder, (moment, moment))
    return folder


def test_a_start_removes_the_folders_of_demos_that_ended(tmp_path):
    own_start = process_tag(os.getpid()).partition(" ")[2]
    ended = _demo_folder(tmp_path, "ended", str(_dead_pid()))
    reused = _demo_folder(tmp_path, "reused", f"{os.getpid()} {own_start}0")  # another start
    running = _demo_folder(tmp_path, "running", process_tag(os.getpid()))
    old_unmarked = _demo_folder(tmp_path, "old", None, age=2 * 3600)
    new_unmarked = _demo_folder(tmp_path, "new", None)
    other = tmp_path / "lantoa-other"
    other.mkdir()
    target = _demo_folder(tmp_path, "target", str(_dead_pid()))
    link = tmp_path / (DEMO_PREFIX + "link")
    link.symlink_to(target)
    removed = sweep_demo_folders(tmp_path, keep=target)
    assert set(removed) == {ended, reused, old_unmarked}
    assert not ended.exists() and not reused.exists() and not old_unmarked.exists()
    assert running.exists() and new_unmarked.exists() and other.exists()
    assert target.exists() and link.is_symlink()  # kept, and a link is never followed


def _lantoa() -> str:
    found = Path(sys.executable).with_name("lantoa")
    return str(found) if found.exists() else "lantoa"


class Demo:
    """`lantoa demo` on a pseudo-terminal of its own (80x24), as in a terminal window."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        env = {**os.environ, "TMPDIR": str(tmp), "TERM": "xterm-256color", "LANTOA_LANG": "en"}

        def controlling_terminal() -> None:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # closing the window hangs this session up

        self.process = subprocess.Popen(
            [_lantoa(), "demo"],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=controlling_terminal,
        )
        os.close(slave)
        self.output = bytearray()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self) -> None:
        """Read what the app writes (a full terminal buffer would block it)."""
        while True:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def folder(self, timeout: float = 60.0) -> Path:
        """The demo's folder, once the app runs on it (its pid file is written)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            marked = [p.parent for p in self.tmp.glob(DEMO_PREFIX + "*/" + PID_FILE)]
            mine = [
                p for p in marked if (p / PID_FILE).read_text().startswith(f"{self.process.pid} ")
            ]
            if mine and b"Search" in self.output:
                return mine[0]
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        raise AssertionError(f"the demo did not start: {bytes(self.output[-2000:])!r}")

    def ended(self, timeout: float = 15.0) -> bool:
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return False
        return True

    def close_window(self) -> None:
        os.close(self.master)


@pytest.mark.slow
def test_closing_the_terminal_removes_the_demo_folder(tmp_path):
    demo = Demo(tmp_path)
    folder = demo.folder()
    assert (folder / "demo.json").exists()
    demo.close_window()  # the kernel hangs the session up: SIGHUP, as tmux kill-session does
    assert demo.ended()
    assert not folder.exists()


@pytest.mark.slow
def test_sigterm_removes_the_demo_folder_and_a_start_sweeps_leftovers(tmp_path):
    leftover = _demo_folder(tmp_path, "killed", str(_dead_pid()))
    demo = Demo(tmp_path)
    try:
        folder = demo.folder()
        assert not leftover.exists()  # a demo killed earlier left it; this start removed it
        demo.process.send_signal(signal.SIGTERM)
        assert demo.ended()
        assert not folder.exists()
        assert not list(tmp_path.glob(DEMO_PREFIX + "*"))
    finally:
        if demo.process.poll() is None:
            demo.process.kill()
        demo.close_window()


def test_the_demo_keeps_unsaved_text_in_its_own_folder_not_the_data_folder(tmp_path):
    """The demo's sample messages have the ids of the sample a person may have loaded into their
    own store: unsaved text kept by a demo went to the data folder, and showed up there (and in
    every later demo) as "Unsaved changes were kept". The demo keeps it in its throwaway folder;
    an app on a real store uses the data folder again."""
    from store import Store, recovery
    from store.paths import data_dir
    from store.sample import demo_store, sample_data
    from tui.app import create_app

    message_id = sample_data()["messages"][0]["id"]
    own = recovery.keep(message_id, {"lead": "typed in my own store"})  # the person's text
    folder = tmp_path / (DEMO_PREFIX + "x")
    folder.mkdir()
    demo = demo_store(folder / "demo.json")
    create_app(demo, config={}, demo=True)
    assert recovery.folder() == folder / recovery.FOLDER
    assert not recovery.find(message_id).kept  # the person's text is not offered in the demo
    kept = recovery.keep(message_id, {"lead": "typed in the demo"})
    assert kept.parent == folder / recovery.FOLDER
    create_app(Store(tmp_path / "mine.json"), config={})
    assert recovery.folder() == data_dir() / recovery.FOLDER
    assert [k.path for k in recovery.find(message_id).kept] == [own]
