"""`lantoa demo` and `lantoa keys`: the app on a throwaway sample store, and its key bindings.

`lantoa` alone opens the app on the chosen store (see __init__.py). Only launching imports
Textual; `lantoa keys` lists the bindings from tui/keys.py without it.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from store.i18n import _

from .common import info, print_json, print_table, state

ORDER = 5
#: The top-level commands `register` adds (read without importing: see tui/cli/__init__.py).
COMMANDS = ("demo", "keys")


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo() -> None:
        """Open the app on a temporary copy of the sample network (your store is not touched)."""
        from store.sample import demo_store

        with tempfile.TemporaryDirectory(prefix="lantoa-demo-") as folder:
            store = demo_store(Path(folder) / "demo.json")
            from tui.launch import launch

            launch(store, demo=True)
        info(_("The demo store was thrown away; your own store was not touched."))

    @app.command("keys")
    def keys_(
        as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON for scripts."))] = False,
    ) -> None:
        """List the app's key bindings with their ids (remap them in config.toml under [keys])."""
        from tui import keys

        keymap, problems = keys.keymap_from_config(state.config)
        for problem in problems:
            info(problem)
        if as_json:
            print_json(
                [
                    {
                        "id": k.id,
                        "scope": k.scope,
                        "default": k.keys,
                        "keys": keymap.get(k.id, k.keys),
                        "description": _(k.description),
                    }
                    for k in keys.KEYS.values()
                ]
            )
            return
        rows = [list(row) for row in keys.keys_table(keymap)]
        print_table([_("Where"), "id", _("Keys"), _("Action")], rows)
