"""The footer with the keys of the moment, without keeping the keys it showed before.

Textual's Footer rebuilds its keys whenever the bindings change (a card opened or closed, the
focus moved) and binds each new key's `compact` to its own with `data_bind`, that is
`key.watch(footer, "compact", …)`. Those watchers are kept in the footer's "__watchers" and
Textual drops the ones of removed keys only when `compact` changes, which it never does here: every
key ever shown stayed alive with its styles (60 to 80 more for each card opened and closed).
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey

from .unhook import forget_watchers


class Footer(TextualFooter):
    """Textual's footer that lets go of the keys a rebuild removed."""

    async def recompose(self) -> None:
        before = list(self.query(FooterKey))
        await super().recompose()
        for key in before:
            if not key.is_attached:  # removed (a skipped rebuild keeps them, still bound)
                forget_watchers(key, self)
