"""Shared fixtures: every test runs with its own data and config folders and English messages."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from store import Store, recovery
from store.i18n import set_language

# The machine running the suite is shared and noisy: wall-clock deadlines would make property
# tests flaky without proving anything. HYPOTHESIS_PROFILE=nightly runs many more examples.
settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "nightly", deadline=None, max_examples=2000, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Pilot tests build and throw away thousands of widgets: with the default threshold (700) the
# young generation is collected thousands of times per test file and every survivor is traversed
# again and again (about 9% of a Pilot test's CPU). Collection still runs, only less often; tests
# that count live objects call gc.collect() themselves.
gc.set_threshold(50_000, 20, 20)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep tests away from the real user folders and the person's locale."""
    monkeypatch.setenv("LANTOA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("LANTOA_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.delenv("LANTOA_STORE", raising=False)
    monkeypatch.setenv("LANTOA_LANG", "en")
    set_language("en")
    yield tmp_path
    set_language("en")
    gc.enable()  # the in-process CLI turns collection off, as the console script does
    recovery.use_folder(None)  # a demo app keeps recovery files in its own folder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.json")
