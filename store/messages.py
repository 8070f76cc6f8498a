"""Messages: the story card of a policy, an achievement or a crisis holding statement.

A message is a store record (id, timestamps, tombstone, per-field clocks). Every slot of the card
is made of TOP-LEVEL fields, so that sync's per-field merge keeps two people's edits of different
slots: structured slots are split into fields (`policy` + `policy_instrument` +
`policy_effective`; `benefits_people` + `benefits_businesses` + `benefits_country` +
`benefits_sector`; `story` + `story_source` + `story_consent` + `story_illustrative`; `quote` +
`quote_speaker` + `quote_title`). `audiences` and `tags` are lists of names (they merge as sets,
`MERGE_AS_SET`); `figures` is a list of objects edited as a whole (`MERGE_AS_VALUE`).

Validation turns what a person typed into the stored form or explains, per field, what to fix;
invalid input changes nothing. The checks (store/checks) coach; `ready` is refused while they
report errors, and an edit that brings errors into a ready message puts it back to draft.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import NotFoundError, ValidationError
from .i18n import N_, _, catalogue, get_language
from .validate import (
    InvalidValue,
    clean_line,
    clean_text,
    normalise_date,
    normalise_email,
    normalise_phone,
    parse_bool,
    split_list,
)
from .vietnamese import fold, nfc

TABLE = "messages"
KINDS: dict[str, str] = {
    "policy": N_("Policy announcement"),
    "achievement": N_("Achievement story"),
    "crisis": N_("Crisis holding statement"),
}
STATUSES: dict[str, str] = {"draft": N_("Draft"), "ready": N_("Ready"), "archived": N_("Archived")}
LANGUAGES: dict[str, str] = {"vi": N_("Vietnamese"), "en": N_("English")}
_ALIASES = {
    "chinh sach": "policy",
    "thanh tuu": "achievement",
    "thanh tich": "achievement",
    "thanh qua": "achievement",
    "khung hoang": "crisis",
    "su co": "crisis",
    "nhap": "draft",
    "ban nhap": "draft",
    "san sang": "ready",
    "luu tru": "archived",
    "tieng viet": "vi",
    "tieng anh": "en",
}
MERGE_AS_SET = frozenset({"audiences", "tags"})
MERGE_AS_VALUE = frozenset({"figures"})
FIGURE_KEYS = ("value", "unit", "label", "period", "baseline", "source", "as_of")


@dataclass(frozen=True)
class Field:
    """One stored field: its name (JSON key), label (UI), type and the card slot it belongs to."""

    name: str
    label: str
    type: str  # line | text | list | date | datetime | bool | phone | email | figures | enum
    slot: str | None = None
    max_len: int = 300


@dataclass(frozen=True)
class Slot:
    """A part of the story card as the writer sees it; findings and the checklist use slots."""

    name: str
    label: str
    fields: tuple[str, ...]
    help: str


_F = Field
FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        _F("title", N_("Working title"), "line", None, 200),
        _F("kind", N_("Kind"), "enum"),
        _F("status", N_("Status"), "enum"),
        _F("language", N_("Language"), "enum"),
        _F("owner", N_("Owner"), "line", None, 120),
        _F("tags", N_("Tags"), "list"),
        _F("template", N_("Template"), "line", None, 80),
        _F("headline", N_("Headline"), "line", "headline", 200),
        _F("lead", N_("Lead"), "text", "lead"),
        _F("problem", N_("Problem"), "text", "problem"),
        _F("audiences", N_("Audiences"), "list", "audiences"),
        _F("policy", N_("What changes"), "text", "policy"),
        _F("policy_instrument", N_("Instrument and number"), "line", "policy"),
        _F("policy_effective", N_("Takes effect on"), "date", "policy"),
        _F("benefits_people", N_("Benefits for people"), "text", "benefits"),
        _F("benefits_businesses", N_("Benefits for businesses"), "text", "benefits"),
        _F("benefits_country", N_("Benefits for the country"), "text", "benefits"),
        _F("benefits_sector", N_("Benefits for the sector"), "text", "benefits"),
        _F("story", N_("Story"), "text", "story"),
        _F("story_source", N_("Story source"), "line", "story"),
        _F("story_consent", N_("Consent given"), "bool", "story"),
        _F("story_illustrative", N_("Illustrative (composite)"), "bool", "story"),
        _F("figures", N_("Figures"), "figures", "figures"),
        _F("quote", N_("Quote"), "text", "quote"),
        _F("quote_speaker", N_("Speaker"), "line", "quote", 120),
        _F("quote_title", N_("Speaker's title"), "line", "quote", 200),
        _F("call_to_action", N_("Call to action"), "text", "call_to_action"),
        _F("criticism", N_("Criticism"), "text", "criticism"),
        _F("proposal", N_("Proposal"), "text", "criticism"),
        _F("incident_at", N_("Incident time"), "datetime", "incident"),
        _F("empathy", N_("Empathy"), "text", "empathy"),
        _F("facts", N_("Confirmed facts"), "text", "facts"),
        _F("unknowns", N_("Not yet known"), "text", "unknowns"),
        _F("actions", N_("What is being done"), "text", "actions"),
        _F("advice", N_("What people should do"), "text", "advice"),
        _F("next_update_at", N_("Next update at"), "datetime", "next_update"),
        _F("next_update_where", N_("Next update where"), "line", "next_update"),
        _F("spokesperson", N_("Spokesperson"), "line", "contact", 200),
        _F("contact_phone", N_("Contact phone"), "phone", "contact"),
        _F("contact_email", N_("Contact email"), "email", "contact"),
        _F("social_post", N_("Social post (own text)"), "text", "social"),
    )
}
_S = Slot
SLOTS: dict[str, Slot] = {
    s.name: s
    for s in (
        _S(
            "headline",
            N_("Headline"),
            ("headline",),
            N_("Short and concrete, ideally with a number or a beneficiary."),
        ),
        _S("lead", N_("Lead"), ("lead",), N_("Who, what, when, where, in at most two sentences.")),
        _S("problem", N_("Problem"), ("problem",), N_("The problem people face, in their words.")),
        _S(
            "audiences",
            N_("Audiences"),
            ("audiences",),
            N_("Who it affects: people, workers, businesses, local government…"),
        ),
        _S(
            "policy",
            N_("Policy"),
            ("policy", "policy_instrument", "policy_effective"),
            N_("What changes: the instrument with its number, and when it takes effect."),
        ),
        _S(
            "benefits",
            N_("Benefits"),
            ("benefits_people", "benefits_businesses", "benefits_country", "benefits_sector"),
            N_("For people, and for businesses, the country or the sector."),
        ),
        _S(
            "story",
            N_("Story"),
            ("story", "story_source", "story_consent", "story_illustrative"),
            N_("A real person or case, before and after, with its source and consent."),
        ),
        _S(
            "figures",
            N_("Figures"),
            ("figures",),
            N_("Value, unit, period, comparison baseline, source and date."),
        ),
        _S(
            "quote",
            N_("Quote"),
            ("quote", "quote_speaker", "quote_title"),
            N_("A quote with the speaker's name and title."),
        ),
        _S(
            "call_to_action",
            N_("Call to action"),
            ("call_to_action",),
            N_("What the reader should do, with a link, phone or deadline."),
        ),
        _S(
            "criticism",
            N_("Criticism and proposal"),
            ("criticism", "proposal"),
            N_("The objection people will raise and the concrete proposal that answers it."),
        ),
        _S("incident", N_("Incident"), ("incident_at",), N_("When the incident happened.")),
        _S("empathy", N_("Empathy"), ("empathy",), N_("Say first that you care about those hurt.")),
        _S("facts", N_("Confirmed facts"), ("facts",), N_("Only what is confirmed; no guesses.")),
        _S("unknowns", N_("Not yet known"), ("unknowns",), N_("What is not known yet.")),
        _S("actions", N_("What is being done"), ("actions",), N_("Who is doing what, now.")),
        _S(
            "advice",
            N_("What people should do"),
            ("advice",),
            N_("Concrete steps people can take to protect themselves."),
        ),
        _S(
            "next_update",
            N_("Next update"),
            ("next_update_at", "next_update_where"),
            N_("When and where the next update comes."),
        ),
        _S(
            "contact",
            N_("Contact"),
            ("spokesperson", "contact_phone", "contact_email"),
            N_("The spokesperson and a phone number that answers."),
        ),
        _S(
            "social",
            N_("Social post"),
            ("social_post",),
            N_("Your own short post; left empty, it is composed from the card."),
        ),
    )
}
R, REC, OPT = "required", "recommended", "optional"
#: Which slots each kind needs: required (missing = error, counted in "7/9 slots"),
#: recommended (missing = warning) or optional. Slots not listed are not part of that kind.
REQUIREMENTS: dict[str, dict[str, str]] = {
    "policy": {
        "headline": R,
        "lead": R,
        "problem": R,
        "audiences": R,
        "policy": R,
        "benefits": R,
        "story": REC,
        "figures": R,
        "quote": OPT,
        "call_to_action": R,
        "criticism": R,
        "contact": OPT,
        "social": OPT,
    },
    "achievement": {
        "headline": R,
        "lead": R,
        "problem": R,
        "audiences": R,
        "policy": OPT,
        "benefits": R,
        "story": R,
        "figures": R,
        "quote": REC,
        "call_to_action": R,
        "criticism": R,
        "contact": OPT,
        "social": OPT,
    },
    "crisis": {
        "headline": R,
        "incident": R,
        "empathy": R,
        "facts": R,
        "unknowns": R,
        "actions": R,
        "advice": R,
        "next_update": R,
        "contact": R,
        "social": OPT,
    },
}


def slots_for(kind: str | None) -> dict[str, str]:
    """The slots of a kind in card order, with their requirement level."""
    return REQUIREMENTS.get(kind or "policy", REQUIREMENTS["policy"])


def is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def slot_filled(message: Mapping[str, Any], slot: str) -> bool:
    """A slot counts as filled when one of its content fields (not a yes/no flag) has content."""
    return any(
        not is_empty(message.get(name))
        for name in SLOTS[slot].fields
        if FIELDS[name].type != "bool"
    )


# -- validation ----------------------------------------------------------------------------------


def choice(value: object, allowed: dict[str, str], what: str) -> str:
    """An enum key from its key, its label in either language, or a common Vietnamese alias."""
    text = fold(str(value).strip()).replace("-", "_")
    vi = catalogue("vi")
    for key, label in allowed.items():
        if text in (key, key.replace("_", " "), fold(label), fold(vi.get(label, label))):
            return key
    alias = _ALIASES.get(text.replace("_", " "))
    if alias in allowed:
        return alias
    raise InvalidValue(
        _(
            "unknown {what} {value!r}; choose one of: {allowed}",
            what=what,
            value=str(value),
            allowed=", ".join(allowed),
        )
    )


_ENUMS = {
    "kind": (KINDS, N_("kind")),
    "status": (STATUSES, N_("status")),
    "language": (LANGUAGES, N_("language")),
}


def language_of(values: Mapping[str, Any], default: str | None) -> str:
    """The language figures are read in: the one being set, else `default`, else vi."""
    for candidate in (values.get("language"), default):
        if candidate:
            try:
                return choice(candidate, LANGUAGES, "language")
            except InvalidValue:
                continue
    return "vi"


def clean_field(field: Field, value: Any, lang: str) -> Any:
    """One field's stored form from what was typed; InvalidValue says what to fix."""
    if field.type == "enum":
        allowed, what = _ENUMS[field.name]
        return choice(value, allowed, _(what)) if str(value).strip() else None
    if field.type == "figures":
        from .checks.figures import clean_figures

        return clean_figures(value, lang)
    if field.type == "list":
        if isinstance(value, str) and value.strip().startswith("["):
            with contextlib.suppress(ValueError):
                value = json.loads(value)
        items = [nfc(clean_line(v, 200)) for v in split_list(value)]
        return [v for v in items if v] or None
    if field.type == "bool":
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return parse_bool(value)
    text = nfc(str(value)).strip()
    if not text:
        return None
    if field.type == "text":
        return "\n".join(line.rstrip() for line in clean_text(text).split("\n"))
    if field.type == "line":
        return clean_line(text, field.max_len)
    if field.type == "date":
        return normalise_date(text)
    if field.type == "datetime":
        from .checks.crisis import normalise_datetime

        return normalise_datetime(text)
    if field.type == "phone":
        return normalise_phone(text)
    if field.type == "email":
        return normalise_email(text)
    raise AssertionError(field.type)


