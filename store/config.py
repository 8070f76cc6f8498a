"""User settings: `config.toml` (written by people) and `state.json` (remembered by the app).

The config file is never rewritten by the app, so comments and layout survive; things the app
remembers on its own (theme, sync file, last sync) go to `state.json` beside it.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from .errors import LantoaError
from .i18n import _
from .paths import config_dir, config_path
from .storage import atomic_write_bytes


def load_config(path: Path | None = None) -> dict[str, Any]:
    path = path or config_path()
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise LantoaError(_("{path} is not valid TOML: {why}", path=path, why=exc)) from None


def state_path() -> Path:
    return config_dir() / "state.json"


def load_state() -> dict[str, Any]:
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(**changes: Any) -> dict[str, Any]:
    """Merge `changes` into state.json (atomically); None removes a key."""
    state = load_state()
    for key, value in changes.items():
        if value is None:
            state.pop(key, None)
        else:
            state[key] = value
    atomic_write_bytes(state_path(), json.dumps(state, ensure_ascii=False, indent=2).encode())
    return state
