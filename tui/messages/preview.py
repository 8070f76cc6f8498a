"""The preview: the card composed for a channel (press release, social post, talking points),
rendered as Markdown, with the social post's length counted against its limit.

The Markdown comes from store.compose, which escapes the person's text: a headline like
`# x` or `[link](…)` shows literally, never as structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Markdown, Static, Tab, Tabs

from store.compose import Composed, compose
from store.i18n import N_, _

VARIANT_LABELS = {
    "release": N_("Press release"),
    "social": N_("Social post"),
    "talking-points": N_("Talking points"),
}


def counter_line(composed: Composed) -> Content:
    """ "Social post: 212 of 280 characters (68 left)", red when over the limit."""
    if composed.limit is None:
        return Content(_("{n} characters", n=composed.length))
    remaining = composed.remaining or 0
    if remaining < 0:
        return Content.styled(
            _(
                "Social post: {n} of {limit} characters, {over} too many",
                n=composed.length,
                limit=composed.limit,
                over=-remaining,
            ),
            "bold $text-error",
        )
    return Content.styled(
        _(
            "Social post: {n} of {limit} characters ({left} left)",
            n=composed.length,
            limit=composed.limit,
            left=remaining,
        ),
        "$text-success",
    )


class Preview(Vertical):
    """Variant tabs, the length line and the rendered Markdown."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.variant = "release"
        self.values: Mapping[str, Any] = {}
        self.contact: str | None = None
        self.shown: str | None = None
        self.composed: Composed | None = None

    def compose(self) -> ComposeResult:
        yield Tabs(
            *(Tab(_(label), id=f"variant-{key}") for key, label in VARIANT_LABELS.items()),
            id="preview-variants",
        )
        yield Static("", id="preview-counter")
        with VerticalScroll(id="preview-body"):
            yield Markdown("", id="preview-markdown")

    def show(self, values: Mapping[str, Any], contact: str | None = None) -> None:
        """Compose `values` (a record as the form would save it) and render it if it changed."""
        self.values = values
        self.contact = contact
        self.composed = compose(values, self.variant, contact=contact)
        self.query_one("#preview-counter", Static).update(counter_line(self.composed))
        markdown = self.composed.markdown()
        if markdown != self.shown:
            self.shown = markdown
            self.query_one("#preview-markdown", Markdown).update(markdown)

    def on_tabs_tab_activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        variant = (event.tab.id or "").removeprefix("variant-")
        if variant in VARIANT_LABELS and variant != self.variant:
            self.variant = variant
            self.show(self.values, self.contact)

    def set_variant(self, variant: str) -> None:
        self.query_one(Tabs).active = f"variant-{variant}"