def validate_message(
    values: Mapping[str, Any], *, partial: bool = False, language: str | None = None
) -> dict[str, Any]:
    """Clean `values`; raise ValidationError naming every bad field (unknown fields pass through).

    With `partial` (an edit) only the given fields are checked and None/"" clears a field.
    `language` (else values["language"], else vi) decides how figure values are read.
    """
    lang = language_of(values, language)
    clean: dict[str, Any] = {}
    errors: list[tuple[str, str]] = []
    for name, value in values.items():
        field = FIELDS.get(name)
        if field is None:
            clean[name] = value
            continue
        try:
            clean[name] = None if value is None else clean_field(field, value, lang)
        except InvalidValue as exc:
            errors.append((name, f"{_(field.label)}: {exc}"))
    for name in ("title", "kind"):
        if (
            (name in values or not partial)
            and not clean.get(name)
            and not any(e[0] == name for e in errors)
        ):
            errors.append((name, _("{label} is required", label=_(FIELDS[name].label))))
    if errors:
        raise ValidationError(errors)
    return clean if partial else {k: v for k, v in clean.items() if v is not None}


def clean_form(
    values: Mapping[str, Any], language: str | None = None
) -> tuple[dict[str, Any], dict[str, str]]:
    """Field by field, for an editor form: (cleaned values, {field: what to fix}).

    Unlike `validate_message` it never raises: a field that does not validate is left out of
    the cleaned values (the checks then see the last good value, or none) and its message is
    returned, so the form can show it beside the field while the rest is still checked.
    """
    lang = language_of(values, language)
    clean: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name, value in values.items():
        field = FIELDS.get(name)
        if field is None:
            continue
        try:
            clean[name] = None if value is None else clean_field(field, value, lang)
        except InvalidValue as exc:
            errors[name] = str(exc)
    return clean, errors


