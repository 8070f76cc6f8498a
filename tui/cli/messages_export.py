"""What `lantoa messages export` writes: Markdown, plain text, or an email (.eml) whose sender
comes from --from or the settings and whose recipients are typed addresses or contacts."""

from __future__ import annotations

from typing import Any

from store.i18n import _

from .common import UsageFailure, info, state


def export_bytes(
    snapshot: Any,
    record: dict,
    fmt: str,
    variant: str,
    to: list[str],
    bcc: list[str],
    sender: str | None,
    contact: str | None,
) -> bytes:
    """The message in `fmt` (md, txt or eml), as the bytes to write."""
    from store.compose import compose

    if fmt == "eml":
        return _eml(snapshot, record, variant, to, bcc, sender, contact)
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
    return payload


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
