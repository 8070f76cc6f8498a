"""The coverage report of `lantoa outreach report`: a table for people, CSV or JSON for others."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from store import outreach as core
from store.i18n import _

from .common import info, print_table


def write_coverage(cov: core.Coverage, fmt: str, output: Path | None) -> None:
    """The report as a table on the screen, or as CSV/JSON on stdout or in `output`."""
    if fmt == "table":
        print_coverage(cov)
        return
    if fmt == "csv":
        text = core.coverage_csv(cov)
    else:
        import json

        text = json.dumps(cov.to_json(), ensure_ascii=False, indent=2) + "\n"
    if output:
        output.write_text(text, encoding="utf-8", newline="")
        info(_("Wrote {path}.", path=output))
    else:
        sys.stdout.write(text)


def print_coverage(cov: core.Coverage) -> None:
    rows = [
        [
            ("  " if row["level"] == "region" else "") + row["name"],
            row["total"],
            row["planned"],
            row["reached"],
            row["replied"],
            row["published"],
            f"{row['reached_pct']:.0f}%",
        ]
        for row in core.coverage_rows(cov)
    ]
    title = (cov.message or {}).get("title")
    print_table(
        [
            _("Group"),
            _("Total"),
            _("Planned"),
            _("Reached"),
            _("Replied"),
            _("Published"),
            _("Reached %"),
        ],
        rows,
        title=_("Coverage of {title!r}", title=title) if title else _("Coverage"),
    )
    missing = [c.name for c in cov.not_reached()]
    if missing and len(missing) == len(cov.cells()):
        info(_("No provincial department reached yet."))
    elif missing:
        info(
            _(
                "Departments not reached yet ({n}): {names}",
                n=len(missing),
                names=", ".join(missing),
            )
        )
    info(_("{n} outreach items; as of {day}.", n=cov.items, day=date.today().isoformat()))
