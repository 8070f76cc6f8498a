"""`lantoa orgs …`: ministry units, provincial departments and press agencies."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from store import network
from store.i18n import _
from store.model import ORG_KINDS

from . import complete
from .common import info, print_fields, print_json, print_table, state

ORDER = 20
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("orgs",)

ORG_JSON_KEYS = (
    "id",
    "name",
    "short_name",
    "name_en",
    "kind",
    "province_code",
    "province",
    "region",
    "topics",
    "website",
    "emails",
    "phones",
    "tags",
    "notes",
    "parent_id",
    "successor_id",
    "ended",
    "created_at",
    "updated_at",
)
_LIST_KEYS = {"topics", "emails", "phones", "tags"}


def org_json(view: dict) -> dict:
    out: dict[str, Any] = {k: view.get(k, [] if k in _LIST_KEYS else None) for k in ORG_JSON_KEYS}
    out.update({k: v for k, v in view.items() if k not in out})
    return out


Json = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))]
Name = Annotated[str | None, typer.Option("--name", "-n", help=_("Full name of the organisation."))]
Short = Annotated[str | None, typer.Option("--short", help=_("Short name (Sở TT&TT Quảng Ninh)."))]
Kind = Annotated[
    str | None,
    typer.Option(
        "--kind",
        "-k",
        autocompletion=complete.org_kinds,
        help=_("Kind: {values}.", values=", ".join(ORG_KINDS)),
    ),
]
Province = Annotated[
    str | None,
    typer.Option(
        "--province", "-p", autocompletion=complete.provinces, help=_("Province name or GSO code.")
    ),
]
Region = Annotated[
    str | None, typer.Option("--region", help=_("Region (six socio-economic regions)."))
]
Topic = Annotated[list[str] | None, typer.Option("--topic", help=_("Topic (repeat for more)."))]
Website = Annotated[str | None, typer.Option("--website", help=_("Web site."))]
Email = Annotated[list[str] | None, typer.Option("--email", help=_("Email (repeat for more)."))]
Phone = Annotated[list[str] | None, typer.Option("--phone", help=_("Phone (repeat for more)."))]
Tag = Annotated[list[str] | None, typer.Option("--tag", "-t", help=_("Tag (repeat for more)."))]
Notes = Annotated[str | None, typer.Option("--notes", help=_("Free notes."))]
Parent = Annotated[str | None, typer.Option("--parent", help=_("Parent organisation."))]
Successor = Annotated[
    str | None, typer.Option("--successor", help=_("Organisation that took over (reorganisation)."))
]
NameEn = Annotated[str | None, typer.Option("--name-en", help=_("English name."))]


def _values(**options: Any) -> dict[str, Any]:
    mapping = {
        "short": "short_name",
        "province": "province_code",
        "topic": "topics",
        "email": "emails",
        "phone": "phones",
        "tag": "tags",
        "parent": "parent_id",
        "successor": "successor_id",
    }
    return {mapping.get(k, k): v for k, v in options.items() if v is not None}


def register(app: typer.Typer) -> None:
    orgs = typer.Typer(
        help=_("Organisations: list, add, show, edit, delete, merge."), no_args_is_help=True
    )
    app.add_typer(orgs, name="orgs")

    @orgs.command("list", help=_("List organisations by group, in Vietnamese order."))
    def list_(
        search: Annotated[
            str | None,
            typer.Option(
                "--search", "-s", help=_("Search names and topics (diacritics optional).")
            ),
        ] = None,
        kind: Kind = None,
        province: Province = None,
        region: Region = None,
        include_ended: Annotated[
            bool,
            typer.Option(
                "--all", help=_("Include organisations that ended (merged or dissolved).")
            ),
        ] = False,
        as_json: Json = False,
    ) -> None:
        snapshot = state.store().load()
        views = network.list_orgs(
            snapshot,
            search=search,
            kind=kind,
            province=province,
            region=region,
            include_ended=include_ended,
        )
        if as_json:
            print_json([org_json(v) for v in views])
            return
        counts: dict[str, int] = {}
        for contact in snapshot.live(network.CONTACTS):
            counts[contact.get("org_id") or ""] = counts.get(contact.get("org_id") or "", 0) + 1
        rows = [
            [
                v["id"][:8],
                v.get("name"),
                v.get("short_name"),
                _(ORG_KINDS.get(v.get("kind"), "")),
                v.get("province"),
                counts.get(v["id"], 0),
            ]
            for v in views
        ]
        print_table(
            [_("Id"), _("Name"), _("Short name"), _("Kind"), _("Province"), _("People")], rows
        )
        info(_("{n} organisations", n=len(views)))

    @orgs.command("show", help=_("Show an organisation and its people."))
    def show(
        ref: Annotated[str, typer.Argument(help=_("Id, id prefix, name or short name."))],
        as_json: Json = False,
    ) -> None:
        snapshot = state.store().load()
        org = network.resolve(snapshot, network.ORGS, ref)
        people = network.members(snapshot, org["id"])
        view = org_json(network.org_view(org))
        if as_json:
            view["contacts"] = [
                {
                    "id": p["id"],
                    "full_name": p.get("full_name"),
                    "title": p.get("title"),
                    "role": p.get("role"),
                }
                for p in people
            ]
            print_json(view)
            return
        by_id = snapshot.by_id(network.ORGS)
        print_fields(
            [
                (_("Name"), view["name"]),
                (_("Short name"), view["short_name"]),
                (_("English name"), view["name_en"]),
                (_("Kind"), _(ORG_KINDS.get(view["kind"], ""))),
                (_("Province"), view["province"]),
                (_("Region"), view["region"]),
                (_("Topics"), view["topics"]),
                (_("Website"), view["website"]),
                (_("Emails"), view["emails"]),
                (_("Phones"), view["phones"]),
                (_("Tags"), view["tags"]),
                (_("Notes"), view["notes"]),
                (_("Parent organisation"), (by_id.get(view["parent_id"] or "") or {}).get("name")),
                (
                    _("Successor organisation"),
                    (by_id.get(view["successor_id"] or "") or {}).get("name"),
                ),
                (_("Ended on"), view["ended"]),
                ("id", view["id"]),
            ]
        )
        if people:
            print_table(
                [_("Id"), _("Full name"), _("Title")],
                [[p["id"][:8], p.get("full_name"), p.get("title")] for p in people],
            )

    @orgs.command("add", help=_("Add an organisation."))
    def add(
        name: Name = None,
        short: Short = None,
        name_en: NameEn = None,
        kind: Kind = None,
        province: Province = None,
        region: Region = None,
        topic: Topic = None,
        website: Website = None,
        email: Email = None,
        phone: Phone = None,
        tag: Tag = None,
        notes: Notes = None,
        parent: Parent = None,
        successor: Successor = None,
        as_json: Json = False,
    ) -> None:
        values = _values(
            name=name,
            short=short,
            name_en=name_en,
            kind=kind,
            province=province,
            region=region,
            topic=topic,
            website=website,
            email=email,
            phone=phone,
            tag=tag,
            notes=notes,
            parent=parent,
            successor=successor,
        )
        values.setdefault("name", "")
        values.setdefault("kind", "")
        record = network.add_org(state.store(), values)
        if as_json:
            print_json(org_json(network.org_view(record)))
        else:
            info(_("Added {name} ({id}).", name=record["name"], id=record["id"][:8]))

    @orgs.command("edit", help=_("Change fields of an organisation."))
    def edit(
        ref: Annotated[str, typer.Argument(help=_("Id, id prefix, name or short name."))],
        name: Name = None,
        short: Short = None,
        name_en: NameEn = None,
        kind: Kind = None,
        province: Province = None,
        region: Region = None,
        topic: Topic = None,
        website: Website = None,
        email: Email = None,
        phone: Phone = None,
        tag: Tag = None,
        notes: Notes = None,
        parent: Parent = None,
        successor: Successor = None,
        as_json: Json = False,
    ) -> None:
        changes = _values(
            name=name,
            short=short,
            name_en=name_en,
            kind=kind,
            province=province,
            region=region,
            topic=topic,
            website=website,
            email=email,
            phone=phone,
            tag=tag,
            notes=notes,
            parent=parent,
            successor=successor,
        )
        if not changes:
            info(_("Nothing to change: give at least one option (see --help)."))
            raise typer.Exit(2)
        record = network.edit_org(state.store(), ref, changes)
        if as_json:
            print_json(org_json(network.org_view(record)))
        else:
            info(_("Updated {name}.", name=record["name"]))

    @orgs.command("rm", help=_("Delete an organisation (a tombstone that sync carries)."))
    def rm(
        ref: Annotated[str, typer.Argument(help=_("Id, id prefix, name or short name."))],
        force: Annotated[
            bool, typer.Option("--force", help=_("Delete even if people still belong to it."))
        ] = False,
    ) -> None:
        record, people = network.remove_org(state.store(), ref, force=force)
        info(_("Deleted {name}.", name=record.get("name")))
        if people:
            info(_("{n} contacts no longer have an organisation.", n=people))

    @orgs.command(
        "merge", help=_("Merge one organisation into another: people move, history stays.")
    )
    def merge(
        source: Annotated[str, typer.Argument(help=_("The organisation that ends."))],
        into: Annotated[str, typer.Argument(help=_("The organisation that takes it over."))],
        as_json: Json = False,
    ) -> None:
        record, moved = network.merge_orgs(state.store(), source, into)
        if as_json:
            print_json({"merged": org_json(network.org_view(record)), "contacts_moved": moved})
        else:
            info(
                _(
                    "Merged {name}: {n} contacts moved; it stays as history.",
                    name=record.get("name"),
                    n=moved,
                )
            )
