"""Getting planned outreach out: email files (.eml), a mailto: link, a call sheet for phone/Zalo.

Pure functions (no Textual) so they are tested on their own: who has an address, the files to
write and their names, the mailto: URL, the numbers to call and the talking points to read.
Emails go to mail programs as drafts (`X-Unsent: 1`); Lan Tỏa never sends anything itself.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from pathlib import Path
from typing import Any

from store.compose import compose, to_eml
from store.i18n import _
from store.validate import national_phone
from store.vietnamese import fold

#: Channels a call sheet is for; email has its own exports; the rest are listed.
CALL_CHANNELS = ("phone", "zalo")
#: Longer mailto: links are cut by some mail programs and browsers.
MAILTO_SAFE_LENGTH = 2000


@dataclass
class Target:
    """One item's recipient: name, organisation, and how to reach them."""

    item_id: str
    name: str
    org: str
    channel: str
    emails: list[str]
    phones: list[str]
    zalo: str | None
    do_not_contact: bool = False


def targets(snapshot: Any, items: Iterable[Mapping[str, Any]]) -> list[Target]:
    """The people (or organisations) of `items`, with their addresses and numbers."""
    contacts = snapshot.by_id("contacts")
    orgs = snapshot.by_id("organisations")
    out: list[Target] = []
    for item in items:
        contact = contacts.get(item.get("contact_id") or "")
        org = orgs.get(item.get("org_id") or (contact or {}).get("org_id") or "") or {}
        record = contact if contact is not None else org
        out.append(
            Target(
                item_id=str(item.get("id") or ""),
                name=str((record or {}).get("full_name") or (record or {}).get("name") or ""),
                org=str(org.get("short_name") or org.get("name") or "") if contact else "",
                channel=str(item.get("channel") or "email"),
                emails=list((record or {}).get("emails") or []),
                phones=list((record or {}).get("phones") or []),
                zalo=(contact or {}).get("zalo"),
                do_not_contact=bool((contact or {}).get("do_not_contact")),
            )
        )
    return out


def email_addresses(found: Iterable[Target]) -> tuple[list[tuple[Target, Address]], list[str]]:
    """(target, address) for everyone with an email, once per address; notes for the others."""
    out: list[tuple[Target, Address]] = []
    notes: list[str] = []
    seen: set[str] = set()
    for target in found:
        if target.do_not_contact:
            notes.append(_("{name} is marked “do not contact”; left out.", name=target.name))
            continue
        if not target.emails:
            notes.append(_("{name} has no email address; left out.", name=target.name))
            continue
        address = Address(display_name=target.name, addr_spec=target.emails[0])
        if address.addr_spec.lower() not in seen:
            seen.add(address.addr_spec.lower())
            out.append((target, address))
    return out, notes


def slug(text: str, limit: int = 40) -> str:
    """ASCII file-name part from Vietnamese text: "Sở TT&TT Quảng Ninh" -> "so-tt-tt-quang-ninh"."""
    folded = fold(text).replace("đ", "d")
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:limit].strip("-")


def free_path(folder: Path, stem: str, suffix: str = ".eml") -> Path:
    """`folder/stem.eml`, or `stem-2.eml`… when that exists: an export never replaces a file."""
    path = folder / f"{stem}{suffix}"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path


def eml_each(
    message: Mapping[str, Any],
    sender: Address,
    recipients: list[tuple[Target, Address]],
    *,
    contact: str | None = None,
    when: datetime | None = None,
) -> list[tuple[str, bytes]]:
    """One email per recipient: (file stem, bytes)."""
    base = slug(str(message.get("title") or message.get("headline") or "")) or "message"
    return [
        (
            f"{base}--{slug(target.name) or 'recipient'}",
            to_eml(message, sender=sender, to=[address], when=when, contact=contact),
        )
        for target, address in recipients
    ]


def eml_bcc(
    message: Mapping[str, Any],
    sender: Address,
    addresses: list[Address],
    *,
    contact: str | None = None,
    when: datetime | None = None,
) -> tuple[str, bytes]:
    """One email to the sender with every recipient in Bcc (they do not see each other)."""
    base = slug(str(message.get("title") or message.get("headline") or "")) or "message"
    return f"{base}--bcc", to_eml(message, sender=sender, bcc=addresses, when=when, contact=contact)


def write_files(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    """Write each (stem, bytes) as a new .eml in `folder` (never replacing a file)."""
    from store.storage import atomic_write_bytes

    written = []
    for stem, payload in files:
        path = free_path(folder, stem)
        atomic_write_bytes(path, payload)
        written.append(path)
    return written


def mailto_url(
    addresses: list[Address],
    message: Mapping[str, Any] | None,
    *,
    contact: str | None = None,
    bcc: bool = True,
) -> str:
    """A mailto: link (RFC 6068) with the recipients, the subject and the press release text."""
    emails = ",".join(urllib.parse.quote(a.addr_spec, safe="@") for a in addresses)
    fields: list[tuple[str, str]] = []
    if bcc and emails:
        fields.append(("bcc", emails))
    if message is not None:
        composed = compose(message, "release", contact=contact)
        fields.append(("subject", composed.subject))
        fields.append(("body", composed.text().replace("\r\n", "\n").replace("\n", "\r\n")))
    query = "&".join(
        f"{k}={v if k == 'bcc' else urllib.parse.quote(v, safe='')}" for k, v in fields
    )
    return f"mailto:{'' if bcc else emails}" + (f"?{query}" if query else "")


def talking_points(message: Mapping[str, Any] | None, contact: str | None = None) -> str:
    """The talking points of the message as plain text (for a call), or nothing."""
    if message is None:
        return ""
    return compose(message, "talking-points", contact=contact).text()


def numbers(target: Target) -> str:
    """The numbers to dial for a target, as people read them: "0912 345 678 · Zalo 0912…"."""
    parts = [national_phone(p) for p in target.phones]
    if target.zalo:
        parts.append("Zalo " + national_phone(target.zalo))
    return " · ".join(parts)


def dial_text(target: Target) -> str:
    """What a copy of one row puts on the clipboard: the number for the item's channel."""
    if target.channel == "zalo" and target.zalo:
        return national_phone(target.zalo)
    if target.phones:
        return national_phone(target.phones[0])
    return national_phone(target.zalo) if target.zalo else ""
