"""Launching the Textual app from the command line (the only place the CLI imports Textual).

The app also ends cleanly when its terminal goes away (a closed window or `tmux kill-session`
sends SIGHUP) or when it is told to stop (SIGTERM), as Ctrl+Q would end it. `lantoa demo` works
on a throwaway copy of the sample network (contact data) in a folder named lantoa-demo-* in the
temporary folder: that folder is removed at once on those signals, and a `lantoa demo` start
removes the folders of demos that ended without cleaning up (killed, crashed machine), told by the
process id each demo writes into its folder.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from store import Store

#: The name `lantoa demo` gives its throwaway folders (tempfile.TemporaryDirectory's prefix).
DEMO_PREFIX = "lantoa-demo-"
#: Inside a demo folder: "<pid> <process start time>" of the demo that owns it.
PID_FILE = "lantoa-demo.pid"
#: A demo folder without a pid file (made by a version before pid files) is left this long.
UNMARKED_GRACE = 3600.0
#: Signals that end the app as Ctrl+Q does.
STOP_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
#: How long a signalled app may take to end before the process ends without it.
STOP_GRACE = 10.0


def launch(store: Store, *, demo: bool = False) -> None:
    import gc

    gc.enable()  # the CLI turns collection off for short commands; the app runs for hours
    from store.i18n import get_language

    from .app import create_app

    app = create_app(store, lang=get_language(), demo=demo)
    folder = demo_folder_of(store) if demo else None
    if folder is not None:
        mark_demo_folder(folder)
        sweep_demo_folders(folder.parent, keep=folder)

    def stop_now() -> None:
        if folder is not None:  # first: the terminal may be gone and the exit may never finish
            shutil.rmtree(folder, ignore_errors=True)

    with stop_on_signals(app.exit, stop_now):
        app.run()


def demo_folder_of(store: Store) -> Path | None:
    """The throwaway folder `lantoa demo` made for this store, if it is one."""
    folder = Path(store.path).resolve().parent
    return folder if folder.name.startswith(DEMO_PREFIX) else None


# -- signals ---------------------------------------------------------------------------------


@contextlib.contextmanager
def stop_on_signals(exit_app: Callable[[], object], first: Callable[[], None]) -> Iterator[None]:
    """While inside: SIGHUP and SIGTERM run `first`, then end the app with `exit_app` (on the
    app's event loop); if it has not ended after STOP_GRACE seconds the process ends anyway."""
    import asyncio

    def handler(number: int, _frame) -> None:
        first()
        timer = threading.Timer(STOP_GRACE, os._exit, args=(128 + number,))
        timer.daemon = True
        timer.start()
        try:
            asyncio.get_running_loop().call_soon_threadsafe(exit_app)
        except RuntimeError:  # not running yet or any more: nothing to end gracefully
            raise SystemExit(128 + number) from None

    before = {number: signal.signal(number, handler) for number in STOP_SIGNALS}
    try:
        yield
    finally:
        for number, previous in before.items():
            signal.signal(number, previous)


# -- leftover demo folders -------------------------------------------------------------------


def process_tag(pid: int) -> str:
    """ "<pid> <start time>": a pid reused by another process later does not match."""
    return f"{pid} {_started(pid) or ''}".strip()


def _started(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), None where unknown."""
    try:
        line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: count after the last ")"
    return line.rsplit(")", 1)[-1].split()[19]


def mark_demo_folder(folder: Path) -> None:
    """Write this process's tag into its demo folder (a later start tells whether it ended)."""
    (folder / PID_FILE).write_text(process_tag(os.getpid()), encoding="utf-8")


def _alive(tag: str) -> bool:
    pid_text, _sep, started = tag.strip().partition(" ")
    try:
        pid = int(pid_text)
    except ValueError:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return not started or _started(pid) in (None, started)


def sweep_demo_folders(parent: Path, keep: Path | None = None) -> list[Path]:
    """Remove the demo folders in `parent` whose demo has ended; returns those removed.

    Only folders of this user named lantoa-demo-*: those whose pid file names a process that
    is gone, and those without a pid file older than UNMARKED_GRACE.
    """
    removed: list[Path] = []
    try:
        candidates = list(parent.glob(DEMO_PREFIX + "*"))
    except OSError:
        return removed
    for folder in candidates:
        if keep is not None and folder == keep:
            continue
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue  # not a folder (a symlink, a file) or not ours: never touched
        try:
            ended = not _alive((folder / PID_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError:
            ended = time.time() - info.st_mtime > UNMARKED_GRACE
        except OSError:
            continue
        if ended:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
