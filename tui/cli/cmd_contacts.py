"""`lantoa contacts …`: find, add, show, edit and delete the people of the network."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from store import network
from store.i18n import _
from store.model import CHANNELS, ROLES
from store.validate import national_phone

from . import complete
from .common import UsageFailure, info, print_fields, print_json, print_table, state

ORDER = 10
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("contacts",)

Name = Annotated[str | None, typer.Option("--name", "-n", help=_("Full name (family name first)."))]
Org = Annotated[
    str | None, typer.Option("--org", "-o", help=_("Organisation: id, id prefix or name."))
]
Title = Annotated[str | None, typer.Option("--title", help=_("Job title."))]
Role = Annotated[
    str | None,
    typer.Option(
        "--role", autocompletion=complete.roles, help=_("Role: {values}.", values=", ".join(ROLES))
    ),
]
Beat = Annotated[
    list[str] | None, typer.Option("--beat", help=_("Beat or topic (repeat for more)."))
]
Email = Annotated[list[str] | None, typer.Option("--email", help=_("Email (repeat for more)."))]
Phone = Annotated[list[str] | None, typer.Option("--phone", help=_("Phone (repeat for more)."))]
Zalo = Annotated[str | None, typer.Option("--zalo", help=_("Zalo phone number or id."))]
Channel = Annotated[
    str | None,
    typer.Option(
        "--channel",
        autocompletion=complete.channels,
        help=_("Preferred channel: {values}.", values=", ".join(CHANNELS)),
    ),
]
Province = Annotated[
    str | None,
    typer.Option(
        "--province", "-p", autocompletion=complete.provinces, help=_("Province name or GSO code.")
    ),
]
Tag = Annotated[list[str] | None, typer.Option("--tag", "-t", help=_("Tag (repeat for more)."))]
Notes = Annotated[str | None, typer.Option("--notes", help=_("Free notes."))]
ConsentSource = Annotated[
    str | None,
    typer.Option("--consent-source", help=_("Where consent to keep this contact came from.")),
]
ConsentDate = Annotated[
    str | None, typer.Option("--consent-date", help=_("Date consent was given."))
]
Json = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))]


CLEARABLE = {
    "org": "org_id",
    "title": "title",
    "role": "role",
    "beats": "beats",
    "emails": "emails",
    "phones": "phones",
    "zalo": "zalo",
    "channel": "preferred_channel",
    "province": "province_code",
    "tags": "tags",
    "notes": "notes",
    "consent_source": "consent_source",
    "consent_date": "consent_date",
}


def _values(**options: Any) -> dict[str, Any]:
    mapping = {
        "name": "full_name",
        "org": "org_id",
        "beat": "beats",
        "email": "emails",
        "phone": "phones",
        "channel": "preferred_channel",
        "province": "province_code",
        "tag": "tags",
    }
    return {mapping.get(k, k): v for k, v in options.items() if v is not None}


def show_contact(view: dict) -> None:
    print_fields(
        [
            (_("Full name"), view.get("full_name")),
            (_("Title"), view.get("title")),
            (_("Role"), _(ROLES.get(view.get("role") or "", "")) if view.get("role") else None),
            (_("Organisation"), view.get("org_name")),
            (_("Province"), view.get("province")),
            (_("Region"), view.get("region")),
            (_("Beats"), view.get("beats")),
            (_("Emails"), view.get("emails")),
            (_("Phones"), [national_phone(p) for p in view.get("phones") or []]),
            (_("Zalo"), view.get("zalo")),
            (
                _("Preferred channel"),
                _(CHANNELS[view["preferred_channel"]]) if view.get("preferred_channel") else None,
            ),
            (_("Tags"), view.get("tags")),
            (_("Notes"), view.get("notes")),
            (_("Do not contact"), view.get("do_not_contact")),
            (_("Consent source"), view.get("consent_source")),
            (_("Consent date"), view.get("consent_date")),
            ("id", view.get("id")),
            (_("Updated"), view.get("updated_at")),
        ]
    )


def register(app: typer.Typer) -> None:
    contacts = typer.Typer(
        help=_("People of the network: find, add, show, edit, delete."), no_args_is_help=True
    )
    app.add_typer(contacts, name="contacts")

    @contacts.command(
        "list", help=_("List contacts in directory order (given name, middle, family).")
    )
    def list_(
        search: Annotated[
            str | None,
            typer.Option(
                "--search",
                "-s",
                help=_(
                    "Search name, organisation, title, beats, email and phone "
                    "(diacritics optional)."
                ),
            ),
        ] = None,
        kind: Annotated[
            str | None,
            typer.Option(
                "--kind",
                "-k",
                autocompletion=complete.org_kinds,
                help=_(
                    "Organisation group: ministry_unit, provincial_department, press_agency, other."
                ),
            ),
        ] = None,
        org: Org = None,
        province: Province = None,
        region: Annotated[
            str | None, typer.Option("--region", help=_("Region (six socio-economic regions)."))
        ] = None,
        beat: Annotated[str | None, typer.Option("--beat", "-b", help=_("Beat or topic."))] = None,
        role: Role = None,
        tag: Annotated[str | None, typer.Option("--tag", "-t", help=_("Tag."))] = None,
        limit: Annotated[
            int | None, typer.Option("--limit", min=1, help=_("Show at most this many."))
        ] = None,
        as_json: Json = False,
    ) -> None:
        snapshot = state.store().load()
        criteria = network.build_filter(
            snapshot,
            search=search,
            kind=kind,
            org=org,
            province=province,
            region=region,
            beat=beat,
            role=role,
            tag=tag,
        )
        views = network.list_contacts(snapshot, criteria)
        if limit is not None:
            views = views[: max(limit, 0)]
        if as_json:
            print_json(views)
            return
        rows = [
            [
                v["id"][:8],
                v.get("full_name"),
                v.get("title"),
                v.get("org_name"),
                v.get("province"),
                _(ROLES[v["role"]]) if v.get("role") in ROLES else "",
            ]
            for v in views
        ]
        print_table(
            [_("Id"), _("Full name"), _("Title"), _("Organisation"), _("Province"), _("Role")], rows
        )
        info(_("{n} contacts", n=len(views)))

    @contacts.command("show", help=_("Show every field of one contact."))
    def show(
        ref: Annotated[str, typer.Argument(help=_("Id, id prefix or exact name."))],
        as_json: Json = False,
    ) -> None:
        snapshot = state.store().load()
        record = network.resolve(snapshot, network.CONTACTS, ref)
        orgs = snapshot.by_id(network.ORGS)
        view = network.contact_view(record, orgs)
        if as_json:
            print_json(view)
        else:
            show_contact(view)

    @contacts.command("add", help=_("Add a contact."))
    def add(
        name: Name = None,
        org: Org = None,
        title: Title = None,
        role: Role = None,
        beat: Beat = None,
        email: Email = None,
        phone: Phone = None,
        zalo: Zalo = None,
        channel: Channel = None,
        province: Province = None,
        tag: Tag = None,
        notes: Notes = None,
        do_not_contact: Annotated[
            bool, typer.Option("--do-not-contact", help=_("Mark as not to be contacted."))
        ] = False,
        consent_source: ConsentSource = None,
        consent_date: ConsentDate = None,
        as_json: Json = False,
    ) -> None:
        values = _values(
            name=name,
            org=org,
            title=title,
            role=role,
            beat=beat,
            email=email,
            phone=phone,
            zalo=zalo,
            channel=channel,
            province=province,
            tag=tag,
            notes=notes,
            consent_source=consent_source,
            consent_date=consent_date,
        )
        values.setdefault("full_name", "")
        if do_not_contact:
            values["do_not_contact"] = True
        store = state.store()
        record, warnings = network.add_contact(store, values)
        for warning in warnings:
            info(_("Warning: {message}", message=warning))
        view = network.contact_view(record, store.load().by_id(network.ORGS))
        if as_json:
            print_json(view)
        else:
            info(_("Added {name} ({id}).", name=record["full_name"], id=record["id"][:8]))

    @contacts.command(
        "edit", help=_("Change fields of a contact; fields not given stay as they are.")
    )
    def edit(
        ref: Annotated[str, typer.Argument(help=_("Id, id prefix or exact name."))],
        name: Name = None,
        org: Org = None,
        title: Title = None,
        role: Role = None,
        beat: Beat = None,
        email: Email = None,
        phone: Phone = None,
        zalo: Zalo = None,
        channel: Channel = None,
        province: Province = None,
        tag: Tag = None,
        notes: Notes = None,
        do_not_contact: Annotated[
            bool | None,
            typer.Option(
                "--do-not-contact/--may-contact",
                help=_("Set or clear the do-not-contact flag."),
                show_default=False,
            ),
        ] = None,
        consent_source: ConsentSource = None,
        consent_date: ConsentDate = None,
        add_tag: Annotated[
            list[str] | None, typer.Option("--add-tag", help=_("Add a tag."))
        ] = None,
        remove_tag: Annotated[
            list[str] | None, typer.Option("--remove-tag", help=_("Remove a tag."))
        ] = None,
        clear: Annotated[
            list[str] | None, typer.Option("--clear", help=_("Empty a field (e.g. --clear zalo)."))
        ] = None,
        as_json: Json = False,
    ) -> None:
        changes = _values(
            name=name,
            org=org,
            title=title,
            role=role,
            beat=beat,
            email=email,
            phone=phone,
            zalo=zalo,
            channel=channel,
            province=province,
            tag=tag,
            notes=notes,
            consent_source=consent_source,
            consent_date=consent_date,
        )
        if do_not_contact is not None:
            changes["do_not_contact"] = do_not_contact or None
        store = state.store()
        if add_tag or remove_tag:
            current = network.resolve(store.load(), network.CONTACTS, ref)
            tags = list(changes.get("tags") or current.get("tags") or [])
            tags += [t for t in add_tag or [] if t not in tags]
            tags = [t for t in tags if t not in (remove_tag or [])]
            changes["tags"] = tags or None
        for field_name in clear or []:
            key = CLEARABLE.get(field_name.replace("-", "_"))
            if key is None:
                raise UsageFailure(_("--clear takes one of: {names}", names=", ".join(CLEARABLE)))
            changes[key] = None
        if not changes:
            info(_("Nothing to change: give at least one option (see --help)."))
            raise typer.Exit(2)
        record = network.edit_contact(store, ref, changes)
        view = network.contact_view(record, store.load().by_id(network.ORGS))
        if as_json:
            print_json(view)
        else:
            info(_("Updated {name}.", name=record["full_name"]))

    @contacts.command(
        "rm",
        help=_(
            "Delete contacts (kept as tombstones so sync carries the deletion; `restore` undoes)."
        ),
    )
    def rm(
        refs: Annotated[list[str], typer.Argument(help=_("Ids, id prefixes or exact names."))],
        as_json: Json = False,
    ) -> None:
        store = state.store()
        removed = [network.remove_contact(store, ref) for ref in refs]
        if as_json:
            print_json([{"id": r["id"], "full_name": r.get("full_name")} for r in removed])
        for record in removed:
            info(
                _(
                    "Deleted {name} ({id}). Undo: lantoa contacts restore {id}",
                    name=record.get("full_name"),
                    id=record["id"][:8],
                )
            )

    @contacts.command("restore", help=_("Bring back a deleted contact."))
    def restore(
        record_id: Annotated[
            str, typer.Argument(help=_("Id, id prefix or name of a deleted contact."))
        ],
    ) -> None:
        store = state.store()
        found = network.resolve_deleted(store.load(), network.CONTACTS, record_id)
        record = network.restore_record(store, network.CONTACTS, found["id"])
        info(_("Restored {name}.", name=record.get("full_name")))
