"""Finding, filtering and changing the network's organisations and contacts."""

from __future__ import annotations

import pytest

from store import AmbiguousError, NotFoundError, Store, ValidationError
from store import network as net


@pytest.fixture
def small(store: Store) -> Store:
    qn = net.add_org(
        store,
        {
            "name": "Sở Thông tin và Truyền thông Quảng Ninh",
            "short_name": "Sở TT&TT Quảng Ninh",
            "kind": "provincial_department",
            "province_code": "22",
        },
    )
    qnam = net.add_org(
        store,
        {
            "name": "Sở Thông tin và Truyền thông Quảng Nam",
            "kind": "provincial_department",
            "province_code": "49",
        },
    )
    vnn = net.add_org(
        store, {"name": "Báo VietNamNet", "kind": "press_agency", "topics": ["chuyển đổi số"]}
    )
    people = [
        ("Đặng Thị Hoa", qn, "spokesperson", ["báo chí"], "0912000001"),
        ("Nguyễn Văn Lân", qn, "comms_officer", [], "0912000002"),
        ("Trần Thị Lan", qnam, "spokesperson", [], "0912000003"),
        ("Lê Minh Anh", vnn, "journalist", ["chuyển đổi số", "viễn thông"], "0912000004"),
        ("Phạm Quang Ninh", vnn, "editor", ["an toàn thông tin"], "0912000005"),
    ]
    for name, org, role, beats, phone in people:
        net.add_contact(
            store,
            {
                "full_name": name,
                "org_id": org["id"],
                "role": role,
                "beats": beats,
                "phones": phone,
                "tags": ["mạng lưới"],
            },
        )
    return store


def names(views: list[dict]) -> list[str]:
    return [v["full_name"] for v in views]


def test_search_without_diacritics_finds_the_province(small: Store) -> None:
    snap = small.load()
    found = net.list_contacts(snap, net.build_filter(snap, search="quang ninh"))
    # the department's people, and the editor whose own name is Quang Ninh
    assert set(names(found)) == {"Đặng Thị Hoa", "Nguyễn Văn Lân", "Phạm Quang Ninh"}
    assert (
        names(net.list_contacts(snap, net.build_filter(snap, search="dang")))[0] == "Đặng Thị Hoa"
    )


def test_search_covers_title_beats_email_and_phone(small: Store) -> None:
    snap = small.load()
    assert names(net.list_contacts(snap, net.build_filter(snap, search="vien thong"))) == [
        "Lê Minh Anh"
    ]
    assert names(net.list_contacts(snap, net.build_filter(snap, search="0912000003"))) == [
        "Trần Thị Lan"
    ]
    assert names(net.list_contacts(snap, net.build_filter(snap, search="+84912000005"))) == [
        "Phạm Quang Ninh"
    ]


def test_query_with_diacritics_lists_exact_matches_first(small: Store) -> None:
    snap = small.load()
    found = names(net.list_contacts(snap, net.build_filter(snap, search="Lân")))
    assert found == ["Nguyễn Văn Lân", "Trần Thị Lan"]
    found = names(net.list_contacts(snap, net.build_filter(snap, search="lan")))
    assert found == ["Trần Thị Lan", "Nguyễn Văn Lân"]  # directory order: Lan < Lân


def test_whole_words_rank_before_parts_of_words(store: Store) -> None:
    """ "can tho" listed journalists of the CAND newspaper ("cand" in an email, "thông" in the
    organisation's name) before the people of Cần Thơ."""
    ct = net.add_org(
        store,
        {"name": "Sở Thông tin và Truyền thông Cần Thơ", "kind": "provincial_department"},
    )
    cand = net.add_org(store, {"name": "Báo Công an nhân dân", "kind": "press_agency"})
    net.add_contact(
        store,
        {
            "full_name": "An Văn Bình",
            "org_id": cand["id"],
            "title": "Phóng viên thông tấn",
            "emails": "binh@cand.example",
        },
    )
    net.add_contact(store, {"full_name": "Vũ Thị Yến", "org_id": ct["id"]})
    net.add_contact(store, {"full_name": "Lê Văn Cần", "title": "Phóng viên thời sự Thơ"})
    snap = store.load()
    found = names(net.list_contacts(snap, net.build_filter(snap, search="can tho")))
    # the phrase as words (Cần Thơ), then each word whole (Cần … Thơ), then parts of words
    assert found == ["Vũ Thị Yến", "Lê Văn Cần", "An Văn Bình"]


