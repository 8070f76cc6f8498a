"""`lantoa backups list|restore`: every backup can be restored, the oldest too, and says when
and why it was made."""

from __future__ import annotations

import re

from store.storage import BACKUPS_KEPT, backup_facts, list_backups, make_backup


def _names(lantoa) -> list[str]:
    return [c["full_name"] for c in lantoa("contacts", "list", "--json").json()]


def _fill_rotation(lantoa) -> list[str]:
    """A full rotation of backups, each holding one more contact than the one before."""
    names = []
    for n in range(BACKUPS_KEPT):
        name = f"Người Số {n}"
        assert lantoa("contacts", "add", "--name", name).code == 0
        names.append(name)
        make_backup(lantoa.store_path, "import")
    assert len(list_backups(lantoa.store_path)) == BACKUPS_KEPT
    return names


def test_the_oldest_backup_is_restored_not_rotated_away(lantoa) -> None:
    """The backup made before a restore used to push out the oldest of the ten: restoring the
    oldest deleted it and crashed with exit 70."""
    names = _fill_rotation(lantoa)
    assert lantoa("contacts", "add", "--name", "Sau Cùng").code == 0
    replaced = lantoa.store_path.read_bytes()
    oldest = list_backups(lantoa.store_path)[-1]
    result = lantoa("backups", "restore", oldest.name)
    assert result.code == 0, result.err
    assert oldest.exists()  # still there: it can be restored again
    assert _names(lantoa) == names[:1]
    assert any(p.read_bytes() == replaced for p in list_backups(lantoa.store_path))
    assert sum(1 for p in list_backups(lantoa.store_path) if "before-restore" in p.name) == 1
    again = lantoa("backups", "restore", oldest.name)  # and again, by the same name
    assert again.code == 0, again.err
    assert oldest.exists()


def test_a_restore_keeps_what_it_replaced(lantoa) -> None:
    names = _fill_rotation(lantoa)
    assert lantoa("contacts", "add", "--name", "Sau Cùng").code == 0
    assert lantoa("backups", "restore", list_backups(lantoa.store_path)[-1].name).code == 0
    before = next(p for p in list_backups(lantoa.store_path) if "before-restore" in p.name)
    assert lantoa("backups", "restore", before.name).code == 0
    assert sorted(_names(lantoa)) == sorted([*names, "Sau Cùng"])


def test_backups_list_says_when_and_why(lantoa) -> None:
    assert lantoa("contacts", "add", "--name", "Lê Văn An").code == 0
    made = make_backup(lantoa.store_path, "import")
    when, why = backup_facts(made)
    assert why == "import" and when is not None
    listed = lantoa("backups", "list", "--json").json()
    assert listed[0]["reason"] == "import"
    assert listed[0]["made_at"].startswith(when.strftime("%Y-%m-%dT%H:%M:%S"))
    assert listed[0]["made_at"].endswith("Z")
    table = lantoa("backups", "list")
    assert "before an import" in table.out
    assert re.search(r"\d\d/\d\d/\d{4} \d\d:\d\d", table.out)


def test_no_backups_is_one_line_not_an_empty_table(lantoa) -> None:
    assert lantoa("contacts", "add", "--name", "Lê Văn An").code == 0
    result = lantoa("backups", "list")
    assert result.code == 0
    assert "There are no backups" in result.err and result.out == ""


def test_a_restore_says_the_next_sync_brings_newer_values_back(lantoa, tmp_path) -> None:
    assert lantoa("contacts", "add", "--name", "Lê Văn An").code == 0
    shared = tmp_path / "chung.json"
    assert lantoa("sync", str(shared)).code == 0
    make_backup(lantoa.store_path, "import")
    assert lantoa("contacts", "add", "--name", "Lê Văn Bình").code == 0
    result = lantoa("backups", "restore")
    assert result.code == 0, result.err
    assert str(shared) in result.err and "next sync" in result.err


def test_backup_facts_of_a_foreign_name() -> None:
    from pathlib import Path

    assert backup_facts(Path("ghi-chu.txt")) == (None, "")
    assert backup_facts(Path("lantoa.json.notadate.sync.bak")) == (None, "")
