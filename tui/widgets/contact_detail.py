"""The detail of one contact: every field, how to copy the useful ones, and its outreach history."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.i18n import _
from store.model import CHANNELS, CONTACT_FIELDS
from store.network import ContactEntry
from store.reference import provinces
from store.validate import national_phone

from .. import keys
from .keyorder import ActsAsRead
from .text import kind_label, plain, province_name, role_label

_SHOWN = {
    "full_name",
    "title",
    "role",
    "org_id",
    "province_code",
    "beats",
    "emails",
    "phones",
    "zalo",
    "preferred_channel",
    "tags",
    "notes",
    "do_not_contact",
    "consent_source",
    "consent_date",
}
_META = {"id", "created_at", "updated_at", "deleted", "deleted_at", "_clock"}


def status_label(status: object) -> str:
    """An outreach status in the UI language (the outreach model owns the labels)."""
    try:
        from store.outreach.model import STATUSES
    except ImportError:  # outreach not installed: show the stored key
        return plain(status)
    return _(STATUSES[status]) if status in STATUSES else plain(status)


def outreach_for(snapshot, contact_id: str) -> list[dict]:
    """Outreach items about this contact, newest first (empty until outreach exists)."""
    items = [o for o in snapshot.live("outreach") if o.get("contact_id") == contact_id]
    return sorted(items, key=lambda o: str(o.get("updated_at") or ""), reverse=True)


def detail_renderable(entry: ContactEntry, outreach: list[dict], messages: dict[str, dict]):
    """A Rich renderable of the contact; every cell is Text built from plain strings."""
    record = entry.record
    org = entry.org or {}
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")

    def row(label: str, value: object) -> None:
        text = plain(value)
        if text:
            table.add_row(Text(label), Text(text))

    region = ""
    if entry.province_code in provinces():
        region = provinces()[entry.province_code].region_vi
    row(_("Title"), record.get("title"))
    row(_("Role"), role_label(record.get("role")) if record.get("role") else "")
    row(_("Organisation"), org.get("name"))
    row(_("Group"), kind_label(org.get("kind")) if org.get("kind") else "")
    row(_("Province"), province_name(entry.province_code))
    row(_("Region"), region or entry.region)
    row(_("Beats"), record.get("beats"))
    if record.get("emails"):
        table.add_row(Text(_("Emails")), Addresses([plain(e) for e in record["emails"]]))
    row(_("Phones"), [national_phone(p) for p in record.get("phones") or []])
    row(_("Zalo"), national_phone(record["zalo"]) if record.get("zalo") else "")
    channel = record.get("preferred_channel")
    row(_("Preferred channel"), _(CHANNELS[channel]) if channel in CHANNELS else channel)
    row(_("Tags"), record.get("tags"))
    row(_("Notes"), record.get("notes"))
    if record.get("do_not_contact"):
        table.add_row(Text(_("Do not contact")), Text(_("yes"), style="bold red"))
    row(_("Consent source"), record.get("consent_source"))
    row(_("Consent date"), record.get("consent_date"))
    for name in sorted(set(record) - _SHOWN - _META - set(CONTACT_FIELDS)):
        row(name, record.get(name))
    row(_("Updated"), str(record.get("updated_at") or "")[:10])
    row("id", record.get("id"))

    title = Text(plain(record.get("full_name")), style="bold")
    hint = Text(
        _(
            "{email} copy email · {phone} copy phone · {zalo} copy Zalo",
            email=keys.display_keys("network.copy_email"),
            phone=keys.display_keys("network.copy_phone"),
            zalo=keys.display_keys("network.copy_zalo"),
        ),
        style="dim",
    )
    history = Text(_("Outreach history"), style="bold")
    if outreach:
        log = Table.grid(padding=(0, 1))
        log.add_column(no_wrap=True)
        log.add_column(no_wrap=True)
        log.add_column(overflow="fold")
        for item in outreach[:50]:
            message = messages.get(item.get("message_id") or "") or {}
            what = plain(message.get("title") or message.get("headline") or item.get("note"))
            channel = item.get("channel")
            log.add_row(
                Text(str(item.get("updated_at") or "")[:10]),
                Text(
                    " · ".join(
                        filter(
                            None,
                            [
                                _(CHANNELS[channel]) if channel in CHANNELS else plain(channel),
                                status_label(item.get("status")),
                            ],
                        )
                    )
                ),
                _with_note(what, item, message),
            )
        body = log
    else:
        body = Text(_("Nothing sent to this person yet."), style="dim")
    return Group(title, table, Text(""), hint, Text(""), history, body)


class Addresses:
    """Email addresses one per line. An address wider than the column breaks before its "@"
    (never inside a name: "an.nguyen@da" + "nang.gov.vn" reads as two wrong addresses), and
    only a part still too wide is folded."""

    def __init__(self, addresses: list[str]) -> None:
        self.addresses = addresses

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        parts = [p for a in self.addresses for p in _halves(a)]
        return Measurement(
            max(map(cell_len, parts), default=1), max(map(cell_len, self.addresses), default=1)
        )

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines: list[str] = []
        for address in self.addresses:
            fits = cell_len(address) <= options.max_width
            lines.extend([address] if fits else _halves(address))
        yield Text("\n".join(lines), overflow="fold")


def _halves(address: str) -> list[str]:
    local, at, domain = address.partition("@")
    return [local, at + domain] if at and local else [address]


def _with_note(what: str, item: dict, message: dict) -> Text:
    """The message title, then (dimmed) the item's latest note and its coverage link."""
    text = Text(what)
    extras = [item.get("note") if message else None, item.get("link")]
    for extra in filter(None, extras):
        text.append("\n" + plain(extra), style="dim")
    return text


class ContactDetail(ActsAsRead, VerticalScroll):
    """The detail panel beside the list (dropped in the narrow layout) and the contact screen."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.entry: ContactEntry | None = None
        self.renderable = None  # what the panel shows (kept for tests and screenshots)
        self._body = Static(id="detail-body")

    def compose(self):
        yield self._body

    def show(self, entry: ContactEntry | None, snapshot=None, note: str = "") -> None:
        self.entry = entry
        if entry is None or snapshot is None:
            self._body.update(Text(note or _("No contact selected."), style="dim"))
            return
        messages = snapshot.by_id("messages") if snapshot.live("outreach") else {}
        self.renderable = detail_renderable(entry, outreach_for(snapshot, entry.id), messages)
        self._body.update(self.renderable)

    def help_markdown(self) -> str:
        return _(
            "## Contact detail\n\nEvery field of the highlighted contact, and what was sent to "
            "them (outreach history).\n\nCopy the email, phone or Zalo with the keys shown; the "
            "copy goes to the system clipboard through the terminal."
        )