def test_filters_combine(small: Store) -> None:
    snap = small.load()
    f = net.build_filter(snap, kind="sở", role="spokesperson")
    assert names(net.list_contacts(snap, f)) == ["Đặng Thị Hoa", "Trần Thị Lan"]
    f = net.build_filter(snap, region="red river delta", role="spokesperson")
    assert names(net.list_contacts(snap, f)) == ["Đặng Thị Hoa"]
    f = net.build_filter(snap, province="Quảng Nam")
    assert names(net.list_contacts(snap, f)) == ["Trần Thị Lan"]
    f = net.build_filter(snap, beat="chuyen doi so", org="Báo VietNamNet")
    assert names(net.list_contacts(snap, f)) == ["Lê Minh Anh"]
    f = net.build_filter(snap, tag="MẠNG LƯỚI")
    assert len(net.list_contacts(snap, f)) == 5


def test_bad_filter_values_say_what_is_allowed(small: Store) -> None:
    snap = small.load()
    with pytest.raises(ValidationError) as info:
        net.build_filter(snap, kind="bogus", role="boss", province="Atlantis", region="Mars")
    assert set(info.value.fields) == {"kind", "role", "province", "region"}
    assert "press_agency" in info.value.fields["kind"]


def test_resolve_by_id_prefix_and_name(small: Store) -> None:
    snap = small.load()
    hoa = net.resolve(snap, "contacts", "dang thi hoa")
    assert net.resolve(snap, "contacts", hoa["id"])["id"] == hoa["id"]
    assert net.resolve(snap, "contacts", hoa["id"][:6])["id"] == hoa["id"]
    assert net.resolve(snap, "organisations", "Sở TT&TT Quảng Ninh")["province_code"] == "22"
    with pytest.raises(NotFoundError, match="lantoa contacts list"):
        net.resolve(snap, "contacts", "Không Ai")


def test_ambiguous_reference_lists_candidates(store: Store) -> None:
    a, _ = net.add_contact(store, {"full_name": "Nguyễn Văn An"})
    b, _ = net.add_contact(store, {"full_name": "Nguyễn Văn Án"})
    with pytest.raises(AmbiguousError) as info:
        net.resolve(store.load(), "contacts", "nguyen van an")
    assert {c["id"] for c in info.value.candidates} == {a["id"], b["id"]}
    assert net.resolve(store.load(), "contacts", "Nguyễn Văn Án")["id"] == b["id"]


def test_contact_in_unknown_org_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError, match="No organisation matches"):
        net.add_contact(store, {"full_name": "Ai Đó", "org_id": "Báo Không Có"})
    assert store.load().live("contacts") == []


def test_duplicate_email_or_phone_warns(small: Store) -> None:
    _, warnings = net.add_contact(small, {"full_name": "Người Trùng", "phones": "0912 000 001"})
    assert warnings and "Đặng Thị Hoa" in warnings[0]


def test_org_with_people_cannot_be_deleted_without_force(small: Store) -> None:
    with pytest.raises(ValidationError, match="2 contacts belong"):
        net.remove_org(small, "Sở TT&TT Quảng Ninh")
    record, people = net.remove_org(small, "Sở TT&TT Quảng Ninh", force=True)
    assert people == 2 and record["deleted"]


def test_merge_moves_people_and_keeps_history(small: Store) -> None:
    merged, moved = net.merge_orgs(
        small, "Sở Thông tin và Truyền thông Quảng Nam", "Sở TT&TT Quảng Ninh"
    )
    assert moved == 1
    snap = small.load()
    target = net.resolve(snap, "organisations", "Sở TT&TT Quảng Ninh")
    assert merged["successor_id"] == target["id"] and merged["ended"]
    assert len(net.members(snap, target["id"])) == 3
    assert all(o["id"] != merged["id"] for o in net.list_orgs(snap))
    assert any(o["id"] == merged["id"] for o in net.list_orgs(snap, include_ended=True))


