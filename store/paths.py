"""Where Lan Tỏa keeps things: the store, the config file and backups (platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "lantoa"


def data_dir() -> Path:
    return Path(
        os.environ.get("LANTOA_DATA_DIR") or platformdirs.user_data_dir(APP, appauthor=False)
    )


def config_dir() -> Path:
    return Path(
        os.environ.get("LANTOA_CONFIG_DIR") or platformdirs.user_config_dir(APP, appauthor=False)
    )


def default_store_path() -> Path:
    return data_dir() / "lantoa.json"


def store_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--store beats LANTOA_STORE beats the default in the user data dir."""
    chosen = explicit or os.environ.get("LANTOA_STORE")
    return Path(chosen).expanduser() if chosen else default_store_path()


def config_path() -> Path:
    return config_dir() / "config.toml"
