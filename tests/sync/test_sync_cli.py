"""`lantoa sync` and `lantoa conflicts` end to end, starting with the issue's user scenario."""

from __future__ import annotations

from pathlib import Path

import pytest
from synctools import content

from store.i18n import set_language
from store.sample import sample_data

SAMPLE = sample_data()
JOURNALIST = next(c for c in SAMPLE["contacts"] if c.get("role") == "journalist")
MESSAGE = SAMPLE["messages"][0]
ORG = next(o for o in SAMPLE["organisations"] if o["kind"] == "press_agency")
REPORT_KEYS = {
    "file",
    "dry_run",
    "created",
    "local_changed",
    "shared_changed",
    "incoming",
    "outgoing",
    "conflicts",
    "notices",
    "backups",
    "attempts",
    "exit_code",
}
CONFLICT_KEYS = {
    "id",
    "status",
    "kind",
    "table",
    "record_id",
    "record_name",
    "record_deleted",
    "field",
    "field_label",
    "current",
    "kept",
    "other",
    "mine",
    "theirs",
    "detected_at",
    "resolved_at",
    "resolution",
}


def two_officers_edit_the_sample(lantoa, tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "lan" / "lantoa.json", tmp_path / "minh" / "lantoa.json"
    for store in (a, b):
        store.parent.mkdir()
        assert lantoa(store, "sample", "load").code == 0
    jid, mid, oid = JOURNALIST["id"][:8], MESSAGE["id"][:8], ORG["id"][:8]
    assert lantoa(a, "contacts", "edit", jid, "--phone", "0900 000 999").code == 0
    assert lantoa(b, "contacts", "edit", jid, "--title", "Trưởng ban Thời sự").code == 0
    assert lantoa(a, "messages", "set", mid, "headline", "Tiêu đề của Lan").code == 0
    assert lantoa(b, "messages", "set", mid, "headline", "Tiêu đề của Minh").code == 0
    assert lantoa(a, "orgs", "rm", oid, "--force").code == 0
    assert lantoa(b, "orgs", "edit", oid, "--notes", "Đầu mối mới từ tháng 5").code == 0
    return a, b


# "Twice in any order" where each one's second sync comes after the other's first (with
# a, a, b, b the first officer simply never hears of the second's edits).
@pytest.mark.parametrize("order", ["abab", "abba", "baab", "baba"])
def test_the_issue_scenario_two_officers_sync_twice_in_any_order(lantoa, tmp_path, order):
    a, b = two_officers_edit_the_sample(lantoa, tmp_path)
    shared = tmp_path / "shared" / "shared.json"
    shared.parent.mkdir()
    outputs = []
    for who in order:
        result = lantoa(a if who == "a" else b, "sync", str(shared), "--json")
        assert result.code in (0, 3), result.err
        outputs.append(result.json())
    assert content(a) == content(b) == content(shared)  # both stores end identical
    contact = content(a)["contacts"][JOURNALIST["id"]]
    assert contact["phones"] == ["+84900000999"]  # both field edits are kept
    assert contact["title"] == "Trưởng ban Thời sự"
    org = content(a)["organisations"][ORG["id"]]  # the edited organisation survives
    assert not org.get("deleted") and org["notes"] == "Đầu mối mới từ tháng 5"
    notices = [n for out in outputs for n in out["notices"] if n["kind"] == "resurrected"]
    assert [n["id"] for n in notices] == [ORG["id"]]
    assert outputs[-1]["exit_code"] == 3  # the headline clash waits for a decision
    listed = lantoa(a, "conflicts", "list", "--json").json()
    assert len(listed) == 1 and set(listed[0]) == CONFLICT_KEYS
    [clash] = listed
    assert (clash["table"], clash["record_id"], clash["field"]) == (
        "messages",
        MESSAGE["id"],
        "headline",
    )
    assert {clash["kept"]["value"], clash["other"]["value"]} == {
        "Tiêu đề của Lan",
        "Tiêu đề của Minh",
    }
    human = lantoa(b, "conflicts", "list")
    assert "Tiêu đề của Lan" in human.out and "Tiêu đề của Minh" in human.out


def test_resolving_mine_on_one_device_reaches_the_other(lantoa, tmp_path) -> None:
    a, b = two_officers_edit_the_sample(lantoa, tmp_path)
    shared = tmp_path / "shared.json"
    for store in (a, b, a):
        lantoa(store, "sync", str(shared))
    [clash] = lantoa(b, "conflicts", "list", "--json").json()
    shown = lantoa(b, "conflicts", "show", clash["id"][:8])
    assert "Tiêu đề của Minh" in shown.out and "this device" in shown.out
    result = lantoa(b, "conflicts", "resolve", clash["id"][:8], "--keep", "mine", "--json")
    assert result.code == 0, result.err
    assert result.json()["status"] == "resolved"
    assert lantoa(b, "conflicts", "list", "--json").json() == []
    assert lantoa(b, "sync", "--json").json()["exit_code"] == 0  # the remembered file
    assert lantoa(a, "sync").code == 0
    message = content(a)["messages"][MESSAGE["id"]]
    assert message["headline"] == "Tiêu đề của Minh"
    assert content(a) == content(b)
    assert len(lantoa(a, "conflicts", "list", "--all", "--json").json()) == 1


def test_resolving_theirs_and_a_new_value(lantoa, tmp_path) -> None:
    a, b = two_officers_edit_the_sample(lantoa, tmp_path)
    shared = tmp_path / "shared.json"
    for store in (a, b, a):
        lantoa(store, "sync", str(shared))
    [clash] = lantoa(a, "conflicts", "list", "--json").json()
    lantoa(a, "conflicts", "resolve", clash["id"], "--keep", "theirs")
    assert content(a)["messages"][MESSAGE["id"]]["headline"] == "Tiêu đề của Minh"
    result = lantoa(a, "conflicts", "resolve", clash["id"], "--keep", "Tiêu đề chung")
    assert result.code == 0 and "Tiêu đề chung" in result.err
    for store in (a, b):
        lantoa(store, "sync", str(shared))
    assert content(b)["messages"][MESSAGE["id"]]["headline"] == "Tiêu đề chung"


def test_a_coordinator_resolving_a_clash_between_two_others(lantoa, tmp_path) -> None:
    """Neither value was written on the coordinator's device: mine = the value shown now."""
    a, b = two_officers_edit_the_sample(lantoa, tmp_path)
    c = tmp_path / "coordinator" / "lantoa.json"
    c.parent.mkdir()
    shared = tmp_path / "shared.json"
    for store in (a, b, c):
        lantoa(store, "sync", str(shared))
    [clash] = lantoa(c, "conflicts", "list", "--json").json()
    assert not clash["kept"]["this_device"] and not clash["other"]["this_device"]
    assert clash["mine"] == "kept" and clash["current"] == clash["kept"]["value"]
    lantoa(c, "conflicts", "resolve", clash["id"], "--keep", "theirs")
    assert content(c)["messages"][MESSAGE["id"]]["headline"] == clash["other"]["value"]


def test_sync_json_is_stable_and_exit_codes(lantoa, tmp_path) -> None:
    a = tmp_path / "a.json"
    shared = tmp_path / "shared.json"
    lantoa(a, "contacts", "add", "--name", "Lê Văn An")
    result = lantoa(a, "sync", str(shared), "--json")
    assert result.code == 0 and set(result.json()) == REPORT_KEYS
    assert result.json()["created"] is True
    [change] = result.json()["outgoing"]
    assert set(change) == {"table", "id", "name", "action", "fields"}
    assert change["action"] == "added" and change["name"] == "Lê Văn An"
    dry = lantoa(a, "sync", "--dry-run", "--json").json()
    assert dry["dry_run"] is True and not dry["local_changed"] and not dry["shared_changed"]
    human = lantoa(a, "sync")
    assert human.code == 0 and "Already in sync" in human.out


def test_sync_without_a_file_the_first_time_is_a_usage_error(lantoa, tmp_path) -> None:
    result = lantoa(tmp_path / "a.json", "sync")
    assert result.code == 2 and "Give the shared file" in result.err


def test_a_bad_shared_file_is_an_error_with_exit_1(lantoa, tmp_path) -> None:
    shared = tmp_path / "shared.json"
    shared.write_text('{"not": "lantoa"}')
    result = lantoa(tmp_path / "a.json", "sync", str(shared))
    assert result.code == 1
    assert "not a Lan Tỏa store" in result.err and "Nothing was synced" in result.err
    assert shared.read_text() == '{"not": "lantoa"}'


def test_sync_speaks_vietnamese(lantoa, tmp_path) -> None:
    a, b = two_officers_edit_the_sample(lantoa, tmp_path)
    shared = tmp_path / "shared.json"
    try:
        lantoa(a, "--lang", "vi", "sync", str(shared))
        result = lantoa(b, "--lang", "vi", "sync", str(shared))
    finally:
        set_language("en")
    assert result.code == 3
    assert "Xung đột" in result.out and "Đã đồng bộ" in result.out


def test_a_dry_run_on_a_missing_file_says_it_would_create_it(lantoa, tmp_path) -> None:
    a = tmp_path / "a.json"
    lantoa(a, "contacts", "add", "--name", "Lê Văn An")
    shared = tmp_path / "shared.json"
    result = lantoa(a, "sync", str(shared), "--dry-run")
    assert result.code == 0 and not shared.exists()
    assert "does not exist yet; syncing would create it from this store (1 record)" in result.out


def test_a_damaged_shared_file_names_the_copy_of_the_last_sync(lantoa, tmp_path) -> None:
    a = tmp_path / "a.json"
    shared = tmp_path / "shared.json"
    lantoa(a, "contacts", "add", "--name", "Lê Văn An")
    assert lantoa(a, "sync", str(shared)).code == 0
    good = shared.read_bytes()
    shared.write_bytes(good[: len(good) // 2])  # a half-synced file
    result = lantoa(a, "sync", str(shared))
    assert result.code == 1 and "Traceback" not in result.err
    assert "Nothing was synced" in result.err and "as of your last sync is kept in" in result.err
    kept = Path(result.err.split("is kept in ")[1].split(";")[0])
    assert kept.read_bytes() == good  # copying it back is a way out
    shared.write_bytes(kept.read_bytes())
    assert lantoa(a, "sync", str(shared)).code == 0


def one_open_clash(lantoa, tmp_path) -> tuple[Path, dict]:
    a, b = two_officers_edit_the_sample(lantoa, tmp_path)
    shared = tmp_path / "shared.json"
    for store in (a, b, a):
        lantoa(store, "sync", str(shared))
    [clash] = lantoa(a, "conflicts", "list", "--json").json()
    return a, clash


def test_near_misses_of_mine_and_theirs_are_refused(lantoa, tmp_path) -> None:
    a, clash = one_open_clash(lantoa, tmp_path)
    before = content(a)
    for typed, meant in [
        ("their", "theirs"),
        ("thiers", "theirs"),
        ("mien", "mine"),
        ("my", "mine"),
        ("mines", "mine"),
    ]:
        result = lantoa(a, "conflicts", "resolve", clash["id"][:8], "--keep", typed)
        assert result.code == 2, (typed, result.err)
        assert f"did you mean --keep {meant}?" in result.err and "--value" in result.err
    assert content(a) == before  # nothing stored, the conflict still open
    assert lantoa(a, "conflicts", "list", "--json").json()[0]["status"] == "open"


@pytest.mark.parametrize(
    ("typed", "side"), [("Mine", "mine"), ("THEIRS", "theirs"), ("của họ", "theirs")]
)
def test_keep_is_case_insensitive_and_speaks_vietnamese(lantoa, tmp_path, typed, side) -> None:
    a, clash = one_open_clash(lantoa, tmp_path)
    result = lantoa(a, "conflicts", "resolve", clash["id"], "--keep", typed, "--json")
    assert result.code == 0, result.err
    assert result.json()["resolution"]["keep"] == side
    expected = clash[clash[side]]["value"]
    assert content(a)["messages"][MESSAGE["id"]]["headline"] == expected


def test_value_stores_text_even_if_it_reads_mine(lantoa, tmp_path) -> None:
    a, clash = one_open_clash(lantoa, tmp_path)
    result = lantoa(a, "conflicts", "resolve", clash["id"], "--value", "mine")
    assert result.code == 0 and "is now mine" in result.err
    assert content(a)["messages"][MESSAGE["id"]]["headline"] == "mine"


def test_keep_value_still_works_and_says_what_it_stored(lantoa, tmp_path) -> None:
    a, clash = one_open_clash(lantoa, tmp_path)
    result = lantoa(a, "conflicts", "resolve", clash["id"], "--keep", "bogus-option-typo")
    assert result.code == 0, result.err
    assert "'bogus-option-typo' is neither mine nor theirs" in result.err
    assert "is now bogus-option-typo" in result.err
    assert content(a)["messages"][MESSAGE["id"]]["headline"] == "bogus-option-typo"


@pytest.mark.parametrize("args", [[], ["--keep", "mine", "--value", "x"]], ids=["neither", "both"])
def test_keep_or_value_exactly_one(lantoa, tmp_path, args) -> None:
    store = tmp_path / "a.json"
    lantoa(store, "contacts", "add", "--name", "Lê Văn An")
    result = lantoa(store, "conflicts", "resolve", "abcd1234", *args)
    assert result.code == 2 and "--keep mine, --keep theirs or --value TEXT" in result.err


def test_the_resolve_help_names_both_options(lantoa, tmp_path) -> None:
    result = lantoa(tmp_path / "a.json", "conflicts", "resolve", "--help")
    text = " ".join(result.out.split())
    assert result.code == 0 and "--value" in text and "--keep" in text


def test_no_conflicts_is_one_line(lantoa, tmp_path) -> None:
    store = tmp_path / "a.json"
    lantoa(store, "contacts", "add", "--name", "Lê Văn An")
    result = lantoa(store, "conflicts", "list")
    assert result.code == 0 and result.out == "" and result.err.strip() == "No open conflicts."
    everything = lantoa(store, "conflicts", "list", "--all")
    assert everything.code == 0 and everything.err.strip() == "No conflicts."
    assert lantoa(store, "conflicts", "list", "--json").json() == []
