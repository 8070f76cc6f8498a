"""Recovery files (store/recovery.py): written without ever replacing one, found for their
record only, read strictly (a bad file is reported, never deleted), merged in time order, and
their values shown back in the editor's fields exactly as they were typed."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from store import recovery
from store.paths import data_dir
from tui.messages.formvalues import FormState, form_value, kept_form_value

ID = "41c1608f-276c-5c91-a0c0-60c17b572c71"
TWIN = "41c1608f-0000-4000-8000-000000000000"  # the same first 8 characters
T0 = datetime(2026, 11, 26, 13, 15, tzinfo=UTC)

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
values = st.one_of(
    st.none(), st.booleans(), text, st.lists(text, max_size=4), st.dictionaries(text, text)
)


def test_the_folder_is_in_the_data_folder():
    assert recovery.folder() == data_dir() / "unsaved"


def test_keep_writes_the_documented_file_and_never_replaces_one(tmp_path: Path):
    first = recovery.keep(ID, {"lead": "Đoạn mở đầu"}, was={"lead": None}, now=T0, where=tmp_path)
    second = recovery.keep(ID, {"lead": "Khác"}, now=T0, where=tmp_path)
    assert first.name == "message-41c1608f-20261126T131500.json"
    assert second.name == "message-41c1608f-20261126T131500-2.json"
    data = json.loads(first.read_text(encoding="utf-8"))
    assert data == {
        "id": ID,
        "table": "messages",
        "kept_at": "2026-11-26T13:15:00+00:00",
        "changes": {"lead": "Đoạn mở đầu"},
        "was": {"lead": None},
    }
    assert "Đoạn" in first.read_text(encoding="utf-8")  # readable by a person, not \\u escapes
    assert [k.changes["lead"] for k in recovery.find(ID, where=tmp_path).kept] == [
        "Đoạn mở đầu",
        "Khác",
    ]


def test_find_only_the_records_files_oldest_first(tmp_path: Path):
    recovery.keep(ID, {"lead": "sau"}, now=T0 + timedelta(hours=1), where=tmp_path)
    recovery.keep(ID, {"lead": "trước"}, now=T0, where=tmp_path)
    recovery.keep(TWIN, {"lead": "của thẻ khác"}, now=T0, where=tmp_path)
    found = recovery.find(ID, where=tmp_path)
    assert [k.changes["lead"] for k in found.kept] == ["trước", "sau"]
    assert not found.unreadable
    assert len(recovery.find(None, where=tmp_path).kept) == 3
    assert not recovery.find(ID, where=tmp_path / "nowhere")


def test_an_old_file_without_a_time_takes_it_from_its_name(tmp_path: Path):
    path = tmp_path / "message-41c1608f-20251231T235959.json"
    path.write_text(json.dumps({"id": ID, "changes": {"policy_effective": "2024-07-01 x"}}))
    (kept,) = recovery.find(ID, where=tmp_path).kept
    assert kept.kept_at == datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert kept.was == {}


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"{not json", "not JSON"),
        (b"\xff\xfe", "not JSON"),
        (b"[1, 2]", "not a recovery file"),
        (b'{"changes": {}}', "no message id"),
        (b'{"id": "41c1608f-x", "changes": ["lead"]}', "not a list of fields"),
    ],
)
def test_a_bad_file_is_reported_by_name_and_left_alone(tmp_path: Path, content: bytes, why: str):
    path = tmp_path / "message-41c1608f-20261126T131500.json"
    path.write_bytes(content)
    good = recovery.keep(ID, {"lead": "ok"}, now=T0 + timedelta(seconds=1), where=tmp_path)
    found = recovery.find(ID, where=tmp_path)
    assert [k.path for k in found.kept] == [good]
    (bad,) = found.unreadable
    assert bad.path == path and why in bad.why
    assert path.read_bytes() == content


def test_remove_deletes_says_what_it_could_not_and_ignores_files_gone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    paths = [recovery.keep(ID, {"lead": str(n)}, now=T0, where=tmp_path) for n in range(3)]
    found = recovery.find(ID, where=tmp_path)
    paths[0].unlink()  # restored meanwhile by another window
    real_unlink = os.unlink

    def unlink(path) -> None:
        if Path(path) == paths[2]:
            raise PermissionError(13, "Permission denied")
        real_unlink(path)

    monkeypatch.setattr(recovery.os, "unlink", unlink)
    (problem,) = recovery.remove(found.kept)
    assert problem.path == paths[2] and problem.why == "Permission denied"
    assert sorted(tmp_path.iterdir()) == [paths[2]]


def test_merged_takes_every_field_at_its_newest():
    older = recovery.Kept(Path("a"), ID, T0, {"lead": "1", "problem": "p"}, {"lead": "s"})
    newer = recovery.Kept(Path("b"), ID, T0 + timedelta(1), {"lead": "2"}, {})
    changes, was = recovery.merged([newer, older])
    assert changes == {"lead": "2", "problem": "p"}
    assert was == {}  # the newest lead says nothing of what it was typed over


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    batches=st.lists(
        st.dictionaries(st.sampled_from(["lead", "problem", "tags", "x"]), values, max_size=3),
        min_size=1,
        max_size=5,
    )
)
def test_kept_files_read_back_as_written_and_merge_like_applying_them_in_order(
    tmp_path_factory: pytest.TempPathFactory, batches: list[dict]
):
    where = tmp_path_factory.mktemp("unsaved")
    for n, batch in enumerate(batches):
        recovery.keep(ID, batch, now=T0 + timedelta(minutes=n), where=where)
    found = recovery.find(ID, where=where)
    assert [k.changes for k in found.kept] == batches
    expected: dict = {}
    for batch in batches:
        expected.update(batch)
    assert recovery.merged(reversed(found.kept))[0] == expected


def test_when_text_says_the_year_only_when_it_is_not_this_one():
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert recovery.when_text(T0, now) == T0.astimezone().strftime("%d/%m %H:%M")
    assert recovery.when_text(T0 - timedelta(days=365), now).count("/") == 2


# -- the editor's side: kept values back into the fields ------------------------------------

CARD = {
    "id": ID,
    "title": "Một cửa",
    "kind": "policy",
    "language": "vi",
    "audiences": ["người dân"],
    "figures": [{"value": 3893595, "unit": "hồ sơ", "as_of": "2023-06-30"}],
}

figure_rows = st.lists(
    st.fixed_dictionaries(
        {k: text for k in ("value", "unit", "label", "period", "baseline", "source", "as_of")}
    ).filter(lambda r: any(v.strip() for v in r.values())),
    max_size=3,
)
form_edits = st.fixed_dictionaries(
    {},
    optional={
        "title": text.filter(str.strip),
        "lead": text,
        "kind": st.sampled_from(["policy", "achievement", "crisis"]),
        "language": st.sampled_from(["vi", "en"]),
        "audiences": st.lists(text.map(str.strip).filter(bool), max_size=3),
        "figures": figure_rows,
        "policy_effective": text,
        "story_consent": st.booleans(),
    },
)


@settings(max_examples=150)
@given(edits=form_edits)
def test_what_save_now_keeps_comes_back_as_the_fields_showed_it(edits: dict):
    """The round trip of a recovery file: the store values `changes` makes (and JSON keeps)
    read back as the very form values typed, "3.893.595" included."""
    state = FormState.open(CARD)
    state.add_fields(edits)
    values = {**state.initial, **edits}
    kept = json.loads(json.dumps(state.changes(values), ensure_ascii=False))
    for name, value in kept.items():
        shown = kept_form_value(name, value)
        assert shown == values[name] or (value is None and shown in ("", [])), name


def test_a_figure_typed_the_vietnamese_way_is_not_read_as_a_decimal():
    row = {"value": "3.893", "unit": "hồ sơ"}
    (back,) = kept_form_value("figures", [row])
    assert back["value"] == "3.893"  # form_value would make it 3,893 (three point eight)
    assert form_value({"figures": [{"value": "3.893"}]}, "figures", "vi")[0]["value"] != "3.893"


@pytest.mark.parametrize(
    ("name", "value", "why"),
    [
        ("nonsense", "x", "not a field"),
        ("audiences", "người dân", "not a list"),
        ("figures", ["3.893.595"], "not a list of figures"),
        ("story_consent", "yes", "not yes or no"),
        ("kind", "poem", "not a choice"),
        ("lead", {"a": 1}, "not a text"),
    ],
)
def test_a_value_a_field_cannot_show_is_refused_with_the_reason(name, value, why):
    with pytest.raises(ValueError, match=why):
        kept_form_value(name, value)


def test_messages_show_mentions_kept_changes_and_json_stays_as_it_was(lantoa):
    made = lantoa("messages", "new", "--title", "Miễn phí chữ ký số", "--json").json()
    quiet = lantoa("messages", "show", made["id"])
    assert quiet.code == 0 and "could not be saved" not in quiet.err
    path = recovery.keep(made["id"], {"lead": "Bản chưa lưu."}, now=T0)
    recovery.keep(TWIN, {"lead": "của thẻ khác"}, now=T0)  # another card
    shown = lantoa("messages", "show", made["id"])
    assert shown.code == 0
    said = "".join(shown.err.split())  # (rich wraps long paths anywhere)
    assert f"({path.name});openthecardintheapptorestoreordiscardthem." in said
    assert str(recovery.folder()).replace(" ", "") in said
    assert said.count("message-") == 1  # the other card's file is not this one's
    as_json = lantoa("messages", "show", made["id"], "--json")
    assert as_json.err == "" and as_json.json()["id"] == made["id"]
