"""Launching the Textual app from the command line (the only place the CLI imports Textual)."""

from __future__ import annotations

from store import Store


def launch(store: Store, *, demo: bool = False) -> None:
    import gc

    gc.enable()  # the CLI turns collection off for short commands; the app runs for hours
    from .app import run_app

    run_app(store, demo=demo)
