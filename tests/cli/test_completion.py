"""Shell completion (Typer's), run as a shell runs it: commands, options and option values."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from store.reference import find_province, province_slug


def complete(words: str, env_extra: dict[str, str] | None = None) -> list[str]:
    """What bash would offer for the last word of `words` (a trailing space: a new word)."""
    parts = words.split(" ")
    env = {
        **os.environ,
        "_LANTOA_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(parts) - 1),
        **(env_extra or {}),
    }
    done = subprocess.run(
        [sys.executable, "-c", "from tui.cli import main; main()"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert not done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        ("lantoa con", ["contacts", "conflicts"]),
        ("lantoa contacts list --ro", ["--role"]),
        ("lantoa contacts list --role jo", ["journalist"]),
        ("lantoa contacts list --role Sp", ["Specialist", "Spokesperson"]),
        ("lantoa orgs list --kind p", ["press_agency", "provincial_department"]),
        ("lantoa export --format ", ["csv", "json"]),
        ("lantoa contacts add --channel z", ["zalo"]),
        ("lantoa messages list --kind c", ["crisis"]),
        (
            "lantoa contacts list --province quang",
            [f"quang-{p}" for p in ["binh", "nam", "ngai", "ninh", "tri"]],
        ),
        ("lantoa contacts list --province Quảng-ni", ["Quảng-ninh"]),
        ("lantoa contacts list --province dak", ["dak-lak", "dak-nong"]),
        ("lantoa orgs list --province ba-", ["ba-ria-vung-tau"]),
        ("lantoa contacts list --province 2", ["20", "22", "24", "25", "26", "27"]),
    ],
)
def test_bash_completion_offers(words: str, offered: list[str]) -> None:
    assert sorted(complete(words)) == sorted(offered)


def test_every_offered_province_is_understood() -> None:
    """Each slug completion offers names its province, as typed or completed from 'Quảng'."""
    from store.reference import provinces

    for province in provinces().values():
        assert find_province(province_slug(province.name)) is province
    assert find_province("Quảng-ninh").name == "Quảng Ninh"
    assert find_province("BA-RIA-VUNG-TAU").name == "Bà Rịa - Vũng Tàu"
    assert find_province("quang") is None  # a slug names one province, not a prefix


def test_completed_province_filters_contacts(lantoa) -> None:
    assert lantoa("sample", "load").code == 0
    by_slug = lantoa("contacts", "list", "--province", "quang-ninh", "--json").json()
    by_name = lantoa("contacts", "list", "--province", "Quảng Ninh", "--json").json()
    assert by_slug == by_name and len(by_slug) > 0
