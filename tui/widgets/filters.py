"""Filters of the network view: a panel of choices and a line of the active ones (clearable).

Filter values are the stored forms (`kind`, region name, GSO province code, role key, beat, tag,
organisation id) so they map one to one onto `store.network.ContactFilter`.
"""

from __future__ import annotations

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Label, Select
from textual.widgets.select import InvalidSelectValueError

from store.i18n import N_, _, get_language
from store.model import ORG_KINDS, ROLES
from store.reference import provinces, regions
from store.vietnamese import text_sort_key

from .text import kind_label, org_label, plain, province_name, role_label

#: Filter name -> label (in panel order). `org_id` is set from the organisation view only.
FILTERS: dict[str, str] = {
    "kind": N_("Group"),
    "region": N_("Region"),
    "province_code": N_("Province"),
    "role": N_("Role"),
    "beat": N_("Beat"),
    "tag": N_("Tag"),
    "org_id": N_("Organisation"),
}


def region_label(region: str) -> str:
    if get_language() == "en":
        return dict(regions()).get(region, region)
    return region


def value_label(name: str, value: str, orgs: dict[str, dict]) -> str:
    """How an active filter value reads for a person."""
    if name == "kind":
        return kind_label(value)
    if name == "role":
        return role_label(value)
    if name == "province_code":
        return province_name(value)
    if name == "region":
        return region_label(value)
    if name == "org_id":
        return org_label(orgs.get(value)) or value[:8]
    return plain(value)


def options_for(name: str, facets: dict[str, list[str]]) -> list[tuple[Content, str]]:
    if name == "kind":
        pairs = [(kind_label(k), k) for k in ORG_KINDS]
    elif name == "role":
        pairs = [(role_label(k), k) for k in ROLES]
    elif name == "region":
        pairs = [(region_label(vi), vi) for vi, _en in regions()]
    elif name == "province_code":
        found = sorted(provinces().values(), key=lambda p: text_sort_key(p.name))
        pairs = [(p.name, p.code) for p in found]
    else:
        pairs = [(plain(v), v) for v in facets.get(name, [])]
    return [(Content(label), value) for label, value in pairs]


class FilterPanel(VerticalScroll):
    """One choice per filter; choosing posts `FilterPanel.Changed`."""

    class Changed(Message):
        def __init__(self, name: str, value: str | None) -> None:
            super().__init__()
            self.name = name
            self.value = value

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.built = False

    def build(self) -> None:
        """Create the choices on first use: six Selects cost start-up time nobody needs yet."""
        if self.built:
            return
        self.built = True
        widgets = []
        for name, label in FILTERS.items():
            if name == "org_id":
                continue
            widgets.append(Label(_(label), classes="filter-label"))
            widgets.append(
                Select(
                    [], prompt=_("any"), compact=True, id=f"filter-{name}", classes="filter-select"
                )
            )
        self.mount_all(widgets)

    def set_choices(self, facets: dict[str, list[str]], values: dict[str, str]) -> None:
        for select in self.query(Select):
            name = (select.id or "").removeprefix("filter-")
            options = options_for(name, facets)
            with self.prevent(Select.Changed):
                select.set_options(options)
                value = values.get(name)
                if value is not None and value in {v for _label, v in options}:
                    select.value = value

    def set_values(self, values: dict[str, str]) -> None:
        for select in self.query(Select):
            name = (select.id or "").removeprefix("filter-")
            value = values.get(name)
            with self.prevent(Select.Changed):
                if value is None:
                    select.clear()
                else:
                    try:
                        select.value = value
                    except InvalidSelectValueError:  # a value no longer offered
                        select.clear()

    def focus_first(self) -> None:
        self.screen.set_focus(self.query(Select).first())

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        name = (event.select.id or "").removeprefix("filter-")
        value = None if event.value is Select.NULL else str(event.value)
        self.post_message(self.Changed(name, value))

    def help_markdown(self) -> str:
        return _(
            "## Filters\n\nChoose a group, region, province, role, beat or tag; the choices "
            "combine (every one must hold). The active filters are listed above the contacts; "
            "click one to remove it, or press the clear-filters key."
        )


class FilterChips(Horizontal):
    """The active filters as small buttons; pressing one removes that filter."""

    class Remove(Message):
        def __init__(self, name: str | None) -> None:
            super().__init__()
            self.name = name

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._shown: tuple | None = None

    def show(self, values: dict[str, str], orgs: dict[str, dict], clear_keys: str) -> None:
        key = (tuple(sorted(values.items())), clear_keys, get_language())
        if key == self._shown:
            return  # unchanged: rebuilding buttons per keystroke would cost a layout each time
        self._shown = key
        self.remove_children()
        active = [(n, v) for n, v in values.items() if v]
        self.display = bool(active)
        if not active:
            return
        buttons = [Label(_("Filters:"), classes="chips-label")]
        for name, value in active:
            text = f"✕ {_(FILTERS[name])}: {value_label(name, value, orgs)}"
            buttons.append(Button(Content(text), compact=True, name=name, classes="chip"))
        buttons.append(
            Button(
                Content(_("clear all ({keys})", keys=clear_keys)),
                compact=True,
                name="",
                classes="chip chip-clear",
            )
        )
        self.mount_all(buttons)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Remove(event.button.name or None))
