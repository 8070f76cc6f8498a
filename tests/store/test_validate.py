"""Validation at the boundary: phones to E.164, emails, dates, enums, and nothing invalid saved."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store import Store, ValidationError
from store import network as net
from store.model import validate
from store.validate import (
    _SEPARATORS,
    InvalidValue,
    _compact,
    national_phone,
    normalise_email,
    normalise_phone,
)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0912 345 678", "+84912345678"),
        ("0912.345.678", "+84912345678"),
        ("+84 912 345 678", "+84912345678"),
        ("0084912345678", "+84912345678"),
        ("024 3943 1234", "+842439431234"),
        ("(028) 3822 1234", "+842838221234"),
        ("0203 3825 123", "+842033825123"),
        ("+1 650 253 0000", "+16502530000"),
    ],
)
def test_phones_normalise_to_e164(raw: str, e164: str) -> None:
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["12345", "0912", "abc", "0112 345 678", "+84 000 000 000", ""])
def test_bad_phones_say_how_to_write_them(raw: str) -> None:
    with pytest.raises(InvalidValue, match=r"0912 345 678|empty"):
        normalise_phone(raw)


@settings(max_examples=500)
@given(st.text(alphabet="0123456789+ .-()/\t\u00a0\u2009\u0669\u00b2x", max_size=16))
def test_compacting_a_phone_drops_what_the_separator_regex_drops(raw: str) -> None:
    assert _compact(raw) == _SEPARATORS.sub("", raw)


digits = st.text(alphabet="0123456789", min_size=7, max_size=12)
spacing = st.sampled_from(["", " ", ".", "-"])


@settings(max_examples=400)
@given(st.sampled_from(["0", "+84", "0084"]), digits, spacing)
def test_fast_path_agrees_with_phonenumbers(prefix: str, number: str, sep: str) -> None:
    raw = prefix + sep.join([number[:3], number[3:6], number[6:]])
    try:
        parsed = phonenumbers.parse(raw, "VN")
        expected = (
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
            if phonenumbers.is_valid_number(parsed)
            else None
        )
    except phonenumbers.NumberParseException:
        expected = None
    try:
        got = normalise_phone(raw)
    except InvalidValue:
        got = None
    assert got == expected


def test_national_format_is_how_vietnamese_readers_write_numbers() -> None:
    assert national_phone("+84912345678") == "0912 345 678"
    assert national_phone("+842439431234") == "024 3943 1234"


@pytest.mark.parametrize("raw", ["lan@example.org", "Lan.Nguyen@Example.ORG", "a+b@sở.vn"])
def test_good_emails(raw: str) -> None:
    assert "@" in normalise_email(raw)


@pytest.mark.parametrize("raw", ["a@b", "x y@z.vn", "@example.org", "lan@", "lan@@x.vn", "a@b..vn"])
def test_bad_emails(raw: str) -> None:
    with pytest.raises(InvalidValue, match="not a valid email"):
        normalise_email(raw)


def test_contact_validation_normalises_everything() -> None:
    clean = validate(
        "contacts",
        {
            "full_name": "  Nguyễn   Thị  Lan ",
            "role": "phóng viên",
            "phones": "0912 345 678; 024 3943 1234",
            "emails": ["Lan@Example.org", "lan@example.org"],
            "province_code": "quang ninh",
            "beats": "chuyển đổi số, viễn thông",
            "do_not_contact": "có",
            "consent_date": "24/11/2023",
            "preferred_channel": "zalo",
        },
    )
    assert clean == {
        "full_name": "Nguyễn Thị Lan",
        "role": "journalist",
        "phones": ["+84912345678", "+842439431234"],
        "emails": ["Lan@example.org"],
        "province_code": "22",
        "beats": ["chuyển đổi số", "viễn thông"],
        "do_not_contact": True,
        "consent_date": "2023-11-24",
        "preferred_channel": "zalo",
    }


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationError) as info:
        validate("contacts", {"full_name": "", "role": "boss", "phones": "123", "emails": "x"})
    fields = info.value.fields
    assert set(fields) == {"full_name", "role", "phones", "emails"}
    assert "leader, spokesperson" in fields["role"]  # lists the allowed values


def test_control_characters_are_refused_in_single_line_fields() -> None:
    with pytest.raises(ValidationError, match="control characters"):
        validate("contacts", {"full_name": "Evil \x1b[31mName"})


def test_invalid_input_changes_nothing(store: Store) -> None:
    record, _ = net.add_contact(store, {"full_name": "Trần Văn Bảo", "phones": "0912345678"})
    before = store.path.read_bytes()
    with pytest.raises(ValidationError):
        net.edit_contact(store, record["id"], {"phones": "not a phone", "title": "Mới"})
    with pytest.raises(ValidationError):
        net.add_contact(store, {"full_name": "X", "emails": "nope"})
    assert store.path.read_bytes() == before


def test_decomposed_vietnamese_is_stored_composed(store: Store) -> None:
    """macOS and some keyboards send "ầ" as "a" plus marks; the store keeps one form (NFC)."""
    import unicodedata

    name, title = "Trần Thị Ánh", "Phó Giám đốc Sở"
    typed = {
        "full_name": unicodedata.normalize("NFD", name),
        "title": unicodedata.normalize("NFD", title),
        "notes": unicodedata.normalize("NFD", "Gọi trước\nrồi gửi Zalo"),
        "beats": unicodedata.normalize("NFD", "báo chí; chuyển đổi số"),
    }
    clean = validate("contacts", typed)
    assert clean["full_name"] == name and clean["title"] == title
    assert clean["notes"] == "Gọi trước\nrồi gửi Zalo"
    assert clean["beats"] == ["báo chí", "chuyển đổi số"]
    record, _warnings = net.add_contact(store, {"full_name": typed["full_name"]})
    assert record["full_name"] == name
    assert net.list_contacts(store.load(), net.ContactFilter(search="tran thi anh"))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2025-06-01", "2025-06-01"),
        ("15/03/2024", "2024-03-15"),
        ("2025-06-01T09:00:00", "2025-06-01"),
        ("2025-06-01Cục Thuế", None),
        ("2025-06-01 Cục Thuế", None),
        ("xyz", None),
    ],
)
def test_a_date_is_read_whole_never_cut(raw: str, expected: str | None) -> None:
    from store.validate import normalise_date

    if expected is None:
        with pytest.raises(InvalidValue):
            normalise_date(raw)
    else:
        assert normalise_date(raw) == expected
