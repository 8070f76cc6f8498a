"""The card composed for a channel: a press release, a short social post, talking points; and
the exports a press officer sends: Markdown, plain text and an RFC 5322 email (.eml).

Composition is a pure function of the message (plus the sender's contact line): it builds blocks
once and renders them as Markdown (the TUI preview) or plain text (emails, clipboard). Headings are
in the MESSAGE's language, not the interface's: the output is the message itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from typing import Any

from .checks import thresholds
from .checks.base import sentences
from .checks.crisis import parse_moment
from .checks.figures import figure_text
from .validate import national_phone, normalise_email

VARIANTS = ("release", "social", "talking-points")
FORMATS = ("md", "txt", "eml")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
L: dict[str, dict[str, str]] = {
    "vi": {
        "problem": "Vấn đề",
        "policy": "Điều gì thay đổi",
        "effective": "có hiệu lực từ",
        "benefits": "Lợi ích",
        "people": "Người dân",
        "businesses": "Doanh nghiệp",
        "country": "Đất nước",
        "sector": "Ngành",
        "story": "Câu chuyện",
        "source": "Nguồn",
        "illustrative": "Câu chuyện minh họa, tổng hợp từ nhiều trường hợp.",
        "figures": "Số liệu",
        "criticism": "Ý kiến còn băn khoăn",
        "proposal": "Đề xuất",
        "action": "Bạn có thể làm gì",
        "contact": "Liên hệ",
        "points": "Điểm nói chính",
        "key": "Thông điệp chính",
        "answer": "Nếu được hỏi",
        "reply": "trả lời",
        "empathy": "Chia sẻ",
        "facts": "Những điều đã xác nhận",
        "unknowns": "Những điều chưa rõ",
        "actions": "Chúng tôi đang làm gì",
        "advice": "Người dân nên làm gì",
        "next": "Thông tin tiếp theo",
        "at_time": "lúc",
        "where": "tại",
        "incident": "Thời điểm xảy ra",
        "phone": "Điện thoại",
        "email": "Thư điện tử",
        "story_short": "Câu chuyện",
    },
    "en": {
        "problem": "The problem",
        "policy": "What changes",
        "effective": "in effect from",
        "benefits": "Benefits",
        "people": "People",
        "businesses": "Businesses",
        "country": "The country",
        "sector": "The sector",
        "story": "A story",
        "source": "Source",
        "illustrative": "Illustrative story, a composite of several cases.",
        "figures": "Figures",
        "criticism": "Concerns",
        "proposal": "Our proposal",
        "action": "What you can do",
        "contact": "Contact",
        "points": "Talking points",
        "key": "Key message",
        "answer": "If asked",
        "reply": "answer",
        "empathy": "Our thoughts",
        "facts": "What we know",
        "unknowns": "What we do not know yet",
        "actions": "What we are doing",
        "advice": "What you should do",
        "next": "Next update",
        "at_time": "at",
        "where": "on",
        "incident": "Incident time",
        "phone": "Phone",
        "email": "Email",
        "story_short": "Story",
    },
}


@dataclass(frozen=True)
class Block:
    """A piece of a composed message: title, heading, para, bullets, quote or note."""

    kind: str
    text: str = ""
    items: tuple[str, ...] = ()
    attribution: str = ""


@dataclass
class Composed:
    variant: str
    language: str
    subject: str
    blocks: list[Block] = field(default_factory=list)
    limit: int | None = None  # social posts only

    def markdown(self) -> str:
        return render_markdown(self.blocks)

    def text(self) -> str:
        return render_text(self.blocks)

    @property
    def length(self) -> int:
        """Characters of the plain text (the social post counter)."""
        return len(self.text().rstrip("\n"))

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else self.limit - self.length


def _lang(message: Mapping[str, Any]) -> str:
    return message.get("language") if message.get("language") in L else "vi"


def format_date(value: Any, lang: str) -> str:
    """ "2023-07-01" as a reader expects it: 01/07/2023 (vi) or 1 July 2023 (en)."""
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value or "")
    if lang == "vi":
        return day.strftime("%d/%m/%Y")
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def format_moment(value: Any, lang: str) -> str:
    moment = parse_moment(value)
    if moment is None:
        return str(value or "")
    if lang == "vi":
        return moment.strftime("%H:%M ngày %d/%m/%Y")
    return f"{moment:%H:%M}, {format_date(moment.date().isoformat(), 'en')}"


def _text(message: Mapping[str, Any], name: str) -> str:
    value = message.get(name)
    return value.strip() if isinstance(value, str) else ""


def _first_sentence(text: str) -> str:
    for start, end in sentences(text):
        return text[start:end]
    return ""


def contact_line(message: Mapping[str, Any], fallback: str | None = None) -> str:
    """Spokesperson, phone and email of the message, else the configured contact line."""
    lang = _lang(message)
    parts = []
    if _text(message, "spokesperson"):
        parts.append(_text(message, "spokesperson"))
    if _text(message, "contact_phone"):
        parts.append(f"{L[lang]['phone']}: {national_phone(_text(message, 'contact_phone'))}")
    if _text(message, "contact_email"):
        parts.append(f"{L[lang]['email']}: {_text(message, 'contact_email')}")
    return " · ".join(parts) or (fallback or "")


def _figure_line(figure: Mapping[str, Any], lang: str) -> str:
    words = L[lang]
    head = figure_text(figure, lang)
    if figure.get("label"):
        head = f"{figure['label']}: {head}"
    details = [figure["period"]] if figure.get("period") else []
    baseline = str(figure.get("baseline") or "").strip()
    if baseline:
        lead = "so với" if lang == "vi" else "compared with"
        starts = ("so với", "so cùng") if lang == "vi" else ("compared", "vs", "than", "versus")
        details.append(baseline if baseline.lower().startswith(starts) else f"{lead} {baseline}")
    if figure.get("source"):
        details.append(f"{words['source'].lower()}: {figure['source']}")
    return f"{head} ({'; '.join(details)})" if details else head


def _quote(message: Mapping[str, Any]) -> Block | None:
    if not _text(message, "quote"):
        return None
    names = (_text(message, "quote_speaker"), _text(message, "quote_title"))
    who = ", ".join(p for p in names if p)
    return Block("quote", _text(message, "quote"), attribution=who)


def _release(message: Mapping[str, Any], lang: str, contact: str | None) -> list[Block]:
    w = L[lang]
    blocks = [Block("title", _text(message, "headline") or _text(message, "title"))]
    for name in ("lead", "problem"):
        if _text(message, name):
            blocks.append(Block("para", _text(message, name)))
    if _text(message, "policy") or _text(message, "policy_instrument"):
        blocks.append(Block("heading", w["policy"]))
        if _text(message, "policy"):
            blocks.append(Block("para", _text(message, "policy")))
        instrument = _text(message, "policy_instrument")
        if message.get("policy_effective"):
            effective = f"{w['effective']} {format_date(message['policy_effective'], lang)}"
            instrument = f"{instrument}, {effective}" if instrument else effective.capitalize()
        if instrument:
            blocks.append(Block("note", instrument + "."))
    benefits = [
        (w[key], _text(message, f"benefits_{key}"))
        for key in ("people", "businesses", "country", "sector")
    ]
    if any(text for _label, text in benefits):
        blocks.append(Block("heading", w["benefits"]))
        blocks.append(
            Block("bullets", items=tuple(f"{label}: {text}" for label, text in benefits if text))
        )
    if _text(message, "story"):
        blocks.append(Block("heading", w["story"]))
        blocks.append(Block("para", _text(message, "story")))
        notes = [w["illustrative"]] if message.get("story_illustrative") else []
        if _text(message, "story_source"):
            notes.append(f"{w['source']}: {_text(message, 'story_source')}.")
        if notes:
            blocks.append(Block("note", " ".join(notes)))
    quote = _quote(message)
    if quote:
        blocks.append(quote)
    figures = [f for f in message.get("figures") or [] if isinstance(f, Mapping)]
    if figures:
        blocks.append(Block("heading", w["figures"]))
        blocks.append(Block("bullets", items=tuple(_figure_line(f, lang) for f in figures)))
    if _text(message, "criticism") or _text(message, "proposal"):
        blocks.append(Block("heading", w["criticism"]))
        for name in ("criticism", "proposal"):
            if _text(message, name):
                label = f"{w['proposal']}: " if name == "proposal" else ""
                blocks.append(Block("para", label + _text(message, name)))
    if _text(message, "call_to_action"):
        blocks += [Block("heading", w["action"]), Block("para", _text(message, "call_to_action"))]
    line = contact_line(message, contact)
    if line:
        blocks += [Block("heading", w["contact"]), Block("para", line)]
    return blocks


def _crisis_release(message: Mapping[str, Any], lang: str, contact: str | None) -> list[Block]:
    w = L[lang]
    blocks = [Block("title", _text(message, "headline") or _text(message, "title"))]
    if message.get("incident_at"):
        moment = format_moment(message["incident_at"], lang)
        blocks.append(Block("note", f"{w['incident']}: {moment}"))
    if _text(message, "empathy"):
        blocks.append(Block("para", _text(message, "empathy")))
    for name in ("facts", "unknowns", "actions", "advice"):
        if _text(message, name):
            blocks += [Block("heading", w[name]), Block("para", _text(message, name))]
    nxt = _next_update(message, lang)
    if nxt:
        blocks += [Block("heading", w["next"]), Block("para", nxt)]
    line = contact_line(message, contact)
    if line:
        blocks += [Block("heading", w["contact"]), Block("para", line)]
    return blocks


def _next_update(message: Mapping[str, Any], lang: str) -> str:
    w = L[lang]
    parts = []
    if message.get("next_update_at"):
        parts.append(format_moment(message["next_update_at"], lang))
    if _text(message, "next_update_where"):
        parts.append(f"{w['where']} {_text(message, 'next_update_where')}")
    return " ".join(parts)


def _talking_points(message: Mapping[str, Any], lang: str, contact: str | None) -> list[Block]:
    w = L[lang]
    points: list[str] = []

    def add(label: str, text: str) -> None:
        if text:
            points.append(f"{label}: {text}")

    if message.get("kind") == "crisis":
        for name in ("empathy", "facts", "unknowns", "actions", "advice"):
            add(w[name], _text(message, name))
        add(w["next"], _next_update(message, lang))
    else:
        add(w["key"], _text(message, "headline"))
        add(w["problem"], _first_sentence(_text(message, "problem")))
        add(w["policy"], _first_sentence(_text(message, "policy")))
        for key in ("people", "businesses", "country", "sector"):
            add(
                f"{w['benefits']} ({w[key].lower()})",
                _first_sentence(_text(message, f"benefits_{key}")),
            )
        figures = [f for f in message.get("figures") or [] if isinstance(f, Mapping)]
        for figure in figures:
            points.append(_figure_line(figure, lang))
        add(w["story_short"], _first_sentence(_text(message, "story")))
        if _text(message, "criticism"):
            points.append(
                f"{w['answer']} “{_first_sentence(_text(message, 'criticism'))}”: "
                f"{w['reply']}: {_text(message, 'proposal')}"
            )
        add(w["action"], _text(message, "call_to_action"))
    add(w["contact"], contact_line(message, contact))
    title = _text(message, "headline") or _text(message, "title")
    return [Block("title", f"{w['points']}: {title}"), Block("bullets", items=tuple(points))]


def _hashtags(tags: Iterable[str]) -> str:
    out = []
    for tag in tags:
        word = re.sub(r"[^\w]", "", "".join(p[:1].upper() + p[1:] for p in str(tag).split()))
        if word and tag != "mẫu":
            out.append("#" + word)
    return " ".join(out)


def _social(message: Mapping[str, Any], lang: str, limit: int) -> list[Block]:
    own = _text(message, "social_post")
    if own:
        return [Block("para", own)]
    if message.get("kind") == "crisis":
        parts = [
            _text(message, "headline"),
            _first_sentence(_text(message, "advice")),
            (
                f"{L[lang]['next']}: {_next_update(message, lang)}"
                if _next_update(message, lang)
                else ""
            ),
        ]
    else:
        parts = [
            _text(message, "headline"),
            _first_sentence(_text(message, "benefits_people")),
            _first_sentence(_text(message, "call_to_action")),
            _hashtags(message.get("tags") or []),
        ]
    parts = [p for p in parts if p]
    # Drop optional parts (from the least important) until the post fits.
    for drop in ([], [1], [1, 3], [1, 2, 3]):
        kept = [p for i, p in enumerate(parts) if i not in drop]
        if len("\n\n".join(kept)) <= limit:
            break
    return [Block("para", p) for p in kept]


def compose(
    message: Mapping[str, Any],
    variant: str = "release",
    *,
    contact: str | None = None,
    limit: int = thresholds.SOCIAL_POST_LIMIT,
) -> Composed:
    """The message composed for a channel; `contact` is the fallback contact line (config)."""
    if variant not in VARIANTS:
        raise ValueError(variant)
    lang = _lang(message)
    subject = _text(message, "headline") or _text(message, "title")
    if variant == "social":
        return Composed(variant, lang, subject, _social(message, lang, limit), limit)
    if variant == "talking-points":
        return Composed(variant, lang, subject, _talking_points(message, lang, contact))
    build = _crisis_release if message.get("kind") == "crisis" else _release
    return Composed(variant, lang, subject, build(message, lang, contact))


# -- rendering ---------------------------------------------------------------------------------

_MD_BLOCK_START = re.compile(r"^(\s*)([#>*+\-=|])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")


def md_escape(text: str) -> str:
    """User text as Markdown that shows literally: no accidental headings, lists or HTML."""
    text = re.sub(r"([\\`*_\[\]<>])", r"\\\1", text)
    lines = (_MD_BLOCK_START.sub(r"\1\\\2", line) for line in text.split("\n"))
    return "\n".join(_MD_ORDERED.sub(r"\1\\\2", line) for line in lines)


def render_markdown(blocks: Iterable[Block]) -> str:
    out = []
    for block in blocks:
        if block.kind == "title":
            out.append(f"# {md_escape(block.text)}")
        elif block.kind == "heading":
            out.append(f"## {md_escape(block.text)}")
        elif block.kind == "bullets":
            out.append("\n".join(f"- {md_escape(item)}" for item in block.items))
        elif block.kind == "quote":
            quote = "\n".join(f"> {line}" for line in md_escape(f"“{block.text}”").split("\n"))
            out.append(
                quote + (f"\n>\n> — {md_escape(block.attribution)}" if block.attribution else "")
            )
        elif block.kind == "note":
            out.append(f"*{md_escape(block.text)}*")
        else:
            out.append(md_escape(block.text))
    return "\n\n".join(out) + "\n"


def render_text(blocks: Iterable[Block]) -> str:
    out = []
    for block in blocks:
        if block.kind == "title":
            out.append(f"{block.text}\n{'=' * min(len(block.text), 72)}")
        elif block.kind == "heading":
            out.append(f"{block.text}\n{'-' * min(len(block.text), 72)}")
        elif block.kind == "bullets":
            out.append("\n".join(f"- {item}" for item in block.items))
        elif block.kind == "quote":
            out.append(
                f"“{block.text}”" + (f"\n— {block.attribution}" if block.attribution else "")
            )
        else:
            out.append(block.text)
    return "\n\n".join(out).rstrip() + "\n"


# -- email -----------------------------------------------------------------------------------

#: The sender until the person sets `[messages] from = "Name <address>"` in config.toml.
PLACEHOLDER_SENDER = "Lan Tỏa <set-your-address@example.invalid>"


def parse_address(text: str) -> Address:
    """ "Phòng Truyền thông <press@mic.gov.vn>" or a bare address; InvalidValue if unusable."""
    name, addr = parseaddr(str(text))
    return Address(display_name=name, addr_spec=normalise_email(addr or str(text)))


def configured_sender(config: Mapping[str, Any]) -> tuple[Address, bool]:
    """(sender, is_placeholder) from the `[messages] from` setting."""
    value = (config.get("messages") or {}).get("from")
    if value:
        return parse_address(value), False
    return parse_address(PLACEHOLDER_SENDER), True


def contact_addresses(source: Any, refs: Iterable[str]) -> tuple[list[Address], list[str]]:
    """Addresses of contacts named by id, id prefix or name; problems are returned, not raised.

    A contact marked "do not contact" or without an email is left out with a note.
    """
    from .i18n import _
    from .network import CONTACTS, resolve

    out: list[Address] = []
    notes: list[str] = []
    for ref in refs:
        contact = resolve(source, CONTACTS, ref)
        name = contact.get("full_name", "")
        if contact.get("do_not_contact"):
            notes.append(_("{name} is marked “do not contact”; left out.", name=name))
            continue
        emails = contact.get("emails") or []
        if not emails:
            notes.append(_("{name} has no email address; left out.", name=name))
            continue
        address = Address(display_name=name, addr_spec=emails[0])
        if all(a.addr_spec.lower() != address.addr_spec.lower() for a in out):
            out.append(address)
    return out, notes


def to_eml(
    message: Mapping[str, Any],
    *,
    sender: Address,
    to: Iterable[Address] = (),
    bcc: Iterable[Address] = (),
    variant: str = "release",
    when: datetime | None = None,
    contact: str | None = None,
) -> bytes:
    """An RFC 5322 email (UTF-8 subject and body) that mail programs open as a draft to send.

    With only Bcc recipients the To header carries the sender (the usual press-list practice).
    `X-Unsent: 1` makes Outlook open it ready to send; Thunderbird opens .eml files directly.
    """
    composed = compose(message, variant, contact=contact)
    # 7-bit safe (base64 or quoted-printable bodies, RFC 2047 headers), CRLF line ends: the
    # form every mail program and gateway accepts.
    mail = EmailMessage(policy=policy.SMTP.clone(cte_type="7bit"))
    mail["Subject"] = composed.subject or "-"
    mail["From"] = sender
    to, bcc = list(to), list(bcc)
    mail["To"] = to or [sender]
    if bcc:
        mail["Bcc"] = bcc
    mail["Date"] = format_datetime(when or datetime.now().astimezone())
    mail["Message-ID"] = make_msgid(domain=sender.domain or None)
    mail["X-Unsent"] = "1"
    mail.set_content(composed.text(), charset="utf-8")
    mail["Content-Language"] = composed.language  # after set_content, which resets Content-*
    return bytes(mail)
