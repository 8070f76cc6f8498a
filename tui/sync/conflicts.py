"""The conflicts view: every open clash from sync, both values side by side, decided in one key.

"Mine" and "theirs" mean what `lantoa conflicts resolve --keep mine|theirs` means (the value
written on this device, or the one shown now when neither was; see store/sync/conflicts.py).
Deciding goes through `store.sync.resolve_conflict` as a store job, so the store reloads after
and this list, the sections and the status badge all follow. Store text is shown literally.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from store.clock import is_stamp, parse
from store.errors import LantoaError
from store.i18n import N_, _
from store.sync import list_conflicts, resolve_conflict
from store.sync.conflicts import origin_label

from .. import keys
from ..widgets.footer import Footer
from ..widgets.keyorder import HoldsKeysUntilShown
from ..widgets.text import fit, plain

_CSS = Path(__file__).resolve().parent / "sync.tcss"

TABLE_LABELS = {
    "organisations": N_("Organisation"),
    "contacts": N_("Contact"),
    "messages": N_("Message"),
    "outreach": N_("Outreach"),
}
KIND_LABELS = {
    "edit": N_("edited on two devices"),
    "stale": N_("an older version came back"),
    "create": N_("created twice"),
}


def value_text(side: dict[str, Any]) -> str:
    """A conflict value as people read it (lists joined, empty said so)."""
    if not side.get("present", True) or side.get("value") in (None, "", []):
        return _("(empty)")
    if side.get("label"):  # a coded value (an outreach status) in words
        return plain(side["label"])
    value = side["value"]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return plain(value)


def editable_text(side: dict[str, Any]) -> str:
    """The value as a starting point for typing another one ("" when empty)."""
    text = value_text(side)
    return "" if text == _("(empty)") else text


def changed_at(side: dict[str, Any]) -> str:
    """When the value was written (its change stamp), in local time."""
    stamp = side.get("stamp")
    if not is_stamp(stamp):
        return ""
    moment = datetime.fromtimestamp(parse(stamp).ms / 1000, tz=UTC).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def origin(side: dict[str, Any]) -> str:
    return plain(origin_label(side))


def record_label(view: dict[str, Any]) -> str:
    table = view.get("table") or ""
    what = _(TABLE_LABELS[table]) if table in TABLE_LABELS else plain(table)
    return f"{what}: {plain(view.get('record_name'))}"


def side_renderable(view: dict[str, Any], which: str) -> Table:
    """One side ("mine"/"theirs") of a conflict: the value, who wrote it and when."""
    side = view[view[which]]
    grid = Table.grid(padding=(0, 1), expand=True)
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold", ratio=1)
    grid.add_row(Text(_("from")), Text(origin(side)))
    when = changed_at(side)
    if when:
        grid.add_row(Text(_("written")), Text(when))
    shown = view[which] == "kept"
    grid.add_row(
        Text(""),
        Text(_("shown now") if shown else _("set aside"), style="italic" if shown else "dim"),
    )
    grid.add_row(Text(_("value")), Text(value_text(side), style="bold"))
    return grid


class ConflictsScreen(HoldsKeysUntilShown, ModalScreen[None]):
    """Open conflicts, newest decision first to make at the top (the store's order)."""

    SCOPED_CSS = False
    DEFAULT_CSS = _CSS.read_text(encoding="utf-8")
    BINDINGS: ClassVar[list[BindingType]] = [
        keys.bind("conflicts.mine", "keep('mine')"),
        keys.bind("conflicts.theirs", "keep('theirs')"),
        keys.bind("conflicts.value", "other_value"),
        keys.bind("conflicts.close", "close"),
        keys.bind("app.help", "app.help"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog-screen", id="conflicts-screen")
        keys.localize(self)
        self.views: list[dict[str, Any]] = []
        self.busy: set[str] = set()

    def compose(self) -> ComposeResult:
        with Vertical(id="conflicts-dialog"):
            yield Label("", id="conflicts-title", classes="dialog-title")
            yield Static("", id="conflicts-empty")
            table: DataTable = DataTable(
                id="conflicts-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Label("", id="conflicts-what")
            with Horizontal(id="conflicts-sides"):
                with VerticalScroll(id="conflicts-mine", classes="conflict-side"):
                    yield Label(Content(_("Mine")), classes="conflict-side-title")
                    yield Static(id="conflicts-mine-body")
                with VerticalScroll(id="conflicts-theirs", classes="conflict-side"):
                    yield Label(Content(_("Theirs")), classes="conflict-side-title")
                    yield Static(id="conflicts-theirs-body")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.app.store_changed.subscribe(self, lambda _data: self.reload())
        self.reload()
        self.query_one(DataTable).focus()

    # -- showing -----------------------------------------------------------------------------

    def reload(self) -> None:
        """The open conflicts of the loaded store, keeping the cursor on the same one."""
        data = self.app.data
        self.views = list_conflicts(data.snapshot) if data is not None else []
        table = self.query_one(DataTable)
        current = self.current
        keep_id = current["id"] if current else None
        table.clear(columns=True)
        # the dialog's border and padding (4) and two cells of padding per column (8)
        width = max(self.size.width - 12, 40)
        labels = [record_label(v) for v in self.views]
        field_w = max(
            [len(plain(v.get("field_label") or v.get("field"))) for v in self.views] + [5]
        )
        values_w = max([len(value_text(v[k])) for v in self.views for k in ("kept", "other")] + [8])
        record_w = min(
            max([len(x) for x in labels] + [8]), max(width // 3, width - field_w - 2 * values_w)
        )
        value_w = max((width - record_w - field_w) // 2, 8)
        table.add_column(_("Record"), key="record")
        table.add_column(_("Field"), key="field")
        table.add_column(_("Mine"), key="mine")
        table.add_column(_("Theirs"), key="theirs")
        for view, label in zip(self.views, labels, strict=True):
            table.add_row(
                Text(fit(label, record_w).rstrip()),
                Text(plain(view.get("field_label") or view.get("field"))),
                Text(fit(value_text(view[view["mine"]]), value_w).rstrip()),
                Text(fit(value_text(view[view["theirs"]]), value_w).rstrip()),
                key=view["id"],
            )
        n = len(self.views)
        self.query_one("#conflicts-title", Label).update(
            Content(_("Sync conflicts ({n} open)", n=n))
        )
        empty = self.query_one("#conflicts-empty", Static)
        empty.update(Content(_("No open conflicts.") if not n else ""))
        empty.display = not n
        for widget_id in ("#conflicts-table", "#conflicts-what", "#conflicts-sides"):
            self.query_one(widget_id).display = bool(n)
        if keep_id is not None:
            ids = [v["id"] for v in self.views]
            if keep_id in ids:
                table.move_cursor(row=ids.index(keep_id))
        self.show_current()

    @property
    def current(self) -> dict[str, Any] | None:
        if not self.views:
            return None
        try:
            table = self.query_one(DataTable)
        except Exception:
            return None
        row = table.cursor_row
        return self.views[row] if 0 <= row < len(self.views) else None

    def show_current(self) -> None:
        view = self.current
        if view is None:
            return
        what = _(KIND_LABELS.get(view.get("kind"), "edited on two devices"))
        line = (
            f"{record_label(view)} · {plain(view.get('field_label') or view.get('field'))} · {what}"
        )
        if view.get("record_deleted"):
            line += " · " + _("the record is deleted")
        self.query_one("#conflicts-what", Label).update(Content(line))
        self.query_one("#conflicts-mine-body", Static).update(side_renderable(view, "mine"))
        self.query_one("#conflicts-theirs-body", Static).update(side_renderable(view, "theirs"))

    def on_resize(self) -> None:
        self.reload()  # the columns fit the width

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.show_current()

    # -- deciding ----------------------------------------------------------------------------

    def action_keep(self, which: str) -> None:
        view = self.current
        if view is not None:
            self.resolve(view, which)

    def action_other_value(self) -> None:
        from ..screens.dialogs import AskScreen

        view = self.current
        if view is None:
            return

        def answered(value: str | None) -> None:
            if value is not None:
                self.resolve(view, value)

        self.app.push_screen(
            AskScreen(
                _("Another value"),
                _(
                    "{field} of {name}:",
                    field=plain(view.get("field_label") or view.get("field")),
                    name=plain(view.get("record_name")),
                ),
                value=editable_text(view["kept"]),
                ok=_("Keep this value"),
            ),
            answered,
        )

    def resolve(self, view: dict[str, Any], keep: str) -> None:
        conflict_id = view["id"]
        if conflict_id in self.busy:
            return
        self.busy.add(conflict_id)

        def job(store) -> dict:
            return resolve_conflict(store, conflict_id, keep)

        def done(result: dict) -> None:
            self.busy.discard(conflict_id)
            self.app.notify(
                _(
                    "Resolved: {field} of {name} is now {value}. Other devices get it at their "
                    "next sync.",
                    field=plain(result.get("field_label") or result.get("field")),
                    name=plain(result.get("record_name")),
                    value=value_text(result.get("resolution") or {}),
                ),
                title=_("Sync conflicts"),
                markup=False,
            )

        def failed(exc: Exception) -> None:
            self.busy.discard(conflict_id)
            self.app.notify(
                str(exc) if isinstance(exc, LantoaError) else repr(exc),
                title=_("Not resolved"),
                severity="error",
                markup=False,
                timeout=15,
            )

        self.app.run_store_job(job, done, failed)

    def action_close(self) -> None:
        self.dismiss(None)

    def help_markdown(self) -> str:
        k = keys.display_keys
        return _(
            "## Sync conflicts\n\nA conflict is a field two people changed differently between "
            "syncs. Both devices show the later value for now, and the other one is kept here "
            "until someone decides.\n\n"
            "- **Mine** is the value written on this device (or, when neither was, the one shown "
            "now); **Theirs** is the other one, with the device that wrote it and when.\n"
            "- {mine} keeps mine · {theirs} keeps theirs · {value} types another value · "
            "{close} closes; Tab moves to the values (long ones scroll).\n"
            "- The decision wins on every device at their next sync ({sync} syncs now). "
            "The badge in the status line counts the conflicts still open.",
            mine=k("conflicts.mine"),
            theirs=k("conflicts.theirs"),
            value=k("conflicts.value"),
            close=k("conflicts.close"),
            sync=k("app.sync"),
        )
