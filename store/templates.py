"""Message templates: the built-in policy, achievement and crisis cards, plus the user's own.

A template gives a new message its kind, hints for each slot (Vietnamese and English) and,
optionally, prefilled fields and tags. Built-ins ship in `store/data/message_templates.json`; users
add their own as files in `<config dir>/templates/` (`lantoa where` shows the config dir), one
template per `.toml` or `.json` file:

    name = "service-launch"            # what --template takes (default: the file name)
    kind = "policy"                    # policy | achievement | crisis
    label = { vi = "Ra mắt dịch vụ", en = "Service launch" }   # or one string
    description = { vi = "…", en = "…" }
    tags = ["dịch vụ công"]

    [hints]                            # per slot or field; a string or { vi = …, en = … }
    headline = { vi = "Tên dịch vụ và ai được lợi", en = "The service and who gains" }

    [fields]                           # prefilled values (any field), for every language …
    call_to_action = "Xem hướng dẫn tại https://dichvucong.gov.vn"
    [fields.en]                        # … or only for messages written in one language
    call_to_action = "See https://dichvucong.gov.vn"

A JSON file holds the same object (or `{"templates": [ … ]}`). A user template with a built-in's
name replaces it. A broken file is skipped and reported (`lantoa messages templates`), never fatal.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import NotFoundError, ValidationError
from .i18n import _, get_language
from .messages import FIELDS, KINDS, SLOTS, validate_message
from .paths import config_dir
from .vietnamese import fold

BUILT_IN = "built-in"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


def _bilingual(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"vi": value, "en": value}
    if isinstance(value, dict):
        return {k: str(v) for k, v in value.items() if k in ("vi", "en") and v}
    return {}


def _pick(texts: dict[str, str], lang: str) -> str | None:
    return texts.get(lang) or texts.get("en") or texts.get("vi")


@dataclass(frozen=True)
class Template:
    name: str
    kind: str
    label: dict[str, str]
    description: dict[str, str] = field(default_factory=dict)
    hints: dict[str, dict[str, str]] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    fields_by_language: dict[str, dict[str, Any]] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    source: str = BUILT_IN

    def title(self, lang: str | None = None) -> str:
        return _pick(self.label, lang or get_language()) or self.name

    def about(self, lang: str | None = None) -> str:
        return _pick(self.description, lang or get_language()) or ""

    def hint(self, slot_or_field: str, lang: str | None = None) -> str | None:
        """The hint for a field, else for its slot, in `lang` (default: the UI language)."""
        lang = lang or get_language()
        texts = self.hints.get(slot_or_field)
        if texts is None and slot_or_field in FIELDS:
            texts = self.hints.get(FIELDS[slot_or_field].slot or "")
        return _pick(texts, lang) if texts else None

    def prefill(self, lang: str) -> dict[str, Any]:
        """Fields a new message in `lang` starts with (its tags included)."""
        values = dict(self.fields)
        values.update(self.fields_by_language.get(lang, {}))
        if self.tags and "tags" not in values:
            values["tags"] = list(self.tags)
        return values


def parse_template(data: Any, source: str, default_name: str = "") -> Template:
    """A template from a file's data; ValueError says what is wrong (already translated)."""
    if not isinstance(data, dict):
        raise ValueError(_("a template is an object with name, kind, label and hints"))
    name = fold(str(data.get("name") or default_name)).strip().replace(" ", "-")
    if not _NAME.match(name):
        raise ValueError(
            _("{name!r} is not a usable template name (letters, digits, - and _)", name=name)
        )
    kind = data.get("kind")
    if kind not in KINDS:
        raise ValueError(
            _("template {name}: kind must be one of {kinds}", name=name, kinds=", ".join(KINDS))
        )
    hints: dict[str, dict[str, str]] = {}
    for key, value in (data.get("hints") or {}).items():
        if key not in SLOTS and key not in FIELDS:
            raise ValueError(
                _("template {name}: no slot or field is called {key!r}", name=name, key=key)
            )
        hints[key] = _bilingual(value)
    common: dict[str, Any] = {}
    by_lang: dict[str, dict[str, Any]] = {}
    for key, value in (data.get("fields") or {}).items():
        if key in ("vi", "en") and isinstance(value, dict):
            by_lang[key] = dict(value)
        else:
            common[key] = value
    for lang, values in [("vi", common), *by_lang.items()]:
        unknown = [k for k in values if k not in FIELDS or k in ("kind", "status", "template")]
        if unknown:
            raise ValueError(
                _("template {name}: cannot prefill {fields}", name=name, fields=", ".join(unknown))
            )
        try:
            validate_message({**values, "language": lang}, partial=True)
        except ValidationError as exc:
            raise ValueError(_("template {name}: {problem}", name=name, problem=exc)) from None
    tags = tuple(str(t) for t in data.get("tags") or [])
    return Template(
        name,
        kind,
        _bilingual(data.get("label")) or {"en": name},
        _bilingual(data.get("description")),
        hints,
        common,
        by_lang,
        tags,
        source,
    )


def _read_file(path: Path) -> list[Any]:
    raw = path.read_bytes()
    if path.suffix == ".toml":
        return [tomllib.loads(raw.decode("utf-8-sig"))]
    data = json.loads(raw.decode("utf-8-sig"))
    return list(data["templates"]) if isinstance(data, dict) and "templates" in data else [data]


def user_templates_dir() -> Path:
    return config_dir() / "templates"


@dataclass
class TemplateSet:
    templates: dict[str, Template]
    problems: list[tuple[str, str]]  # (file, what is wrong)


def load_templates(folder: Path | None = None) -> TemplateSet:
    """The built-ins, then every template file of the user's folder (which may replace one)."""
    built = json.loads(
        resources.files("store").joinpath("data/message_templates.json").read_text(encoding="utf-8")
    )
    templates = {t.name: t for t in (parse_template(d, BUILT_IN) for d in built["templates"])}
    problems: list[tuple[str, str]] = []
    folder = folder or user_templates_dir()
    files = sorted(folder.glob("*.toml")) + sorted(folder.glob("*.json")) if folder.is_dir() else []
    for path in files:
        try:
            for data in _read_file(path):
                found = parse_template(data, str(path), path.stem)
                templates[found.name] = found
        except (
            OSError,
            UnicodeDecodeError,
            tomllib.TOMLDecodeError,
            json.JSONDecodeError,
            KeyError,
            TypeError,
        ) as exc:
            problems.append((str(path), _("cannot read it: {why}", why=exc)))
        except ValueError as exc:
            problems.append((str(path), str(exc)))
    return TemplateSet(templates, problems)


def get_template(name: str, folder: Path | None = None) -> Template:
    found = load_templates(folder).templates
    key = fold(name).strip().replace(" ", "-")
    if key in found:
        return found[key]
    raise NotFoundError(
        _(
            "No template called {name!r}. Templates: {names}.",
            name=name,
            names=", ".join(sorted(found)),
        )
    )


def template_for(message: dict) -> Template:
    """The template a message was started from, else the built-in of its kind (for hints)."""
    sets = load_templates().templates
    return sets.get(message.get("template") or "") or sets[message.get("kind") or "policy"]
