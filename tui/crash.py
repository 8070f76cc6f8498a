"""The last line of defence, shared by the command line and the app: a bug is written to
`crash.log` in the data folder (mode 0600: it may quote personal data) instead of a traceback."""

from __future__ import annotations

import os
import traceback
from pathlib import Path


def write_crash_log(exc: BaseException) -> Path | None:
    """Append the traceback of `exc` to crash.log; its path, or None if it cannot be written."""
    from store.paths import data_dir

    try:
        path = data_dir() / "crash.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("".join(traceback.format_exception(exc)))
            handle.write("\n")
        os.chmod(path, 0o600)
        return path
    except OSError:
        return None
