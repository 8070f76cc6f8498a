"""`lantoa messages …`: draft story cards, check them, edit them in $EDITOR, export them.

JSON output (`--json`) of a message: every key of MESSAGE_JSON_KEYS (null/[]/false when empty),
then unknown fields, then `readiness` = {score, summary, ready, errors, warnings, slots_filled,
slots_total, checklist, findings}. `list --json` prints LIST_JSON_KEYS per message.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from store import messages as msgs
from store.cardfile import CardError, card_changes, parse_card, render_card, slot_changes
from store.checks import check_message, slot_label
from store.errors import LantoaError, ValidationError
from store.i18n import _
from store.records import public_view

from . import complete
from .common import UsageFailure, console, info, print_fields, print_json, print_table, safe, state

ORDER = 40
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("messages",)

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
Json = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))]
Ref = Annotated[str, typer.Argument(help=_("Message id, id prefix or working title."))]


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


def _kind(record: dict) -> str:
    return _(msgs.KINDS.get(record.get("kind") or "", "")) if record.get("kind") else ""


def _status(record: dict) -> str:
    return _(msgs.STATUSES.get(record.get("status") or "draft", "Draft"))


def show_message(record: dict) -> None:
    report = check_message(record)
    pairs: list[tuple[str, object]] = [
        (_("Working title"), record.get("title")),
        (_("Kind"), _kind(record)),
        (_("Status"), _status(record)),
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


def _print_findings(report: Any) -> None:
    rows = [
        [slot_label(f.slot), _("error") if f.severity == "error" else _("warning"), f.message]
        for f in report.findings
    ]
    if rows:
        print_table([_("Slot"), _("Severity"), _("What to do")], rows)
    console().print(safe(f"{report.score}/100 · {report.summary}"), markup=False)


def _read_value(value: str) -> str:
    return sys.stdin.read() if value == "-" else value


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        import shutil

        command = next((c for c in ("nano", "vi") if shutil.which(c)), None)
    if not command:
        raise LantoaError(
            _("No text editor found: set the EDITOR environment variable (e.g. EDITOR=nano).")
        )
    return shlex.split(command)


def _run_editor(text: str, record_id: str) -> str:
    folder = Path(tempfile.mkdtemp(prefix="lantoa-"))
    path = folder / f"message-{record_id[:8]}.md"
    try:
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        try:
            result = subprocess.run([*_editor(), str(path)], check=False)
        except OSError as exc:
            raise LantoaError(_("Could not start the editor: {why}", why=exc)) from None
        if result.returncode != 0:
            raise LantoaError(
                _(
                    "The editor exited with code {code}; nothing was changed.",
                    code=result.returncode,
                )
            )
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()


def _keep_rejected(text: str, record_id: str) -> Path:
    """Save a rejected edit so no typing is lost (personal data: private file)."""
    from store.paths import data_dir
    from store.storage import atomic_write_bytes

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = data_dir() / "rejected" / f"message-{record_id[:8]}-{stamp}.md"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("Story cards: draft, check, edit and export messages."), no_args_is_help=True
    )
    app.add_typer(group, name="messages")

    @group.command("new")
    def new(
        title: Annotated[str, typer.Option("--title", help=_("Working title."))],
        kind: Annotated[
            str | None,
            typer.Option(
                "--kind",
                autocompletion=complete.message_kinds,
                help=_(
                    "policy, achievement or crisis (default: the template's kind, else policy)."
                ),
            ),
        ] = None,
        template: Annotated[
            str | None,
            typer.Option("--template", help=_("Template name (see `lantoa messages templates`).")),
        ] = None,
        language: Annotated[
            str | None, typer.Option("--language", help=_("Language of the message: vi or en."))
        ] = None,
        owner: Annotated[str | None, typer.Option("--owner", help=_("Who is writing it."))] = None,
        tag: Annotated[
            list[str] | None, typer.Option("--tag", help=_("Tag (repeat for more)."))
        ] = None,
        as_json: Json = False,
    ) -> None:
        """Start a draft message."""
        values: dict[str, Any] = {"title": title}
        for key, value in (("kind", kind), ("language", language), ("owner", owner), ("tags", tag)):
            if value:
                values[key] = value
        if not template and not kind:
            values["kind"] = "policy"
        record = msgs.create_message(state.store(), values, template=template)
        if as_json:
            print_json(message_json(record))
        else:
            info(
                _(
                    "Created {title} ({id}). Next: lantoa messages edit {id}",
                    title=record["title"],
                    id=record["id"][:8],
                )
            )

    @group.command("list")
    def list_(
        status: Annotated[
            str | None, typer.Option("--status", help=_("draft, ready or archived."))
        ] = None,
        kind: Annotated[
            str | None,
            typer.Option(
                "--kind",
                autocompletion=complete.message_kinds,
                help=_("policy, achievement or crisis."),
            ),
        ] = None,
        search: Annotated[
            str | None,
            typer.Option(
                "--search",
                "-s",
                help=_("Search title, headline, owner and tags (diacritics optional)."),
            ),
        ] = None,
        as_json: Json = False,
    ) -> None:
        """List messages with their readiness score and summary, newest change first."""
        found = msgs.list_messages(state.store().load(), status=status, kind=kind, search=search)
        if as_json:
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
            print_json(out)
            return
        rows = [
            [
                i.record["id"][:8],
                i.record.get("title"),
                _kind(i.record),
                _status(i.record),
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

    @group.command("show")
    def show(ref: Ref, as_json: Json = False) -> None:
        """Show every slot of a message and its readiness."""
        record = msgs.find_message(state.store().load(), ref)
        if as_json:
            print_json(message_json(record))
        else:
            show_message(record)

    @group.command("set")
    def set_(
        ref: Ref,
        field: Annotated[
            str,
            typer.Argument(
                help=_("Field: headline, lead, audiences, figures, quote, policy_instrument, …")
            ),
        ],
        value: Annotated[
            str,
            typer.Argument(
                help=_(
                    'New value ("" clears, - reads standard input). See README for figures and '
                    "quote."
                )
            ),
        ],
        append: Annotated[
            bool,
            typer.Option(
                "--append",
                help=_("Add to a list (audiences, tags, figures) instead of replacing it."),
            ),
        ] = False,
        as_json: Json = False,
    ) -> None:
        """Set one field of a message."""
        store = state.store()
        current = msgs.find_message(store.load(), ref)
        changes = slot_changes(field, _read_value(value), current, append=append)
        result = msgs.update_message(store, current["id"], changes)
        if result.demoted:
            info(_("The message has errors now, so it went back to draft."))
        if as_json:
            print_json(message_json(result.record))
        else:
            report = check_message(result.record)
            info(
                _(
                    "Updated {fields}. {summary}",
                    fields=", ".join(result.changed) or "-",
                    summary=report.summary,
                )
            )

    @group.command("edit")
    def edit(
        ref: Ref,
        file: Annotated[
            Path | None,
            typer.Option(
                "--file",
                help=_(
                    "Apply this card file instead of opening the editor (e.g. a rejected edit)."
                ),
            ),
        ] = None,
    ) -> None:
        """Edit the whole card in $EDITOR (Markdown with a small header)."""
        store = state.store()
        record = msgs.find_message(store.load(), ref)
        original = render_card(record)
        if file is not None:
            try:
                edited = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise LantoaError(_("Cannot read {path}: {why}", path=file, why=exc)) from None
            base = {k: record.get(k) for k in parse_card(original, record.get("language"))}
        else:
            edited = _run_editor(original, record["id"])
            if edited == original:
                info(_("No changes."))
                return
            base = parse_card(original, record.get("language"))
        try:
            parsed = parse_card(edited, record.get("language"))
        except CardError as exc:
            kept = _keep_rejected(edited, record["id"])
            for line, problem in exc.problems:
                sys.stderr.write(f"{kept.name}:{line}: {safe(problem)}\n")
            raise LantoaError(
                _(
                    "The card has {n} problems, so nothing was changed. Your edit is kept in {path}; "
                    "fix it and run: lantoa messages edit {id} --file {path}",
                    n=len(exc.problems),
                    path=kept,
                    id=record["id"][:8],
                )
            ) from None
        changes = card_changes(base, parsed)
        if not changes:
            info(_("No changes."))
            return
        try:
            result = msgs.update_message(store, record["id"], changes)
        except ValidationError:
            kept = _keep_rejected(edited, record["id"])
            info(_("Your edit is kept in {path}.", path=kept))
            raise
        if result.demoted:
            info(_("The message has errors now, so it went back to draft."))
        info(
            _(
                "Updated {fields}. {summary}",
                fields=", ".join(result.changed) or "-",
                summary=check_message(result.record).summary,
            )
        )

    @group.command("rm")
    def rm(
        refs: Annotated[
            list[str], typer.Argument(help=_("Message ids, id prefixes or working titles."))
        ],
    ) -> None:
        """Delete messages (kept as tombstones; `lantoa messages restore ID` undoes)."""
        store = state.store()
        for ref in refs:
            record = msgs.remove_message(store, ref)
            info(
                _(
                    "Deleted {title} ({id}). Undo: lantoa messages restore {id}",
                    title=record.get("title"),
                    id=record["id"][:8],
                )
            )

    @group.command("restore")
    def restore(
        record_id: Annotated[str, typer.Argument(help=_("Id or id prefix of a deleted message."))],
    ) -> None:
        """Bring back a deleted message."""
        record = msgs.restore_message(state.store(), record_id)
        info(_("Restored {title}.", title=record.get("title")))

    @group.command("check")
    def check(
        ref: Ref,
        as_json: Json = False,
        strict: Annotated[
            bool,
            typer.Option(
                "--strict", help=_("Exit with code 1 when the message is not ready (has errors).")
            ),
        ] = False,
    ) -> None:
        """Run the checks: what to fix (errors) and what to consider (warnings)."""
        record = msgs.find_message(state.store().load(), ref)
        report = check_message(record)
        if as_json:
            print_json({"id": record["id"], "title": record.get("title"), **report.to_json()})
        else:
            _print_findings(report)
        if strict and not report.ready:
            raise typer.Exit(1)

    @group.command("status")
    def status(
        ref: Ref,
        value: Annotated[str, typer.Argument(help=_("draft, ready or archived."))],
    ) -> None:
        """Change the status; "ready" is refused while the checks report errors."""
        try:
            result = msgs.set_status(state.store(), ref, value)
        except ValidationError as exc:
            if len(exc.errors) < 2 or exc.errors[0][0] != "status":
                raise
            # "Not ready: n problems…", then one finding a line: one error line would be huge
            summary, *problems = (message for _field, message in exc.errors)
            lines = [_("Error: {message}", message=safe(summary))]
            lines += [f"  {safe(problem)}" for problem in problems]
            sys.stderr.write("\n".join(lines) + "\n")
            raise typer.Exit(1) from None
        info(
            _(
                "{title} is now {status}.",
                title=result.record.get("title"),
                status=_status(result.record),
            )
        )

    @group.command("templates")
    def templates(as_json: Json = False) -> None:
        """List the templates: built-in ones and those in <config>/templates/."""
        from store.templates import load_templates, user_templates_dir

        found = load_templates()
        if as_json:
            print_json(
                {
                    "templates": [
                        {"name": t.name, "kind": t.kind, "label": t.label, "source": t.source}
                        for t in found.templates.values()
                    ],
                    "problems": [{"file": f, "problem": p} for f, p in found.problems],
                }
            )
            return
        print_table(
            [_("Name"), _("Kind"), _("Template"), _("Source")],
            [
                [t.name, _(msgs.KINDS[t.kind]), t.title(), t.source]
                for t in found.templates.values()
            ],
        )
        for path, problem in found.problems:
            info(_("Skipped {path}: {problem}", path=path, problem=problem))
        info(_("Your own templates go in {folder}.", folder=user_templates_dir()))

    @group.command("export")
    def export(
        ref: Ref,
        fmt: Annotated[str, typer.Option("--format", "-f", help=_("md, txt or eml."))] = "md",
        variant: Annotated[
            str, typer.Option("--variant", help=_("release, social or talking-points."))
        ] = "release",
        to: Annotated[
            list[str] | None,
            typer.Option(
                "--to",
                help=_(
                    "Recipient for eml: contact id, name or an email address (repeat for more)."
                ),
            ),
        ] = None,
        bcc: Annotated[
            list[str] | None,
            typer.Option("--bcc", help=_("Hidden recipient for eml (repeat for more).")),
        ] = None,
        sender: Annotated[
            str | None,
            typer.Option(
                "--from", help=_("Sender for eml (default: [messages] from in config.toml).")
            ),
        ] = None,
        output: Annotated[
            Path | None,
            typer.Option(
                "--output", "-o", help=_("Write to this file instead of standard output.")
            ),
        ] = None,
    ) -> None:
        """Export a message as Markdown, plain text or an email (.eml) ready to send."""
        from store.compose import FORMATS, VARIANTS, compose

        if fmt not in FORMATS:
            raise UsageFailure(_("--format takes one of: {values}", values=", ".join(FORMATS)))
        if variant not in VARIANTS:
            raise UsageFailure(_("--variant takes one of: {values}", values=", ".join(VARIANTS)))
        if fmt != "eml" and (to or bcc or sender):
            raise UsageFailure(_("--to, --bcc and --from only apply to --format eml"))
        snapshot = state.store().load()
        record = msgs.find_message(snapshot, ref)
        contact = (state.config.get("messages") or {}).get("contact")
        if fmt == "eml":
            payload = _eml(snapshot, record, variant, to or [], bcc or [], sender, contact)
        else:
            composed = compose(record, variant, contact=contact)
            text = composed.markdown() if fmt == "md" else composed.text()
            payload = text.encode("utf-8")
            if variant == "social":
                info(
                    _(
                        "Social post: {n} of {limit} characters.",
                        n=composed.length,
                        limit=composed.limit,
                    )
                )
        report = check_message(record)
        if not report.ready:
            info(_("Note: this message is not ready ({summary}).", summary=report.summary))
        if output is None:
            sys.stdout.buffer.write(payload)
            sys.stdout.flush()
        else:
            from store.storage import atomic_write_bytes

            atomic_write_bytes(output, payload)
            info(_("Wrote {path}.", path=output))


def _eml(
    snapshot: Any,
    record: dict,
    variant: str,
    to: list[str],
    bcc: list[str],
    sender: str | None,
    contact: str | None,
) -> bytes:
    from store.compose import configured_sender, contact_addresses, parse_address, to_eml
    from store.validate import InvalidValue

    try:
        if sender:
            from_address, placeholder = parse_address(sender), False
        else:
            from_address, placeholder = configured_sender(state.config)
    except InvalidValue as exc:
        raise UsageFailure(_("--from: {why}", why=exc)) from None
    if placeholder:
        info(
            _(
                'The sender is a placeholder: set [messages] from = "Name <address>" in '
                "config.toml or pass --from."
            )
        )
    lists = []
    for refs in (to, bcc):
        addresses = []
        for ref in refs:  # in the order given: addresses as typed, contacts resolved
            if "@" in ref:
                try:
                    addresses.append(parse_address(ref))
                except InvalidValue as exc:
                    raise UsageFailure(str(exc)) from None
                continue
            found, notes = contact_addresses(snapshot, [ref])
            for note in notes:
                info(_("Warning: {message}", message=note))
            addresses += [
                a
                for a in found
                if a.addr_spec.lower() not in {b.addr_spec.lower() for b in addresses}
            ]
        lists.append(addresses)
    if not lists[0] and not lists[1]:
        info(
            _(
                "No recipients: the email is addressed to the sender; add them in your mail "
                "program or pass --to / --bcc."
            )
        )
    return to_eml(
        record, sender=from_address, to=lists[0], bcc=lists[1], variant=variant, contact=contact
    )
