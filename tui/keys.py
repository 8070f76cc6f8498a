"""Every key binding of the app, with a stable id, so people can remap keys in config.toml.

Bindings are declared here once (id, default keys, description) and built with `bind()`; widgets
never spell keys themselves. `[keys]` in config.toml overrides the defaults by id:

    [keys]
    "network.edit" = "f4"          # or a list: ["f4", "e"]
    [keys.network]
    delete = "d,delete"

Descriptions are English in the source (marked for the catalogue) and translated when a node is
created and again when the language changes (`localize`), so the footer speaks the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from store.i18n import N_, _

if TYPE_CHECKING:  # Textual is imported lazily: `lantoa keys` lists keys without it
    from textual.binding import Binding
    from textual.dom import DOMNode


@dataclass(frozen=True)
class Key:
    id: str
    keys: str
    description: str
    scope: str
    show: bool = True


_SCOPES = {
    "app": N_("Everywhere"),
    "network": N_("Network"),
    "contact": N_("Contact"),
    "form": N_("Forms"),
    "dialog": N_("Dialogs"),
}

KEYS: dict[str, Key] = {
    k.id: k
    for k in (
        Key("app.help", "f1", N_("Help"), "app"),
        Key("app.palette", "ctrl+p", N_("Commands"), "app"),
        Key("app.quit", "ctrl+q", N_("Quit"), "app"),
        Key("app.network", "f2", N_("Network"), "app", show=False),
        Key("app.messages", "f3", N_("Messages"), "app", show=False),
        Key("app.outreach", "f4", N_("Outreach"), "app", show=False),
        Key("network.search", "slash", N_("Search"), "network"),
        Key("network.show", "enter", N_("Open"), "network"),
        Key("network.filters", "f", N_("Filters"), "network"),
        Key("network.clear", "ctrl+r", N_("Clear filters"), "network"),
        Key("network.orgs", "o", N_("Organisations"), "network"),
        Key("network.org_people", "l", N_("People of this organisation"), "network"),
        Key("network.new", "n", N_("New"), "network"),
        Key("network.edit", "e", N_("Edit"), "network"),
        Key("network.delete", "d,delete", N_("Delete"), "network"),
        Key("network.undo", "u", N_("Undo"), "network"),
        Key("network.select", "space", N_("Select"), "network"),
        Key("network.select_all", "a", N_("Select all"), "network", show=False),
        Key("network.tag", "t", N_("Tag"), "network"),
        Key("network.export", "x", N_("Export"), "network"),
        Key("network.copy_email", "c", N_("Copy email"), "network", show=False),
        Key("network.copy_phone", "p", N_("Copy phone"), "network", show=False),
        Key("network.copy_zalo", "z", N_("Copy Zalo"), "network", show=False),
        Key(
            "network.to_list",
            "escape",
            N_("From the search box to the list"),
            "network",
            show=False,
        ),
        Key("contact.back", "escape", N_("Back"), "contact"),
        Key("form.save", "ctrl+s", N_("Save"), "form"),
        Key("form.cancel", "escape", N_("Cancel"), "form"),
        Key("dialog.yes", "y", N_("Yes"), "dialog"),
        Key("dialog.no", "n,escape", N_("No"), "dialog"),
        Key("dialog.close", "escape,f1", N_("Close"), "dialog"),
    )
}

# The Messages section: its list (messages.*) and the story-card editor (editor.*). Editor keys
# avoid the ones Input and TextArea use themselves (ctrl+a/e/k/u/w, f6, f7…).
_SCOPES.update({"messages": N_("Messages"), "editor": N_("Message editor")})
KEYS.update(
    {
        k.id: k
        for k in (
            Key("messages.search", "slash", N_("Search"), "messages"),
            Key("messages.open", "enter", N_("Open"), "messages"),
            Key("messages.new", "n", N_("New"), "messages"),
            Key("messages.delete", "d,delete", N_("Delete"), "messages"),
            Key("messages.undo", "u", N_("Undo"), "messages"),
            Key("messages.status", "s", N_("Status"), "messages"),
            Key("messages.export", "x", N_("Export"), "messages"),
            Key("messages.copy", "c", N_("Copy"), "messages", show=False),
            Key("messages.filters", "f", N_("Filters"), "messages", show=False),
            Key("messages.clear", "ctrl+r", N_("Clear filters"), "messages", show=False),
            Key(
                "messages.to_list",
                "escape",
                N_("From the search box to the list"),
                "messages",
                show=False,
            ),
            Key("editor.save", "ctrl+s", N_("Save"), "editor"),
            Key("editor.close", "escape", N_("Close"), "editor"),
            Key("editor.preview", "f5", N_("Preview"), "editor"),
            Key("editor.checklist", "f8", N_("Checklist"), "editor"),
            Key("editor.next", "ctrl+n", N_("Next finding"), "editor", show=False),
            Key("editor.external", "ctrl+o", N_("Field in $EDITOR"), "editor", show=False),
            Key("editor.card", "ctrl+g", N_("Card in $EDITOR"), "editor", show=False),
            Key("editor.status", "ctrl+t", N_("Status"), "editor"),
            Key("editor.export", "f9", N_("Export"), "editor"),
        )
    }
)

# The Outreach section: its list (outreach.*), the coverage view, and "send to…" in the network.
_SCOPES.update({"outreach": N_("Outreach")})
KEYS.update(
    {
        k.id: k
        for k in (
            Key("network.send", "s", N_("Send to…"), "network"),
            Key("outreach.search", "slash", N_("Search"), "outreach", show=False),
            Key("outreach.open", "enter", N_("Open"), "outreach", show=False),
            Key("outreach.new", "n", N_("Send to…"), "outreach"),
            Key("outreach.select", "space", N_("Select"), "outreach", show=False),
            Key("outreach.select_all", "a", N_("Select all"), "outreach", show=False),
            Key("outreach.done", "d", N_("Done"), "outreach"),
            Key("outreach.replied", "r", N_("Replied"), "outreach"),
            Key("outreach.published", "p", N_("Published"), "outreach"),
            Key("outreach.declined", "x", N_("Declined"), "outreach", show=False),
            Key("outreach.status", "s", N_("Status…"), "outreach", show=False),
            Key("outreach.note", "c", N_("Note"), "outreach", show=False),
            Key("outreach.due", "w", N_("Follow-up date"), "outreach", show=False),
            Key("outreach.deliver", "e", N_("Email / call sheet"), "outreach", show=False),
            Key("outreach.delete", "delete", N_("Delete"), "outreach", show=False),
            Key("outreach.undo", "u", N_("Undo"), "outreach"),
            Key("outreach.group", "g", N_("Group by"), "outreach", show=False),
            Key("outreach.overdue", "o", N_("Overdue"), "outreach", show=False),
            Key("outreach.today", "t", N_("Due today"), "outreach", show=False),
            Key("outreach.mine", "m", N_("Mine"), "outreach", show=False),
            Key("outreach.filters", "f", N_("Filters"), "outreach", show=False),
            Key("outreach.clear", "ctrl+r", N_("Clear filters"), "outreach", show=False),
            Key("outreach.coverage", "v", N_("Coverage"), "outreach"),
            Key(
                "outreach.to_list",
                "escape",
                N_("From the search box to the list"),
                "outreach",
                show=False,
            ),
        )
    }
)

# Sync (tui/sync/): "sync now" and the conflicts view everywhere, and the conflicts view's keys.
# ctrl+l and f12 are used by no Textual widget and no other binding here.
_SCOPES.update({"conflicts": N_("Sync conflicts")})
KEYS.update(
    {
        k.id: k
        for k in (
            Key("app.sync", "ctrl+l", N_("Sync now"), "app", show=False),
            Key("app.conflicts", "f12", N_("Sync conflicts"), "app", show=False),
            Key("conflicts.mine", "m", N_("Keep mine"), "conflicts"),
            Key("conflicts.theirs", "t", N_("Keep theirs"), "conflicts"),
            Key("conflicts.value", "v", N_("Other value"), "conflicts"),
            Key("conflicts.close", "escape", N_("Close"), "conflicts"),
        )
    }
)


# Messages and outreach: "send to…" from a message, and its recipients (the editor's third view).
KEYS.update(
    {
        k.id: k
        for k in (
            Key("messages.send", "o", N_("Send"), "messages"),
            Key("messages.recipients", "r", N_("Recipients"), "messages", show=False),
            Key("editor.recipients", "ctrl+r", N_("Recipients"), "editor", show=False),
        )
    }
)


def bind(
    binding_id: str, action: str, *, show: bool | None = None, priority: bool = False
) -> Binding:
    """The Binding for `binding_id` with its default keys (the keymap may replace them)."""
    from textual.binding import Binding

    key = KEYS[binding_id]
    return Binding(
        key.keys,
        action,
        _(key.description),
        show=key.show if show is None else show,
        priority=priority,
        id=binding_id,
    )


def localize(node: DOMNode) -> None:
    """Translate the descriptions of `node`'s bindings into the current UI language.

    Localizing the app (at start and on a language switch) also translates the keys Textual's
    own widgets put in the footer (`TEXTUAL_KEYS`).
    """
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=_(KEYS[b.id].description)) if b.id in KEYS else b for b in items
        ]
    from textual.app import App

    if isinstance(node, App):
        localize_textual(node)


#: Keys of Textual's own widgets that the footer shows (bindings with a description and
#: show=True among the widgets the app uses; tests/tui/test_outreach_dialog_polish.py checks
#: there are no others): (module, class) -> action -> the English description Textual gives.
TEXTUAL_KEYS: dict[tuple[str, str], dict[str, str]] = {
    ("textual.widgets._select", "SelectOverlay"): {"dismiss": N_("Dismiss menu")},  # open list
}


def localize_textual(app: Any = None) -> None:
    """Put the footer keys of Textual's widgets (`TEXTUAL_KEYS`) in the UI language.

    Textual copies a widget's bindings from its class when the widget is made (a Select makes
    its list when it is composed, out of our reach), so the class's copy is translated; widgets
    already made (in `app`'s screens, on a language switch) are translated in place.
    """
    import importlib

    classes = {}
    for (module, name), actions in TEXTUAL_KEYS.items():
        cls = getattr(importlib.import_module(module), name)
        classes[cls] = actions
        if cls._merged_bindings is not None:
            _translate(cls._merged_bindings.key_to_bindings, actions)
    if app is None:
        return
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=False):
            actions = classes.get(type(widget))
            if actions:
                _translate(widget._bindings.key_to_bindings, actions)


def _translate(bindings: dict[str, list[Binding]], actions: dict[str, str]) -> None:
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=_(actions[b.action])) if b.action in actions else b
            for b in items
        ]


def keymap_from_config(config: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """The `[keys]` table of config.toml as a Textual keymap, and problems worth telling."""
    raw = config.get("keys") or {}
    problems: list[str] = []
    if not isinstance(raw, dict):
        return {}, [_("[keys] in config.toml must be a table of binding ids and keys")]
    flat: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, dict):
            flat.update({f"{name}.{sub}": v for sub, v in value.items()})
        else:
            flat[name] = value
    keymap: dict[str, str] = {}
    for binding_id, value in flat.items():
        if binding_id not in KEYS:
            problems.append(_("unknown key binding id {id!r} in config.toml", id=binding_id))
            continue
        if isinstance(value, list):
            value = ",".join(str(v) for v in value)
        if not isinstance(value, str) or not value.strip():
            problems.append(_('keys for {id!r} must be text like "ctrl+e"', id=binding_id))
            continue
        parts = [part.strip() for part in value.split(",") if part.strip()]
        bad = [part for part in parts if not is_key(part)]
        if bad:
            problems.append(
                _(
                    "{keys} for {id!r} in config.toml is not a key Lan Tỏa knows (like "
                    '"ctrl+e", "f6", "x", "slash"); the default stays',
                    keys=", ".join(repr(b) for b in bad),
                    id=binding_id,
                )
            )
            continue
        keymap[binding_id] = ",".join(parts)
    return keymap, problems


_MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@lru_cache(maxsize=1)
def _key_names() -> frozenset[str]:
    """Every key name Textual can deliver: named keys, f1-f24, and printable characters by name."""
    from textual.keys import Keys, _character_to_key

    names = {k.value.split("+")[-1] for k in Keys if not k.value.startswith("<")}
    names |= {_character_to_key(chr(code)) for code in range(33, 127)}
    return frozenset(names | {"space", "enter", "tab", "escape", "backspace", "delete"})


def is_key(text: str) -> bool:
    """Whether `text` is a key Textual understands, such as "ctrl+e", "f6", "x" or "slash"."""
    *modifiers, name = text.lower().split("+")
    if not name or len(set(modifiers)) != len(modifiers) or not _MODIFIERS.issuperset(modifiers):
        return False
    return name in _key_names()


_NAMES = {"slash": "/", "space": "space", "escape": "esc", "delete": "del", "enter": "enter"}


def format_key(key: str) -> str:
    """A key as people read it: ctrl+r -> ^r, slash -> /, f1 -> f1 (like the footer)."""
    key = key.strip()
    if key.startswith("ctrl+") and len(key) == 6:
        return "^" + key[-1]
    return _NAMES.get(key, key)


def display_keys(binding_id: str, keymap: dict[str, str] | None = None) -> str:
    """The keys of a binding as people read them (after remapping)."""
    if keymap is None:
        keymap = _active_keymap
    keys = keymap.get(binding_id) or KEYS[binding_id].keys
    return ", ".join(format_key(k) for k in keys.split(","))


#: The keymap in force (set by the app at start), so help texts name the remapped keys.
_active_keymap: dict[str, str] = {}


def set_active_keymap(keymap: dict[str, str]) -> None:
    _active_keymap.clear()
    _active_keymap.update(keymap)


def keys_table(keymap: dict[str, str] | None = None) -> list[tuple[str, str, str, str]]:
    """(scope, id, keys, description) rows for the help screen and the README."""
    return [
        (_(_SCOPES[k.scope]), k.id, display_keys(k.id, keymap), _(k.description))
        for k in KEYS.values()
    ]


def keys_markdown(keymap: dict[str, str] | None = None) -> str:
    lines = [f"| {_('Where')} | id | {_('Keys')} | {_('Action')} |", "|---|---|---|---|"]
    for scope, binding_id, keys, description in keys_table(keymap):
        lines.append(f"| {scope} | `{binding_id}` | {keys.replace('|', '¦')} | {description} |")
    return "\n".join(lines)
