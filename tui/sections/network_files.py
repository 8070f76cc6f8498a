"""Files in and out of the network view: export the chosen contacts, import a CSV file, load
the sample network. The work runs as store jobs in a worker; results come back as notifications.
"""

from __future__ import annotations

from pathlib import Path

from store.i18n import _, get_language
from store.network import CONTACTS, ContactFilter

#: Rejected rows shown one by one after an import; the rest are counted.
SHOWN_REJECTIONS = 3


class NetworkFiles:
    """Mixed into NetworkSection."""

    def action_export(self) -> None:
        from ..screens.dialogs import AskScreen

        selected = self.contact_list.selected
        ids = set(selected) if selected else {e.id for e in self.contact_list.rows}
        if not ids:
            return
        store_path = self.app.store.path

        def check(value: str) -> str | None:
            target = Path(value).expanduser().absolute()
            if target == store_path or target.parent == store_path.parent / "backups":
                return _("That is the store itself; choose another file.")
            if not target.parent.is_dir():
                return _("The folder {folder} does not exist.", folder=target.parent)
            return None

        def answered(path: str | None) -> None:
            if path:
                self.export_contacts(ids, Path(path).expanduser().absolute())

        what = (
            _("Export the {n} selected contacts", n=len(ids))
            if selected
            else _("Export the {n} contacts shown", n=len(ids))
        )
        default = str(Path.cwd() / "lantoa-contacts.csv")
        self.app.push_screen(
            AskScreen(
                what,
                _("CSV file (opens in Excel and LibreOffice):"),
                value=default,
                check=check,
                ok=_("Export"),
            ),
            answered,
        )

    def export_contacts(self, ids: set[str], target: Path) -> None:
        from store import exporter
        from store.storage import atomic_write_bytes

        snapshot = self.data.snapshot
        delimiter = {"semicolon": ";", "tab": "\t"}.get(
            str(self.app.config.get("csv_delimiter", "")), ","
        )

        def write(_store) -> int:
            data, counts = exporter.export(
                snapshot,
                "csv",
                CONTACTS,
                style=get_language(),
                delimiter=delimiter,
                criteria=ContactFilter(ids=ids),
            )
            atomic_write_bytes(target, data)
            return counts.get(CONTACTS, 0)

        def written(count: int) -> None:
            self.notify(_("Exported {n} contacts to {path}.", n=count, path=target), markup=False)

        self.app.run_store_job(write, written)

    def load_sample(self) -> None:
        from store.sample import load_sample

        def written(result: dict[str, dict[str, int]]) -> None:
            added = result["added"]
            self.notify(
                _(
                    "Loaded the sample network: {orgs} organisations, {contacts} contacts.",
                    orgs=added.get("organisations", 0),
                    contacts=added.get("contacts", 0),
                ),
                markup=False,
            )
            self.call_after_refresh(self.focus_default)

        self.app.run_store_job(load_sample, written)

    def import_csv(self) -> None:
        from ..screens.dialogs import AskScreen

        def check(value: str) -> str | None:
            path = Path(value).expanduser()
            return None if path.is_file() else _("No file at {path}.", path=path)

        def answered(path: str | None) -> None:
            if path:
                self.import_file(Path(path).expanduser())

        self.app.push_screen(
            AskScreen(
                _("Import a CSV file"), _("File (CSV or JSON):"), check=check, ok=_("Import")
            ),
            answered,
        )

    def import_file(self, path: Path) -> None:
        from store.importer import import_file

        def written(report) -> None:
            self.notify(
                _(
                    "{file}: added {added}, updated {updated}, rejected {rejected}.",
                    file=report.file,
                    added=report.total("added"),
                    updated=report.total("updated"),
                    rejected=report.total("rejected"),
                ),
                severity="warning" if report.rejections else "information",
                markup=False,
                timeout=10,
            )
            for rejection in report.rejections[:SHOWN_REJECTIONS]:
                self.notify(
                    _(
                        "line {line}: {problem}",
                        line=rejection["line"],
                        problem=rejection["reason"],
                    ),
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
            hidden = len(report.rejections) - SHOWN_REJECTIONS
            if hidden > 0:
                self.notify(
                    _(
                        "{n} more rejected rows: `lantoa import --dry-run {file}` lists them all.",
                        n=hidden,
                        file=report.file,
                    ),
                    severity="warning",
                    markup=False,
                    timeout=10,
                )

        self.app.run_store_job(lambda store: import_file(store, path), written)
