"""The bundled sample messages: reproducible, loadable with the sample network, and showing both a
ready card and what the checks catch in a careless draft."""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

from store import Store
from store.checks import check_message
from store.messages import validate_message
from store.network import resolve
from store.sample import SAMPLE_STAMP, load_sample
from store.sample_messages_build import OUTPUT, build, render


def _file() -> dict:
    return json.loads(
        resources.files("store").joinpath("data/sample_messages.json").read_text(encoding="utf-8")
    )


def test_the_file_is_what_the_generator_builds() -> None:
    assert OUTPUT.read_text(encoding="utf-8") == render()
    assert _file() == build()


def test_records_are_stored_form_with_fixed_ids_and_clocks() -> None:
    records = _file()["messages"]
    assert len(records) == 3
    for record in records:
        assert record["_clock"] == {"*": SAMPLE_STAMP}
        content = {
            k: v for k, v in record.items() if k not in ("id", "created_at", "updated_at", "_clock")
        }
        assert validate_message(content) == content
        assert "mẫu" in record["tags"]


def test_the_seed_figures_are_in_the_samples() -> None:
    values = {(f["value"], f["unit"]) for r in _file()["messages"] for f in r.get("figures", [])}
    assert {
        ("3893595", "tỷ đồng"),
        ("12.7", "%"),
        ("98982.30", "tỷ đồng"),
        ("24.7", "%"),
        ("1.5", "million workers"),
        ("5", "%"),
        ("648", "million VND"),
        ("6.7", "%"),
    } <= values


def test_ready_sample_has_no_errors_and_the_draft_shows_what_checks_catch() -> None:
    by_title = {r["title"]: r for r in _file()["messages"]}
    revenue = check_message(by_title["Doanh thu ngành năm 2022"], today=date(2023, 12, 1))
    assert revenue.ready and revenue.summary == "9/9 slots, all checks pass"
    later = check_message(by_title["Doanh thu ngành năm 2022"], today=date(2025, 1, 1))
    # by 2025 its figures are old and its call to action's date (31/12/2023) has passed
    assert later.ready and {f.code for f in later.findings} == {"figure-old", "action-date-past"}
    workforce = check_message(by_title["Sector workforce 2022"], today=date(2023, 12, 1))
    assert workforce.ready and workforce.warnings == 1
    draft = check_message(
        by_title["Nháp: tuyên truyền chuyển đổi số (chưa hoàn chỉnh)"], today=date(2023, 12, 1)
    )
    assert not draft.ready
    caught = {f.code for f in draft.findings}
    assert {
        "missing",
        "criticism-proposal",
        "number-unsourced",
        "percent-comparison",
        "sentence-very-long",
        "acronym",
        "filler-phrase",
        "vague-word",
        "headline-vague",
        "policy-instrument",
        "figure-source",
        "figure-unused",
    } <= caught


def test_load_sample_brings_the_messages(store: Store) -> None:
    load_sample(store)
    snapshot = store.load()
    assert len(snapshot.live("messages")) == 3
    found = resolve(snapshot, "messages", "Doanh thu nganh nam 2022")
    assert found["status"] == "ready"
    before = store.path.read_bytes()
    load_sample(store)
    assert store.path.read_bytes() == before
