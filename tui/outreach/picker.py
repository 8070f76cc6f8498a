"""Choosing who to reach: people and organisations found by typing, and whole groups.

Typing searches organisations (name or short name) and people (the network's search: name,
organisation, province, beat, email, phone), diacritics optional; Enter adds the highlighted
match. Groups are ministry units, provincial departments or press agencies (narrowed to a region)
and tags (a saved selection is a tag). Enter or Delete on a chosen recipient removes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store import outreach as core
from store.i18n import _
from store.model import ORG_KINDS
from store.network import ContactFilter, org_sort_key
from store.reference import regions
from store.vietnamese import Matcher, fold, text_sort_key

from ..widgets.filters import region_label
from ..widgets.keyorder import InOrderInput, InOrderSelect
from ..widgets.text import kind_label, org_label, plain

#: How many organisations and people a search shows.
ORG_RESULTS = 6
PEOPLE_RESULTS = 14


@dataclass(frozen=True)
class Choice:
    """A chosen recipient: ("contact", id), ("org", id) or ("group", "kind" / "tag:NAME")."""

    kind: str
    value: str


class RecipientPicker(Vertical):
    """Search, groups and the chosen recipients; posts `Changed` on every change."""

    class Changed(Message):
        pass

    def __init__(self, data: Any, **kwargs) -> None:
        super().__init__(**kwargs)
        self.data = data
        self.snapshot = data.snapshot
        self.orgs = {o["id"]: o for o in self.snapshot.live("organisations")}
        self.contacts = {e.id: e for e in data.index.entries}
        self.chosen: list[Choice] = []
        self.results: list[Choice] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="out-row"):
            yield Label(_("Add"), classes="out-label")
            yield InOrderInput(
                placeholder=_("type a name, organisation or province (quang ninh)"),
                compact=True,
                id="pick-search",
            )
        yield OptionList(id="pick-results")
        with Horizontal(classes="out-row"):
            yield Label(_("Group"), classes="out-label")
            yield InOrderSelect(
                self.group_options(), prompt=_("a group…"), compact=True, id="pick-group"
            )
            yield InOrderSelect(
                [(Content(region_label(vi)), vi) for vi, _en in regions()],
                prompt=_("all regions"),
                compact=True,
                id="pick-region",
            )
        yield Static("", id="pick-title")
        yield OptionList(id="pick-chosen")

    def on_mount(self) -> None:
        self.query_one("#pick-results").display = False
        self.show_chosen()

    def group_options(self) -> list[tuple[Content, str]]:
        options = [(Content(_(label)), k) for k, label in core.GROUPS.items() if k in ORG_KINDS]
        tags: dict[str, str] = {}
        for entry in self.contacts.values():
            for tag in entry.record.get("tags") or []:
                tags.setdefault(fold(tag), tag)
        for org in self.orgs.values():
            for tag in org.get("tags") or []:
                tags.setdefault(fold(tag), tag)
        for key in sorted(tags, key=text_sort_key):
            options.append((Content(_("tag: {tag}", tag=plain(tags[key]))), f"tag:{tags[key]}"))
        return options

    # -- what was chosen -------------------------------------------------------------------

    @property
    def chosen_region(self) -> str | None:
        value = self.query_one("#pick-region", Select).value
        return None if value is Select.NULL else str(value)

    def add(self, choice: Choice) -> None:
        if choice not in self.chosen:
            self.chosen.append(choice)
        self.show_chosen()
        self.post_message(self.Changed())

    def add_contacts(self, ids: list[str]) -> None:
        for contact_id in ids:
            if contact_id in self.contacts and Choice("contact", contact_id) not in self.chosen:
                self.chosen.append(Choice("contact", contact_id))
        self.show_chosen()

    def add_orgs(self, ids: list[str]) -> None:
        for org_id in ids:
            if org_id in self.orgs and Choice("org", org_id) not in self.chosen:
                self.chosen.append(Choice("org", org_id))
        self.show_chosen()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self.chosen):
            del self.chosen[index]
            self.show_chosen()
            self.post_message(self.Changed())

    def label(self, choice: Choice) -> Content:
        if choice.kind == "contact":
            entry = self.contacts.get(choice.value)
            name = plain(entry.record.get("full_name")) if entry else choice.value[:8]
            return Content.assemble(
                "• ", (name, "bold"), "  ", (org_label(entry.org) if entry else "", "$text-muted")
            )
        if choice.kind == "org":
            org = self.orgs.get(choice.value) or {}
            return Content.assemble(
                "◆ ",
                (plain(org.get("name")), "bold"),
                "  ",
                (kind_label(org.get("kind")), "$text-muted"),
            )
        if choice.value.startswith("tag:"):
            text = _("tag: {tag}", tag=plain(choice.value[4:]))
        else:
            text = _(core.GROUPS.get(choice.value, choice.value))
        region = self.chosen_region
        where = _("in {region}", region=region_label(region)) if region else _("all regions")
        return Content.assemble("▣ ", (text, "bold"), "  ", (where, "$text-muted"))

    def show_chosen(self) -> None:
        chosen = self.query_one("#pick-chosen", OptionList)
        highlighted = chosen.highlighted
        chosen.clear_options()
        chosen.add_options([Option(self.label(c)) for c in self.chosen])
        if self.chosen:
            chosen.highlighted = min(highlighted or 0, len(self.chosen) - 1)
        chosen.display = bool(self.chosen)
        title = (
            _("Chosen ({n}); Enter or Delete removes one:", n=len(self.chosen))
            if self.chosen
            else _("Nobody chosen yet: add people, organisations or a group.")
        )
        self.query_one("#pick-title", Static).update(Content.styled(title, "$text-muted"))

    def request_parts(self) -> dict[str, list[str]]:
        """The PlanRequest fields: contacts, orgs and groups."""
        return {
            "contacts": [c.value for c in self.chosen if c.kind == "contact"],
            "orgs": [c.value for c in self.chosen if c.kind == "org"],
            "groups": [c.value for c in self.chosen if c.kind == "group"],
        }

    # -- searching -------------------------------------------------------------------------

    def search(self, query: str) -> None:
        results = self.query_one("#pick-results", OptionList)
        results.clear_options()
        self.results = []
        matcher = Matcher(query)
        if not matcher.tokens:
            results.display = False
            return
        orgs = [
            o
            for o in self.orgs.values()
            if matcher.matches(fold(" ".join(str(o.get(k) or "") for k in ("name", "short_name"))))
        ]
        orgs.sort(key=org_sort_key)
        people = self.data.index.filter(ContactFilter(search=query))
        options = []
        for org in orgs[:ORG_RESULTS]:
            self.results.append(Choice("org", org["id"]))
            options.append(
                Option(
                    Content.assemble(
                        "◆ ",
                        (plain(org.get("name")), "bold"),
                        "  ",
                        (kind_label(org.get("kind")), "$text-muted"),
                    )
                )
            )
        for entry in people[:PEOPLE_RESULTS]:
            self.results.append(Choice("contact", entry.id))
            record = entry.record
            extra = (
                _("do not contact") if record.get("do_not_contact") else plain(record.get("title"))
            )
            options.append(
                Option(
                    Content.assemble(
                        "• ",
                        (plain(record.get("full_name")), "bold"),
                        "  ",
                        (org_label(entry.org), "$text-muted"),
                        "  ",
                        (extra, "$text-error" if record.get("do_not_contact") else "$text-muted"),
                    )
                )
            )
        results.add_options(options)
        results.display = bool(options)
        if options:
            results.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "pick-search":
            event.stop()
            self.search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "pick-search":
            event.stop()
            self.choose(self.query_one("#pick-results", OptionList).highlighted or 0)

    def choose(self, index: int) -> None:
        if 0 <= index < len(self.results):
            self.add(self.results[index])
            search = self.query_one("#pick-search", Input)
            search.value = ""
            search.focus()

    def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        results = self.query_one("#pick-results", OptionList)
        if event.key == "down" and focused is self.query_one("#pick-search") and (results.display):
            event.stop()
            results.focus()
            results.highlighted = min((results.highlighted or 0) + 1, len(self.results) - 1)
        elif event.key in ("delete", "backspace") and focused is self.query_one("#pick-chosen"):
            event.stop()
            self.remove(self.query_one("#pick-chosen", OptionList).highlighted or 0)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_list.id == "pick-results":
            self.choose(event.option_index)
        elif event.option_list.id == "pick-chosen":
            self.remove(event.option_index)

    def add_group(self) -> None:
        value = self.query_one("#pick-group", Select).value
        if value is Select.NULL:
            self.notify(_("Choose a group first."), severity="warning", markup=False)
            self.query_one("#pick-group", Select).focus()
            return
        self.add(Choice("group", str(value)))
        select = self.query_one("#pick-group", Select)
        with select.prevent(Select.Changed):
            select.value = Select.NULL

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "pick-region":
            event.stop()
            self.show_chosen()
            self.post_message(self.Changed())
        elif event.select.id == "pick-group":
            event.stop()
            if event.value is not Select.NULL:
                self.add_group()
