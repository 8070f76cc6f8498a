"""Remapping keys in config.toml: a mistake is reported and the default stays in force."""

from __future__ import annotations

import pytest

from tui.keys import KEYS, is_key, keymap_from_config


@pytest.mark.parametrize("key", ["ctrl+e", "f6", "x", "slash", "delete", "space", "shift+tab"])
def test_keys_textual_can_deliver_are_accepted(key: str) -> None:
    assert is_key(key)


@pytest.mark.parametrize("key", ["ctrl+shift+banana", "banana", "ctrl+ctrl+e", "ctrl+", "", "Đ"])
def test_anything_else_is_not_a_key(key: str) -> None:
    assert not is_key(key)


def test_a_bad_key_is_reported_and_leaves_the_default() -> None:
    config = {"keys": {"outreach.done": "ctrl+shift+banana", "network.edit": "f6, ctrl+e"}}
    keymap, problems = keymap_from_config(config)
    assert keymap == {"network.edit": "f6,ctrl+e"}
    assert len(problems) == 1
    assert "'ctrl+shift+banana'" in problems[0] and "outreach.done" in problems[0]
    assert "outreach.done" in KEYS  # its default binding is untouched


def test_every_default_key_passes_the_check() -> None:
    for key in KEYS.values():
        for part in key.keys.split(","):
            assert is_key(part.strip()), (key.id, part)
