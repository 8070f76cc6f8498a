"""Which shared file the app syncs with, and whether it syncs on start and exit.

The shared file is the one the CLI remembers (`store.sync.remembered_file`, per store, in
state.json), so `lantoa sync` and the app always agree. config.toml (read, never written) may
add, under `[sync]`:

    on_start = true      # sync when the app starts (once the store is shown)
    on_exit = true       # sync before the app quits
    file = "/mnt/chung/lantoa-shared.json"   # the default store's file until one is chosen

`file` applies only to the default store (a store opened with --store or "store: open…" is
never merged into the team's file by accident), and nothing syncs by itself in demo mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store import Store
from store.errors import LantoaError
from store.i18n import _
from store.paths import default_store_path
from store.sync import remembered_file


@dataclass(frozen=True)
class SyncSettings:
    on_start: bool = False
    on_exit: bool = False
    file: Path | None = None
    problems: list[str] = field(default_factory=list)


def read_settings(config: dict[str, Any]) -> SyncSettings:
    """`[sync]` of config.toml, with a readable problem for each wrong value (never an error)."""
    raw = config.get("sync") or {}
    if not isinstance(raw, dict):
        return SyncSettings(problems=[_("[sync] in config.toml must be a table")])
    problems: list[str] = []
    flags: dict[str, bool] = {}
    for name in ("on_start", "on_exit"):
        value = raw.get(name, False)
        if not isinstance(value, bool):
            problems.append(_("[sync] {name} in config.toml must be true or false", name=name))
            value = False
        flags[name] = value
    file = raw.get("file")
    path = None
    if isinstance(file, str) and file.strip():
        path = Path(file.strip()).expanduser().absolute()
    elif file is not None:
        problems.append(_("[sync] file in config.toml must be the path of the shared file"))
    return SyncSettings(flags["on_start"], flags["on_exit"], path, problems)


def shared_file(store: Store, settings: SyncSettings, demo: bool = False) -> Path | None:
    """The file this store syncs with: the one remembered for it, else config's for the
    default store; None until one is chosen."""
    try:
        chosen = remembered_file(store)
    except (LantoaError, OSError):
        chosen = None
    if chosen is not None:
        return chosen
    if demo or settings.file is None:
        return None
    try:
        is_default = store.path.absolute() == default_store_path().expanduser().absolute()
    except OSError:
        is_default = False
    return settings.file if is_default else None


def check_path(value: str, store: Store) -> str | None:
    """What is wrong with a typed shared-file path (None: worth trying; the engine checks the
    file itself and says clearly what is wrong with it)."""
    path = Path(value.strip()).expanduser().absolute()
    if path.is_dir():
        return _("{path} is a folder; give the shared file's name.", path=path)
    if not path.parent.is_dir():
        return _(
            "The folder {folder} does not exist (is the drive connected?).", folder=path.parent
        )
    if path == store.path.absolute():
        return _("{path} is this store itself; give the shared file to sync with.", path=path)
    return None
