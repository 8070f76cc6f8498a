"""What the `lantoa messages` commands print: a message as JSON (MESSAGE_JSON_KEYS, then unknown
fields, then `readiness`), the list (LIST_JSON_KEYS per message), the card and its check findings
for people, and the templates."""

from __future__ import annotations

from typing import Any

from store import messages as msgs
from store.checks import check_message, slot_label
from store.i18n import _
from store.records import public_view

from .common import console, info, print_fields, print_table, safe

MESSAGE_JSON_KEYS = ("id", *msgs.FIELDS, "created_at", "updated_at")
LIST_JSON_KEYS = (
    "id",
    "title",
    "kind",
    "status",
    "language",
    "owner",
    "tags",
    "headline",
    "score",
    "summary",
    "ready",
    "errors",
    "warnings",
    "updated_at",
)


def _default(name: str) -> Any:
    kind = msgs.FIELDS[name].type if name in msgs.FIELDS else ""
    return [] if kind in ("list", "figures") else None


def message_json(record: dict, report: Any = None) -> dict:
    view = public_view(record)
    out = {key: view.get(key, _default(key)) for key in MESSAGE_JSON_KEYS}
    out["status"] = out["status"] or "draft"
    out.update({k: v for k, v in view.items() if k not in out})
    out["readiness"] = (report or check_message(record)).to_json()
    return out


def kind_label(record: dict) -> str:
    return _(msgs.KINDS.get(record.get("kind") or "", "")) if record.get("kind") else ""


def status_label(record: dict) -> str:
    return _(msgs.STATUSES.get(record.get("status") or "draft", "Draft"))


def show_message(record: dict) -> None:
    report = check_message(record)
    pairs: list[tuple[str, object]] = [
        (_("Working title"), record.get("title")),
        (_("Kind"), kind_label(record)),
        (_("Status"), status_label(record)),
        (_("Language"), record.get("language")),
        (_("Owner"), record.get("owner")),
        (_("Tags"), record.get("tags")),
    ]
    for name, field in msgs.FIELDS.items():
        if name in ("title", "kind", "status", "language", "owner", "tags"):
            continue
        value = record.get(name)
        if name == "figures" and value:
            from store.checks.figures import figure_text

            value = "; ".join(figure_text(f, record.get("language") or "vi") for f in value)
        elif isinstance(value, bool):
            value = _("yes") if value else _("no")
        pairs.append((_(field.label), value))
    pairs += [
        ("id", record["id"]),
        (_("Updated"), record.get("updated_at")),
        (_("Readiness"), f"{report.score}/100 · {report.summary}"),
    ]
    print_fields(pairs)


def print_findings(report: Any) -> None:
    rows = [
        [slot_label(f.slot), _("error") if f.severity == "error" else _("warning"), f.message]
        for f in report.findings
    ]
    if rows:
        print_table([_("Slot"), _("Severity"), _("What to do")], rows)
    console().print(safe(f"{report.score}/100 · {report.summary}"), markup=False)


def list_json(found: list) -> list[dict]:
    """`list --json`: LIST_JSON_KEYS and the readiness of each message."""
    out = []
    for item in found:
        view = public_view(item.record)
        row = {k: view.get(k, _default(k)) for k in LIST_JSON_KEYS}
        row["status"] = row["status"] or "draft"
        row.update(
            {
                "score": item.report.score,
                "summary": item.report.summary,
                "ready": item.report.ready,
                "errors": item.report.errors,
                "warnings": item.report.warnings,
            }
        )
        out.append(row)
    return out


def print_list(found: list) -> None:
    """`list` for people: one row per message, then how many."""
    rows = [
        [
            i.record["id"][:8],
            i.record.get("title"),
            kind_label(i.record),
            status_label(i.record),
            i.report.score,
            i.report.summary,
            (i.record.get("updated_at") or "")[:10],
        ]
        for i in found
    ]
    print_table(
        [
            _("Id"),
            _("Working title"),
            _("Kind"),
            _("Status"),
            _("Score"),
            _("Summary"),
            _("Updated"),
        ],
        rows,
    )
    info(_("{n} messages", n=len(found)))


def templates_json(found: Any) -> dict:
    """`templates --json`: each template, and the files that could not be read."""
    return {
        "templates": [
            {"name": t.name, "kind": t.kind, "label": t.label, "source": t.source}
            for t in found.templates.values()
        ],
        "problems": [{"file": f, "problem": p} for f, p in found.problems],
    }


def print_templates(found: Any) -> None:
    """`templates` for people: the table, the files skipped, and where one's own go."""
    from store.templates import user_templates_dir

    print_table(
        [_("Name"), _("Kind"), _("Template"), _("Source")],
        [[t.name, _(msgs.KINDS[t.kind]), t.title(), t.source] for t in found.templates.values()],
    )
    for path, problem in found.problems:
        info(_("Skipped {path}: {problem}", path=path, problem=problem))
    info(_("Your own templates go in {folder}.", folder=user_templates_dir()))
