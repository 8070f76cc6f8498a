"""`lantoa sample …`: the bundled sample network (fictional people in the real 2023 structure)."""

from __future__ import annotations

import shlex
from typing import Annotated

import typer

from store.i18n import N_, _
from store.model import ORG_KINDS, ROLES
from store.sample import load_sample, sample_summary

from .common import info, print_json, print_table, state

ORDER = 30
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("sample",)

TABLE_LABELS = {
    "organisations": N_("Organisations"),
    "contacts": N_("Contacts"),
    "messages": N_("Messages"),
    "outreach": N_("Outreach"),
}

Json = Annotated[bool, typer.Option("--json", help=_("Print the counts as JSON for scripts."))]


def table_label(table: str) -> str:
    return _(TABLE_LABELS[table]) if table in TABLE_LABELS else table


def register(app: typer.Typer) -> None:
    sample = typer.Typer(
        help=_(
            "The sample network: real ministry units, departments and press agencies of "
            "2023 with fictional people, to try Lan Tỏa."
        ),
        no_args_is_help=True,
    )
    app.add_typer(sample, name="sample")

    @sample.command(
        "load",
        help=_(
            "Load the sample network into the store. Records already there (even edited or "
            'deleted) stay as they are, so loading twice changes nothing. JSON: {"added": '
            '{table: n}, "skipped": {table: n}}.'
        ),
    )
    def load(as_json: Json = False) -> None:
        store = state.store()
        result = load_sample(store)
        if as_json:
            print_json(result)
            return
        rows = [
            [table_label(table), result["added"][table], result["skipped"][table]]
            for table in result["added"]
        ]
        print_table([_("Table"), _("Added"), _("Already there")], rows)
        added = sum(result["added"].values())
        if added:
            info(_("Added {n} sample records to {path}.", n=added, path=store.path))
            where = f" --store {shlex.quote(str(store.path))}" if state.store_path else ""
            info(_('Try: lantoa{store} contacts list --search "quang ninh"', store=where))
        else:
            info(_("The sample network is already in {path}; nothing changed.", path=store.path))

    @sample.command(
        "info",
        help=_("Show what the sample network holds and how much of it this store has."),
    )
    def info_(as_json: Json = False) -> None:
        summary = sample_summary(state.store().load())
        if as_json:
            print_json(summary)
            return
        rows = [
            [table_label(table), counts["bundled"], counts["in_store"], counts["deleted_in_store"]]
            for table, counts in summary["tables"].items()
        ]
        print_table([_("Table"), _("In the sample"), _("In this store"), _("Deleted here")], rows)
        kinds = [[_(ORG_KINDS.get(k, k)), n] for k, n in summary["organisations_by_kind"].items()]
        print_table([_("Organisation kind"), _("Count")], kinds)
        roles = [[_(ROLES.get(r, r)), n] for r, n in summary["contacts_by_role"].items()]
        print_table([_("Role"), _("Count")], roles)
        info(_("The people are fictional: emails at example domains, phone numbers 0900 0xx xxx."))