def test_orgs_list_groups_by_kind_in_vietnamese_order(small: Store) -> None:
    listed = [o["name"] for o in net.list_orgs(small.load())]
    assert listed == [
        "Sở Thông tin và Truyền thông Quảng Nam",
        "Sở Thông tin và Truyền thông Quảng Ninh",
        "Báo VietNamNet",
    ]
    assert [o["name"] for o in net.list_orgs(small.load(), search="chuyen doi")] == [
        "Báo VietNamNet"
    ]


def test_a_reference_may_be_the_unique_words_of_a_name(store: Store) -> None:
    """`messages check "doanh thu"` finds the one message whose title has those words."""
    with store.transaction() as tx:
        tx.insert("messages", {"title": "Doanh thu ngành năm 2022", "kind": "achievement"})
        tx.insert("messages", {"title": "Lao động ngành năm 2022", "kind": "achievement"})
    snap = store.load()
    assert net.resolve(snap, "messages", "doanh thu")["title"] == "Doanh thu ngành năm 2022"
    assert net.resolve(snap, "messages", "DOANH THU NGANH")["title"] == "Doanh thu ngành năm 2022"
    with pytest.raises(AmbiguousError) as ambiguous:
        net.resolve(snap, "messages", "nganh nam 2022")
    assert "Doanh thu" in str(ambiguous.value) and "Lao động" in str(ambiguous.value)
    with pytest.raises(NotFoundError):
        net.resolve(snap, "messages", "doanh th")  # whole words only: no guessing from fragments


def test_a_whole_name_comes_before_people_who_only_share_its_words(store: Store) -> None:
    for name, title in [
        ("Nguyễn Hữu An", "Chánh Văn phòng"),
        ("Nguyễn Văn Anh", "Phóng viên"),
        ("Trần Nguyễn Văn An", "Biên tập viên"),
        ("Nguyễn Văn An", "Phóng viên"),
    ]:
        net.add_contact(store, {"full_name": name, "title": title})
    snap = store.load()
    found = [
        c["full_name"]
        for c in net.list_contacts(snap, net.build_filter(snap, search="nguyen van an"))
    ]
    # the name itself, then names holding it as whole words, then the rest in directory order
    assert found == ["Nguyễn Văn An", "Trần Nguyễn Văn An", "Nguyễn Hữu An", "Nguyễn Văn Anh"]


def test_the_same_name_in_the_same_organisation_warns(small: Store) -> None:
    first, _ = net.add_contact(small, {"full_name": "Lê Văn Tám", "org_id": "Báo VietNamNet"})
    again, warnings = net.add_contact(
        small, {"full_name": "le van tam", "org_id": "Báo VietNamNet"}
    )
    assert len(warnings) == 1
    assert first["id"][:8] in warnings[0] and again["id"][:8] in warnings[0]
    _elsewhere, none = net.add_contact(small, {"full_name": "Lê Văn Tám"})
    assert none == []


@pytest.mark.parametrize("zalo", ["0900000232 X", "0912 345 678 ext", "091234"])
def test_a_zalo_value_is_a_whole_phone_number_or_an_id(store: Store, zalo: str) -> None:
    with pytest.raises(ValidationError, match="Zalo"):
        net.add_contact(store, {"full_name": "Ai Đó", "zalo": zalo})
    assert net.add_contact(store, {"full_name": "Ai Đó", "zalo": "0912 345 678"})[0]["zalo"] == (
        "+84912345678"
    )


def test_an_ambiguous_reference_says_it_lists_only_the_first_ten(store: Store) -> None:
    for given in ("An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khoa", "Lan", "Minh", "Nga", "Oanh"):
        net.add_contact(store, {"full_name": f"Nguyễn Văn {given}"})
    with pytest.raises(AmbiguousError) as caught:
        net.resolve(store.load(), "contacts", "Nguyễn")
    message = str(caught.value)
    assert "matches 11 records: the first 10:" in message
    assert message.count("Nguyễn Văn") == 10
    for given in ("Hoa", "Huệ"):
        net.add_contact(store, {"full_name": f"Trần Thị {given}"})
    with pytest.raises(AmbiguousError) as few:
        net.resolve(store.load(), "contacts", "Trần")
    assert "matches 2 records: " in str(few.value) and "the first" not in str(few.value)
