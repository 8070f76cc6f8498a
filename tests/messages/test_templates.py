"""Templates: the three built-ins with bilingual hints, and the user's own files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Store
from store import messages as msgs
from store.errors import NotFoundError
from store.paths import config_dir
from store.templates import get_template, load_templates, template_for, user_templates_dir


def test_built_ins_cover_every_slot_of_their_kind_in_both_languages() -> None:
    found = load_templates()
    assert found.problems == []
    assert {"policy", "achievement", "crisis"} <= set(found.templates)
    for template in (found.templates[k] for k in ("policy", "achievement", "crisis")):
        assert template.kind == template.name
        for slot in msgs.slots_for(template.kind):
            if slot == "social":
                continue
            assert set(template.hints[slot]) == {"vi", "en"}, (template.name, slot)
            assert template.hint(slot, "vi") != template.hint(slot, "en")


def test_crisis_template_follows_the_cdc_first_message() -> None:
    crisis = get_template("crisis")
    for slot in ("empathy", "facts", "unknowns", "actions", "advice", "next_update", "contact"):
        assert crisis.hint(slot, "en")
    assert "CDC" in crisis.about("en")
    assert crisis.hint("contact_phone", "vi") == crisis.hint("contact", "vi")  # field -> slot


def _write(name: str, text: str) -> Path:
    folder = user_templates_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_template_in_toml_with_prefilled_fields(store: Store) -> None:
    assert user_templates_dir() == config_dir() / "templates"
    _write(
        "ra-mat.toml",
        """
name = "ra-mat-dich-vu"
kind = "policy"
label = { vi = "Ra mắt dịch vụ", en = "Service launch" }
tags = ["dịch vụ công"]

[hints]
headline = { vi = "Tên dịch vụ và ai được lợi", en = "The service and who gains" }
lead = "Một gợi ý chung"

[fields]
call_to_action = "Xem hướng dẫn tại https://dichvucong.gov.vn"

[fields.en]
call_to_action = "See https://dichvucong.gov.vn"
""",
    )
    template = get_template("Ra-mat-dich-vu")
    assert template.title("vi") == "Ra mắt dịch vụ" and template.hint("lead", "en")
    vi = msgs.create_message(store, {"title": "A", "language": "vi"}, template="ra-mat-dich-vu")
    en = msgs.create_message(store, {"title": "B", "language": "en"}, template="ra-mat-dich-vu")
    assert vi["kind"] == "policy" and vi["template"] == "ra-mat-dich-vu"
    assert vi["call_to_action"].startswith("Xem") and en["call_to_action"].startswith("See")
    assert vi["tags"] == ["dịch vụ công"]
    assert template_for(vi).name == "ra-mat-dich-vu"


def test_user_json_template_replaces_a_built_in() -> None:
    _write(
        "mine.json",
        json.dumps(
            {
                "templates": [
                    {
                        "name": "policy",
                        "kind": "policy",
                        "label": "Của tôi",
                        "hints": {"headline": "Gợi ý riêng"},
                    }
                ]
            }
        ),
    )
    assert get_template("policy").hint("headline", "en") == "Gợi ý riêng"


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("bad.toml", "name = 'x'\nkind = ", "cannot read it"),
        ("kind.toml", "name = 'x'\nkind = 'memo'", "kind must be one of"),
        ("slot.toml", "kind = 'policy'\n[hints]\nheadlin = 'x'", "headlin"),
        ("field.toml", "kind = 'policy'\n[fields]\nstatus = 'ready'", "cannot prefill status"),
        ("value.toml", "kind = 'policy'\n[fields]\npolicy_effective = 'soon'", "not a date"),
        ("list.json", "[1, 2]", "a template is an object"),
    ],
)
def test_broken_user_templates_are_skipped_and_reported(name: str, text: str, problem: str) -> None:
    _write(name, text)
    found = load_templates()
    assert {"policy", "achievement", "crisis"} <= set(found.templates)
    [(path, message)] = found.problems
    assert path.endswith(name) and problem in message


def test_unknown_template_lists_the_choices(store: Store) -> None:
    with pytest.raises(NotFoundError, match="achievement, crisis, policy"):
        msgs.create_message(store, {"title": "x"}, template="press")
