"""Deciding a conflict by hand: the words people type for mine/theirs, values checked like an
edit of the field, outreach named and labelled as people know it (newcomer findings)."""

from __future__ import annotations

from pathlib import Path

import pytest
from synctools import content
from test_sync_cli import JOURNALIST, MESSAGE, one_open_clash

from store.i18n import set_language


@pytest.mark.parametrize(
    ("typed", "side"),
    [("cua ho", "theirs"), ("CUA TOI", "mine"), ("của mình", "mine"), ("Của Họ", "theirs")],
)
def test_keep_words_without_diacritics_choose_a_side(lantoa, tmp_path, typed, side) -> None:
    """ "cua ho" was stored as the headline itself, for everyone."""
    a, clash = one_open_clash(lantoa, tmp_path)
    result = lantoa(a, "conflicts", "resolve", clash["id"], "--keep", typed, "--json")
    assert result.code == 0, result.err
    assert result.json()["resolution"]["keep"] == side
    assert content(a)["messages"][MESSAGE["id"]]["headline"] == clash[clash[side]]["value"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("theirs please", "theirs"),
        ("keep mine", "mine"),
        ("cua ho nhe", "theirs"),
        ("my one", "mine"),
    ],
)
def test_a_few_words_with_a_side_in_them_are_refused(lantoa, tmp_path, typed, meant) -> None:
    a, clash = one_open_clash(lantoa, tmp_path)
    before = content(a)
    result = lantoa(a, "conflicts", "resolve", clash["id"][:8], "--keep", typed)
    assert result.code == 2, result.err
    assert f"did you mean --keep {meant}?" in result.err and "--value" in result.err
    assert content(a) == before


def outreach_clash(lantoa, tmp_path: Path) -> tuple[Path, dict]:
    """Two officers set the status of the same outreach item to different values."""
    a, b = tmp_path / "lan" / "lantoa.json", tmp_path / "minh" / "lantoa.json"
    shared = tmp_path / "shared.json"
    for store in (a, b):
        store.parent.mkdir()
        assert lantoa(store, "sample", "load").code == 0
    planned = lantoa(a, "outreach", "plan", "-m", MESSAGE["id"], "-t", JOURNALIST["id"], "--json")
    assert planned.code == 0, planned.err
    [item] = planned.json()["created"]
    for store in (a, b):
        assert lantoa(store, "sync", str(shared)).code == 0
    assert lantoa(a, "outreach", "set", item["id"], "--status", "done").code == 0
    assert lantoa(b, "outreach", "set", item["id"], "--status", "replied").code == 0
    for store in (a, b, a):
        lantoa(store, "sync", str(shared))
    found = [c for c in lantoa(a, "conflicts", "list", "--json").json() if c["field"] == "status"]
    assert len(found) == 1, found
    return a, found[0]


def test_an_outreach_conflict_reads_as_people_know_it(lantoa, tmp_path) -> None:
    a, clash = outreach_clash(lantoa, tmp_path)
    assert clash["record_name"] == f"{MESSAGE['title']} → {JOURNALIST['full_name']}"
    assert clash["field_label"] == "Status"
    assert {clash["kept"]["label"], clash["other"]["label"]} == {"Done", "Replied"}
    assert {clash["kept"]["value"], clash["other"]["value"]} == {"done", "replied"}  # codes kept
    listed = lantoa(a, "conflicts", "list")
    assert "Replied" in listed.out and JOURNALIST["full_name"] in listed.out
    set_language("vi")
    try:
        vi = lantoa(a, "--lang", "vi", "conflicts", "list", "--json").json()
    finally:
        set_language("en")
    [mine] = [c for c in vi if c["id"] == clash["id"]]
    assert mine["field_label"] == "Trạng thái"
    assert {mine["kept"]["label"], mine["other"]["label"]} == {"Đã xong", "Đã trả lời"}


def test_another_value_for_an_outreach_status_is_checked(lantoa, tmp_path) -> None:
    """Any text became the status ("xong rồi", "bogus"), spread by sync, and dropped the item
    from the coverage report."""
    a, clash = outreach_clash(lantoa, tmp_path)
    before = content(a)
    bad = lantoa(a, "conflicts", "resolve", clash["id"], "--value", "bogus")
    assert bad.code == 1 and "status" in bad.err.lower() and "Traceback" not in bad.err
    assert content(a) == before
    good = lantoa(a, "conflicts", "resolve", clash["id"], "--value", "đã trả lời", "--json")
    assert good.code == 0, good.err
    assert good.json()["resolution"]["value"] == "replied"
    item = content(a)["outreach"][clash["record_id"]]
    assert item["status"] == "replied"


def test_an_outreach_reference_field_cannot_be_typed(tmp_path) -> None:
    from store.errors import LantoaError
    from store.sync.conflicts import _clean_value

    with pytest.raises(LantoaError, match="cannot be typed"):
        _clean_value("outreach", "contact_id", "Nguyễn Văn A", None)
    assert _clean_value("outreach", "channel", "Zalo", "email") == "zalo"


