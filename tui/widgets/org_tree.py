"""The organisation view: groups, their organisations, and the people of each (loaded on expand)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from store.i18n import _
from store.model import ORG_KINDS
from store.network import ContactEntry, org_sort_key

from .. import keys
from ..sections.base import StoreData
from .keyorder import ActsAsRead
from .text import kind_label, plain, role_label


class OrgTree(ActsAsRead, Tree[dict]):
    """Tree of groups -> organisations -> people. Expansion and cursor survive store reloads."""

    BINDINGS: ClassVar[list[BindingType]] = [keys.bind("network.org_people", "org_people")]

    class ContactHighlighted(Message):
        def __init__(self, entry: ContactEntry | None) -> None:
            super().__init__()
            self.entry = entry

    class ContactChosen(Message):
        def __init__(self, entry: ContactEntry) -> None:
            super().__init__()
            self.entry = entry

    class OrgChosen(Message):
        """Show this organisation's people in the list (sets the organisation filter)."""

        def __init__(self, org_id: str) -> None:
            super().__init__()
            self.org_id = org_id

    def __init__(self, **kwargs) -> None:
        super().__init__(Text(_("Organisations")), **kwargs)
        keys.localize(self)
        self.show_root = False
        self.guide_depth = 3
        self._people: dict[str, list[ContactEntry]] = {}
        self._loaded_once = False

    def load(self, data: StoreData) -> None:
        """(Re)build from a loaded store, keeping expanded nodes and the cursor."""
        if self._loaded_once:
            expanded = {n.data["id"] for n in self._all_nodes() if n.is_expanded and n.data}
        else:  # first view: the groups open, so the organisations show at once
            expanded = {f"group:{kind}" for kind in ORG_KINDS}
        self._loaded_once = True
        cursor = self.cursor_node.data["id"] if self.cursor_node and self.cursor_node.data else None
        people: dict[str, list[ContactEntry]] = {}
        for entry in data.index.entries:
            people.setdefault(entry.record.get("org_id") or "", []).append(entry)
        self._people = people
        orgs = sorted(data.snapshot.live("organisations"), key=org_sort_key)
        self.clear()
        groups: dict[str, TreeNode[dict]] = {}
        counts: dict[str, int] = {}
        for org in orgs:
            kind = org.get("kind") if org.get("kind") in ORG_KINDS else "other"
            counts[kind] = counts.get(kind, 0) + 1
        for kind in ORG_KINDS:
            if counts.get(kind):
                label = Text(f"{kind_label(kind)} ({counts[kind]})", style="bold")
                groups[kind] = self.root.add(
                    label,
                    {"type": "group", "id": f"group:{kind}"},
                    expand=f"group:{kind}" in expanded,
                )
        for org in orgs:
            kind = org.get("kind") if org.get("kind") in ORG_KINDS else "other"
            n = len(people.get(org["id"], []))
            label = Text(plain(org.get("name")))
            label.append(f"  {n}", style="dim")
            if org.get("ended"):
                label.append("  " + _("(ended {date})", date=plain(org["ended"])), style="dim")
            node = groups[kind].add(label, {"type": "org", "id": org["id"]}, allow_expand=n > 0)
            if org["id"] in expanded and n:
                self._fill(node)
                node.expand()
        if cursor:
            for node in self._all_nodes():
                if node.data and node.data["id"] == cursor:
                    self.move_cursor(node)
                    break

    def _all_nodes(self) -> list[TreeNode[dict]]:
        found: list[TreeNode[dict]] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            found.append(node)
            stack.extend(node.children)
        return found

    def _fill(self, node: TreeNode[dict]) -> None:
        if node.children or not node.data:
            return
        for entry in self._people.get(node.data["id"], []):
            label = Text(plain(entry.record.get("full_name")))
            extra = plain(entry.record.get("title")) or role_label(entry.record.get("role"))
            if extra:
                label.append(f" · {extra}", style="dim")
            node.add_leaf(label, {"type": "contact", "id": entry.id, "entry": entry})

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[dict]) -> None:
        event.stop()
        if event.node.data and event.node.data["type"] == "org":
            self._fill(event.node)

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[dict]) -> None:
        event.stop()
        data = event.node.data or {}
        self.post_message(self.ContactHighlighted(data.get("entry")))

    def on_tree_node_selected(self, event: Tree.NodeSelected[dict]) -> None:
        event.stop()
        data = event.node.data or {}
        if data.get("type") == "contact":
            self.post_message(self.ContactChosen(data["entry"]))

    def action_org_people(self) -> None:
        node = self.cursor_node
        data = (node.data or {}) if node else {}
        if data.get("type") == "contact" and node and node.parent:
            data = node.parent.data or {}
        if data.get("type") == "org":
            self.post_message(self.OrgChosen(data["id"]))

    def help_markdown(self) -> str:
        return _(
            "## Organisations\n\nMinistry units, provincial departments and press agencies, "
            "with the number of people in each. Enter opens a group or an organisation; on a "
            "person it opens their detail. {keys} shows the people of the highlighted "
            "organisation in the list.",
            keys=keys.display_keys("network.org_people"),
        )
