"""`lantoa import` and `lantoa export`: contacts and organisations to and from CSV or JSON files.

`import --json` prints the report (see `ImportReport.to_json`): counts (added, updated, unchanged,
skipped, rejected, per table in `tables`), `created_organisations`, `rejections` and `skips` (each
with `line` or `record`, `name`, `reason`), `changes` (`action`, `id`, changed `fields`),
`columns` (header -> field), `ignored_columns` and `warnings`. Exit code 1 when a row was rejected
(the valid rows are still applied unless --all-or-nothing) or the file cannot be read at all.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from store.errors import LantoaError
from store.i18n import _, get_language

from . import complete
from .common import info, print_json, state

ORDER = 30
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("import", "export")
#: Table names (as in store.headers); the import machinery loads only when a command runs.
CONTACTS, ORGS = "contacts", "organisations"
_TABLE_NAMES = {"contacts": CONTACTS, "orgs": ORGS, "organisations": ORGS, "organizations": ORGS}
_DELIMITERS = {
    ",": ",",
    "comma": ",",
    ";": ";",
    "semicolon": ";",
    "tab": "\t",
    "\\t": "\t",
    "\t": "\t",
}


def _table_option(value: str | None, allow_all: bool) -> str | None:
    if value is None:
        return None
    key = value.strip().lower()
    if key == "all" and allow_all:
        return "all"
    if key not in _TABLE_NAMES:
        choices = "contacts, orgs" + (", all" if allow_all else "")
        raise typer.BadParameter(
            _("choose one of: {choices}", choices=choices), param_hint="--table"
        )
    return _TABLE_NAMES[key]


def register(app: typer.Typer) -> None:
    @app.command(
        "import",
        epilog=_(
            "\b\nHeaders are recognised in Vietnamese or English, with or without diacritics:\n"
            "  id; Họ và tên / Họ tên / Tên / Full name / Name (or Họ + Tên đệm + Tên);\n"
            "  Cơ quan / Đơn vị / Organisation; Organisation id; Chức vụ / Chức danh / Title;\n"
            "  Vai trò / Role; Lĩnh vực / Mảng / Beats; Email / Thư điện tử;\n"
            "  Điện thoại / SĐT / Số điện thoại / Di động / Phone / Mobile; Zalo;\n"
            "  Kênh ưu tiên / Preferred channel; Tỉnh / Tỉnh/thành / Province; Thẻ / Tags;\n"
            "  Ghi chú / Notes; Không liên hệ / Do not contact; Nguồn đồng ý; Ngày đồng ý.\n"
            "Organisations: Tên cơ quan / Name; Tên viết tắt / Short name; Loại / Kind; Vùng /\n"
            "  Region; Trang web / Website; Cơ quan cấp trên / Parent; Ngày kết thúc / Ended."
        ),
    )
    def import_(
        file: Annotated[
            str,
            typer.Argument(
                help=_("CSV or JSON file to import ('-' reads standard input)."), show_default=False
            ),
        ],
        table: Annotated[
            str | None,
            typer.Option(
                "--table",
                help=_(
                    "What the file holds: contacts or orgs (default: recognised from the headers)."
                ),
            ),
        ] = None,
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format",
                autocompletion=complete.formats,
                help=_("csv or json (default: from the file name, else from the content)."),
            ),
        ] = None,
        encoding: Annotated[
            str | None,
            typer.Option(
                "--encoding",
                help=_("Character set of the file if it is not UTF-8, e.g. cp1258 or utf-16."),
            ),
        ] = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", "-n", help=_("Show what would change; write nothing."))
        ] = False,
        no_create_orgs: Annotated[
            bool,
            typer.Option(
                "--no-create-orgs",
                help=_(
                    "Reject contacts whose organisation is not in the store instead of adding it."
                ),
            ),
        ] = False,
        all_or_nothing: Annotated[
            bool, typer.Option("--all-or-nothing", help=_("Write nothing if any row is rejected."))
        ] = False,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print the import report as JSON."))
        ] = False,
    ) -> None:
        """Import contacts or organisations from CSV (Excel, LibreOffice) or JSON.

        Rows update the record with the same id, else the contact with the same email, phone,
        or name in the same organisation; other rows are added. Empty cells never erase stored
        values, so importing the same file again changes nothing.
        """
        from store.importer import import_file

        from .import_report import print_report

        chosen = _table_option(table, allow_all=False)
        if fmt is not None and fmt.lower() not in ("csv", "json"):
            raise typer.BadParameter(_("choose csv or json"), param_hint="--format")
        report = import_file(
            state.store(),
            file,
            table=chosen,
            fmt=fmt.lower() if fmt else None,
            encoding=encoding,
            dry_run=dry_run,
            create_orgs=not no_create_orgs,
            all_or_nothing=all_or_nothing,
        )
        if as_json:
            print_json(report.to_json())
        else:
            print_report(report)
        if not report.ok:
            raise typer.Exit(1)

    @app.command("export")
    def export(
        fmt: Annotated[
            str | None,
            typer.Option(
                "--format",
                "-f",
                autocompletion=complete.formats,
                help=_(
                    "csv (for Excel, LibreOffice) or json (whole records, for scripts and backups). "
                    "Default: from the --output name, else csv."
                ),
            ),
        ] = None,
        table: Annotated[
            str,
            typer.Option(
                "--table", help=_("contacts, orgs, or all (JSON only: one object with both lists).")
            ),
        ] = "contacts",
        output: Annotated[
            Path | None,
            typer.Option("--output", "-o", help=_("File to write (default: standard output).")),
        ] = None,
        headers: Annotated[
            str | None,
            typer.Option(
                "--headers",
                help=_(
                    "CSV header labels: vi, en (default: the interface language) or keys (field "
                    "names, for scripts)."
                ),
            ),
        ] = None,
        delimiter: Annotated[
            str | None,
            typer.Option(
                "--delimiter",
                help=_(
                    "CSV delimiter: comma, semicolon (what Excel expects with Vietnamese regional "
                    "settings) or tab. Default: csv_delimiter in config.toml, else comma."
                ),
            ),
        ] = None,
        no_bom: Annotated[
            bool,
            typer.Option(
                "--no-bom", help=_("Leave out the byte order mark Excel needs to read UTF-8.")
            ),
        ] = False,
        search: Annotated[
            str | None,
            typer.Option(
                "--search", "-s", help=_("Only contacts matching this text (diacritics optional).")
            ),
        ] = None,
        kind: Annotated[
            str | None,
            typer.Option(
                "--kind",
                "-k",
                autocompletion=complete.org_kinds,
                help=_("Only contacts of organisations of this kind."),
            ),
        ] = None,
        org: Annotated[
            str | None,
            typer.Option(
                "--org", help=_("Only contacts of this organisation (id, id prefix or name).")
            ),
        ] = None,
        province: Annotated[
            str | None,
            typer.Option(
                "--province",
                "-p",
                autocompletion=complete.provinces,
                help=_("Only contacts in this province."),
            ),
        ] = None,
        region: Annotated[
            str | None, typer.Option("--region", help=_("Only contacts in this region."))
        ] = None,
        beat: Annotated[
            str | None, typer.Option("--beat", "-b", help=_("Only contacts with this beat."))
        ] = None,
        role: Annotated[
            str | None,
            typer.Option(
                "--role", autocompletion=complete.roles, help=_("Only contacts with this role.")
            ),
        ] = None,
        tag: Annotated[
            str | None, typer.Option("--tag", "-t", help=_("Only contacts with this tag."))
        ] = None,
    ) -> None:
        """Export contacts or organisations as CSV or JSON (deleted records are left out)."""
        from store import exporter, network
        from store.storage import atomic_write_bytes

        chosen = _table_option(table, allow_all=True) or CONTACTS
        if fmt is None:
            fmt = "json" if output and output.suffix.lower() in (".json", ".jsonl") else "csv"
        fmt = fmt.lower()
        if fmt not in ("csv", "json"):
            raise typer.BadParameter(_("choose csv or json"), param_hint="--format")
        if fmt == "csv" and chosen == "all":
            raise typer.BadParameter(
                _(
                    "a CSV file holds one table: export --table contacts and --table orgs to two "
                    "files, or use --format json for both in one file"
                ),
                param_hint="--table",
            )
        style = (headers or get_language()).strip().lower()
        if style not in ("vi", "en", "keys"):
            raise typer.BadParameter(_("choose vi, en or keys"), param_hint="--headers")
        delim_text = (
            delimiter if delimiter is not None else str(state.config.get("csv_delimiter", ","))
        )
        if delim_text not in _DELIMITERS:
            raise typer.BadParameter(_("choose comma, semicolon or tab"), param_hint="--delimiter")
        filters = dict(
            search=search,
            kind=kind,
            org=org,
            province=province,
            region=region,
            beat=beat,
            role=role,
            tag=tag,
        )
        if chosen == ORGS and any(v is not None for v in filters.values()):
            raise typer.BadParameter(
                _(
                    "the filters (--search, --org, …) select contacts; they "
                    "do not apply to --table orgs"
                ),
                param_hint="--table",
            )
        store = state.store()
        snapshot = store.load()
        criteria = network.build_filter(snapshot, **filters)
        data, counts = exporter.export(
            snapshot,
            fmt,
            chosen,
            style=style,
            delimiter=_DELIMITERS[delim_text],
            bom=not no_bom,
            criteria=criteria,
        )
        if output is None:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        target = output.expanduser().absolute()
        if target == store.path or target.parent == store.path.parent / "backups":
            raise LantoaError(
                _(
                    "Refusing to overwrite the store or its backups with an export: "
                    "choose another --output."
                )
            )
        atomic_write_bytes(target, data)
        summary = ", ".join(
            _("{n} contacts", n=n) if t == CONTACTS else _("{n} organisations", n=n)
            for t, n in counts.items()
        )
        info(_("Exported {summary} to {path}.", summary=summary, path=target))