def test_an_old_copy_of_the_shared_file_is_not_a_conflict(lantoa, tmp_path) -> None:
    """C edits a title twice, syncing each time; D syncs after each. An old copy of the shared
    file (a USB stick made between the two) brought the first title back as a "conflict"
    between two edits made one after the other on C, which then spread to every store."""
    c, d = tmp_path / "c" / "lantoa.json", tmp_path / "d" / "lantoa.json"
    shared, usb = tmp_path / "shared.json", tmp_path / "usb.json"
    for store in (c, d):
        store.parent.mkdir()
        assert lantoa(store, "sample", "load").code == 0
    jid = JOURNALIST["id"]
    assert lantoa(c, "contacts", "edit", jid, "--title", "Phóng viên T1").code == 0
    assert lantoa(c, "sync", str(shared)).code == 0
    assert lantoa(d, "sync", str(shared)).code == 0
    usb.write_bytes(shared.read_bytes())
    assert lantoa(c, "contacts", "edit", jid, "--title", "Phóng viên T2").code == 0
    assert lantoa(c, "sync", str(shared)).code == 0
    assert lantoa(d, "sync", str(shared)).code == 0
    result = lantoa(d, "sync", str(usb))
    assert result.code == 0, result.out + result.err
    assert lantoa(d, "conflicts", "list", "--json").json() == []
    assert content(d)["contacts"][jid]["title"] == "Phóng viên T2"
    assert (
        content(usb)["contacts"][jid]["title"] == "Phóng viên T2"
    )  # the stick is brought up to date


def test_an_old_copy_still_clashes_with_an_edit_it_never_saw(lantoa, tmp_path) -> None:
    """The rule above is only for values this device already accounted for: a value on the
    stick that nobody here has seen still clashes with a local edit."""
    c, d = tmp_path / "c" / "lantoa.json", tmp_path / "d" / "lantoa.json"
    usb = tmp_path / "usb.json"
    for store in (c, d):
        store.parent.mkdir()
        assert lantoa(store, "sample", "load").code == 0
    jid = JOURNALIST["id"]
    assert lantoa(c, "contacts", "edit", jid, "--title", "Tiêu đề của C").code == 0
    assert lantoa(c, "sync", str(usb)).code == 0
    assert lantoa(d, "contacts", "edit", jid, "--title", "Tiêu đề của D").code == 0
    result = lantoa(d, "sync", str(usb))
    assert result.code == 3, result.out + result.err  # conflicts waiting
    [clash] = lantoa(d, "conflicts", "list", "--json").json()
    assert clash["field"] == "title"


def test_a_one_off_sync_keeps_the_remembered_shared_file(lantoa, tmp_path) -> None:
    """Syncing once with a USB copy silently made it the file `lantoa sync` used from then on."""
    from store import Store
    from store.sync import remembered_file

    a = tmp_path / "a.json"
    shared, usb = tmp_path / "shared.json", tmp_path / "usb.json"
    assert lantoa(a, "contacts", "add", "--name", "Lê Văn An").code == 0
    assert lantoa(a, "sync", str(shared)).code == 0
    assert remembered_file(Store(a)) == shared  # the first file is remembered
    once = lantoa(a, "sync", str(usb))
    assert once.code == 0 and "this once" in once.err and str(shared) in once.err
    assert remembered_file(Store(a)) == shared
    assert lantoa(a, "sync", str(usb), "--remember").code == 0
    assert remembered_file(Store(a)) == usb
    again = lantoa(a, "sync")
    assert again.code == 0 and "this once" not in again.err


def test_a_conflict_names_who_works_on_the_other_device(lantoa, tmp_path, monkeypatch) -> None:
    """The conflict showed "device c629fa68"; it names the officer (config owner or login)."""
    a, b = tmp_path / "lan" / "lantoa.json", tmp_path / "minh" / "lantoa.json"
    shared = tmp_path / "shared.json"
    for store in (a, b):
        store.parent.mkdir()
        assert lantoa(store, "sample", "load").code == 0
    jid = JOURNALIST["id"]
    assert lantoa(a, "contacts", "edit", jid, "--title", "Tiêu đề của Lan").code == 0
    assert lantoa(b, "contacts", "edit", jid, "--title", "Tiêu đề của Minh").code == 0
    for store, who in ((a, "Lan"), (b, "Minh"), (a, "Lan")):
        monkeypatch.setenv("LANTOA_USER", who)
        lantoa(store, "sync", str(shared))
    [clash] = lantoa(a, "conflicts", "list", "--json").json()
    names = {clash[side]["device_name"] for side in ("kept", "other")}
    assert names == {"Lan", "Minh"}
    shown = lantoa(a, "conflicts", "show", clash["id"])
    assert "Minh's device" in shown.out and "this device" in shown.out
