"""What `lantoa import` prints for people: the file as it was read (format, encoding, columns),
the counts per table, the changes of a dry run, and the rows rejected or skipped, and why."""

from __future__ import annotations

from typing import TYPE_CHECKING

from store.headers import CONTACTS, ORGS
from store.i18n import N_, _

from .common import info

if TYPE_CHECKING:
    from store.importer import ImportReport

SHOW_AT_MOST = 50
_TABLES = {CONTACTS: N_("Contacts"), ORGS: N_("Organisations")}


def _field_label(table: str, name: str) -> str:
    from store.model import ENTITY_FIELDS

    labels = {
        "organisation": _("Organisation (name or id)"),
        "phones_national": _("Phones (national)"),
        "family_name": _("Family name"),
        "middle_name": _("Middle name"),
        "given_name": _("Given name"),
        "org_id": _("Organisation id"),
        "id": "id",
    }
    if name in labels:
        return labels[name]
    spec = ENTITY_FIELDS[table].get(name)
    return _(spec.label) if spec else name


def print_report(report: ImportReport) -> None:
    from store.rows import where

    details = [report.format.upper(), report.encoding.upper()]
    if report.delimiter:
        details.append(_("delimiter {d}", d={"\t": "tab"}.get(report.delimiter, report.delimiter)))
    if report.header_line and report.header_line > 1:
        details.append(_("headers on line {n}", n=report.header_line))
    info(_("{file} ({details}).", file=report.file, details=", ".join(details)))
    for table, columns in report.columns.items():
        pairs = [(header, _field_label(table, name)) for header, name in columns.items()]
        pairs = [(h, label) for h, label in pairs if h.casefold() != label.casefold()]
        if pairs:  # how headers that are not our own labels were read
            info(_("Columns: {pairs}", pairs="; ".join(f"{h} -> {label}" for h, label in pairs)))
        ignored = report.ignored_columns.get(table)
        if ignored:
            info(_("Ignored columns (not known): {names}", names=", ".join(ignored)))
    for table, counts in report.tables.items():
        if report.dry_run:
            line = _(
                "{table}: would add {added}, would update {updated}, unchanged {unchanged}, "
                "skipped {skipped}, rejected {rejected}.",
                table=_(_TABLES[table]),
                **counts,
            )
        else:
            line = _(
                "{table}: added {added}, updated {updated}, unchanged {unchanged}, skipped "
                "{skipped}, rejected {rejected}.",
                table=_(_TABLES[table]),
                **counts,
            )
        info(line)
    if report.created_organisations:
        names = ", ".join(o["name"] for o in report.created_organisations[:SHOW_AT_MOST])
        info(_('New organisations (kind "other"): {names}', names=names))
    if report.dry_run:
        for change in report.changes[:20]:
            values = {
                "where": where(change["line"], change["record"]),
                "name": change["name"],
                "fields": ", ".join(_field_label(change["table"], f) for f in change["fields"]),
            }
            if change["action"] == "added":
                info(_("  {where}: add {name} ({fields})", **values))
            else:
                info(_("  {where}: update {name} ({fields})", **values))
        if len(report.changes) > 20:
            info(_("  … and {n} more changes (see --json).", n=len(report.changes) - 20))
    _print_list(_("Rejected:"), report.rejections)
    _print_list(_("Skipped:"), report.skips)
    for warning in report.warnings[:SHOW_AT_MOST]:
        info(_("Warning: {message}", message=warning))
    if len(report.warnings) > SHOW_AT_MOST:
        info(_("… and {n} more warnings (see --json).", n=len(report.warnings) - SHOW_AT_MOST))
    if report.dry_run:
        info(_("Dry run: nothing was written."))
    elif report.held_back:
        info(_("Nothing was written (--all-or-nothing): fix the rejected rows and import again."))
    elif not report.applied:
        info(_("Nothing changed; the store was not rewritten."))


def _print_list(title: str, items: list[dict]) -> None:
    from store.rows import where

    if not items:
        return
    info(title)
    for item in items[:SHOW_AT_MOST]:
        name = f" ({item['name']})" if item.get("name") else ""
        info(f"  {where(item['line'], item['record'])}{name}: {item['reason']}")
    if len(items) > SHOW_AT_MOST:
        info(_("  … and {n} more (see --json).", n=len(items) - SHOW_AT_MOST))