def default_language() -> str:
    """New messages are written in the interface language unless the config says otherwise."""
    from .config import load_config

    try:
        configured = (load_config().get("messages") or {}).get("language")
    except Exception:  # a broken config file is reported elsewhere; fall back quietly
        configured = None
    return configured if configured in LANGUAGES else get_language()


def not_found(ref: str) -> NotFoundError:
    return NotFoundError(
        _("No message matches {ref!r}. Find its id with `lantoa messages list`.", ref=ref)
    )


# -- reading and changing the store ------------------------------------------------------------


@dataclass
class Listed:
    """A message with its check report, as every listing shows it."""

    record: dict
    report: Any  # checks.Report


def find_message(source: Any, ref: str) -> dict:
    """A live message by id, id prefix or exact working title (diacritics optional)."""
    from .network import resolve

    return resolve(source, TABLE, ref)


def list_messages(
    source: Any,
    *,
    status: str | None = None,
    kind: str | None = None,
    search: str | None = None,
    today: Any = None,
) -> list[Listed]:
    """Live messages, most recently changed first, each with its readiness report."""
    from .checks import check_message
    from .vietnamese import Matcher

    wanted: dict[str, str] = {}
    errors = []
    for name, value in (("status", status), ("kind", kind)):
        if value:
            allowed, what = _ENUMS[name]
            try:
                wanted[name] = choice(value, allowed, _(what))
            except InvalidValue as exc:
                errors.append((name, str(exc)))
    if errors:
        raise ValidationError(errors)
    matcher = Matcher(search or "")
    out = []
    for record in source.live(TABLE):
        if any(record.get(k, "draft" if k == "status" else None) != v for k, v in wanted.items()):
            continue
        if matcher:
            hay = " ".join(
                [record.get("title", ""), record.get("headline", ""), record.get("owner", "")]
                + (record.get("tags") or [])
            )
            if not matcher.matches(fold(hay)):
                continue
        out.append(Listed(record, check_message(record, today=today)))
    out.sort(key=lambda item: item.record.get("updated_at", ""), reverse=True)
    return out


