"""`lantoa messages …`: draft story cards, check them, edit them in $EDITOR, export them.

JSON output (`--json`) of a message: every key of MESSAGE_JSON_KEYS (null/[]/false when empty),
then unknown fields, then `readiness` = {score, summary, ready, errors, warnings, slots_filled,
slots_total, checklist, findings}. `list --json` prints LIST_JSON_KEYS per message. Both key lists
are in messages_output.py.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from store import messages as msgs
from store.cardfile import CardError, card_changes, parse_card, render_card, slot_changes
from store.checks import check_message
from store.errors import LantoaError, ValidationError
from store.i18n import _

from . import complete
from .common import UsageFailure, info, print_json, safe, state
from .messages_output import (
    list_json,
    message_json,
    print_findings,
    print_list,
    print_templates,
    show_message,
    status_label,
    templates_json,
)

ORDER = 40
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("messages",)

Json = Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))]
Ref = Annotated[str, typer.Argument(help=_("Message id, id prefix or working title."))]


def _read_value(value: str) -> str:
    return sys.stdin.read() if value == "-" else value


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
            print_json(list_json(found))
        else:
            print_list(found)

    @group.command("show")
    def show(ref: Ref, as_json: Json = False) -> None:
        """Show every slot of a message and its readiness."""
        record = msgs.find_message(state.store().load(), ref)
        if as_json:
            print_json(message_json(record))
        else:
            show_message(record)
            _mention_kept(record["id"])

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
        from .messages_editor import keep_rejected, run_editor

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
            edited = run_editor(original, record["id"])
            if edited == original:
                info(_("No changes."))
                return
            base = parse_card(original, record.get("language"))
        try:
            parsed = parse_card(edited, record.get("language"))
        except CardError as exc:
            kept = keep_rejected(edited, record["id"])
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
            kept = keep_rejected(edited, record["id"])
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
            print_findings(report)
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
                status=status_label(result.record),
            )
        )

    @group.command("templates")
    def templates(as_json: Json = False) -> None:
        """List the templates: built-in ones and those in <config>/templates/."""
        from store.templates import load_templates

        found = load_templates()
        if as_json:
            print_json(templates_json(found))
        else:
            print_templates(found)

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
        from store.compose import FORMATS, VARIANTS

        from .messages_export import export_bytes

        if fmt not in FORMATS:
            raise UsageFailure(_("--format takes one of: {values}", values=", ".join(FORMATS)))
        if variant not in VARIANTS:
            raise UsageFailure(_("--variant takes one of: {values}", values=", ".join(VARIANTS)))
        if fmt != "eml" and (to or bcc or sender):
            raise UsageFailure(_("--to, --bcc and --from only apply to --format eml"))
        snapshot = state.store().load()
        record = msgs.find_message(snapshot, ref)
        contact = (state.config.get("messages") or {}).get("contact")
        payload = export_bytes(snapshot, record, fmt, variant, to or [], bcc or [], sender, contact)
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


def _mention_kept(record_id: str) -> None:
    """Changes the app could not save when it closed (store/recovery.py) are offered back when
    the card is opened in the app; here they are only mentioned, so nobody forgets them."""
    from store import recovery

    found = recovery.find(record_id)
    if found:
        info(
            _(
                "Changes to this card that could not be saved when the app closed are kept in "
                "{folder} ({files}); open the card in the app to restore or discard them.",
                folder=str(recovery.folder()),
                files=", ".join(k.path.name for k in [*found.kept, *found.unreadable]),
            )
        )
