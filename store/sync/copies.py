"""Conflict copies: the files synced folders leave beside FILE when two machines wrote it at once.

A file lock does not cross machines over a synced folder, so two officers may write the shared
file at the same time; the sync tool then keeps one and renames the other. Those copies are
merged in like another version of the shared file (after checking they are a version of the SAME
shared store: same store id), then moved into `.lantoa-merged/` beside FILE, so nothing written
by anyone is lost and the folder stays tidy. Names recognised, for FILE = `shared.json`:
- Syncthing: `shared.sync-conflict-20240301-101500-ABCDEFG.json`
- Dropbox: `shared (Lan's conflicted copy 2024-03-01).json` (any text with "conflicted copy",
  "conflict" or "xung đột" inside the brackets; Dropbox translates it)
- Nextcloud/ownCloud: `shared (conflicted copy 2024-03-01 101500).json`,
  `shared_conflict-20240301-101500.json`
- OneDrive: `shared-DESKTOP-AB12CD.json`, `shared-DESKTOP-AB12CD-2.json` (the computer's name)
- downloads and Google Drive: `shared (1).json`
The last two name shapes are common for unrelated files too; they are only merged when they hold
the same shared store, and skipped silently otherwise.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..vietnamese import fold

MERGED_DIR = ".lantoa-merged"


@dataclass(frozen=True)
class Candidate:
    path: Path
    tool: str  # syncthing | dropbox-nextcloud | nextcloud | onedrive | duplicate
    strict: bool  # the name can only be a conflict copy (a bad one deserves a notice)


def _patterns(shared: Path) -> list[tuple[re.Pattern[str], str, bool]]:
    stem, suffix = re.escape(shared.stem), re.escape(shared.suffix)
    return [
        (
            re.compile(rf"^{stem}\.sync-conflict-\d{{8}}-\d{{6}}(-[A-Za-z0-9]+)?{suffix}$"),
            "syncthing",
            True,
        ),
        (re.compile(rf"^{stem} \((?P<inner>[^()]*)\){suffix}$"), "dropbox-nextcloud", True),
        (re.compile(rf"^{stem}_conflict-\d{{8}}-\d{{6}}{suffix}$"), "nextcloud", True),
        (re.compile(rf"^{stem}-[A-Za-z0-9][A-Za-z0-9_-]{{0,40}}{suffix}$"), "onedrive", False),
    ]


def find_copies(shared: Path) -> list[Candidate]:
    """Files beside `shared` whose names say they may be conflict copies of it, sorted by name."""
    shared = Path(shared)
    try:
        names = sorted(os.listdir(shared.parent))
    except OSError:
        return []
    found: list[Candidate] = []
    patterns = _patterns(shared)
    for name in names:
        if name == shared.name or name.startswith(".") or name.endswith((".lock", ".tmp")):
            continue
        for pattern, tool, strict in patterns:
            match = pattern.match(name)
            if not match:
                continue
            if tool == "dropbox-nextcloud":
                inner = fold(match.group("inner"))
                if inner.isdigit():
                    tool, strict = "duplicate", False
                elif "conflict" not in inner and "xung dot" not in inner:
                    break
            path = shared.parent / name
            if path.is_file():
                found.append(Candidate(path, tool, strict))
            break
    return found


def move_aside(path: Path) -> Path:
    """Move a merged copy into `.lantoa-merged/` beside it (never overwriting an older one)."""
    folder = path.parent / MERGED_DIR
    folder.mkdir(exist_ok=True)
    target = folder / path.name
    if target.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        target = folder / f"{stamp}-{path.name}"
    os.replace(path, target)
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return target