def title_language(title: str | None) -> str:
    """The language a new message is written in when none is given: Vietnamese when its title
    has Vietnamese letters ("Miễn phí chữ ký số" in an English interface is still Vietnamese),
    else the default (config, then the interface language)."""
    from .vietnamese import has_diacritics

    return "vi" if title and has_diacritics(title) else default_language()


def create_message(store: Any, values: Mapping[str, Any], *, template: str | None = None) -> dict:
    """A new draft; a template gives the kind (unless given) and its prefilled fields."""
    from .templates import get_template

    values = dict(values)
    if not values.get("language"):
        values["language"] = title_language(values.get("title"))
    if template:
        found = get_template(template)
        values.setdefault("kind", found.kind)
        values["template"] = found.name
        for name, value in found.prefill(values["language"]).items():
            values.setdefault(name, value)
    values["status"] = "draft"
    clean = validate_message(values)
    with store.transaction() as tx:
        return tx.insert(TABLE, clean)


@dataclass
class Update:
    record: dict
    changed: list[str]
    demoted: bool  # a ready message got errors and went back to draft


def _ensure_ready(record: Mapping[str, Any]) -> None:
    from .checks import check_message

    report = check_message(record)
    if report.errors:
        problems = [
            (f.field, f"{_(SLOTS[f.slot].label)}: {f.message}")
            for f in report.findings
            if f.severity == "error"
        ]
        raise ValidationError(
            [("status", _("Not ready: {n} problems to fix first.", n=len(problems))), *problems]
        )


def update_message(store: Any, ref: str, changes: Mapping[str, Any]) -> Update:
    """Change fields (None clears) in one transaction; `status: ready` only without errors."""
    from .checks import check_message

    with store.transaction() as tx:
        current = find_message(tx, ref)
        clean = validate_message(changes, partial=True, language=current.get("language"))
        merged = {**current, **{k: v for k, v in clean.items() if v is not None}}
        for name, value in clean.items():
            if value is None:
                merged.pop(name, None)
        if clean.get("status") == "ready" and current.get("status") != "ready":
            _ensure_ready(merged)
        demoted = False
        if merged.get("status") == "ready" and check_message(merged).errors:
            if "status" in clean:
                _ensure_ready(merged)
            clean["status"] = "draft"
            demoted = True
        before = {k: current.get(k) for k in clean}
        record = tx.update(TABLE, current["id"], clean)
        changed = [k for k in clean if before[k] != record.get(k)]
    return Update(record, changed, demoted)


def set_status(store: Any, ref: str, status: str) -> Update:
    return update_message(store, ref, {"status": status})


def remove_message(store: Any, ref: str) -> dict:
    with store.transaction() as tx:
        return tx.delete(TABLE, find_message(tx, ref)["id"])


def restore_message(store: Any, record_id: str) -> dict:
    """Bring back a deleted message by id or id prefix."""
    with store.transaction() as tx:
        matches = [
            r
            for r in tx.by_id(TABLE).values()
            if r["id"].startswith(record_id.strip().lower()) and r.get("deleted")
        ]
        if len(matches) != 1:
            raise NotFoundError(_("No single deleted message has the id {id}.", id=record_id))
        return tx.restore(TABLE, matches[0]["id"])
