"""Long text in the person's own editor: the app steps aside (`App.suspend`), runs $VISUAL or
$EDITOR on a private temporary file, and reads the file back when the editor exits.

A headless app (tests) cannot suspend; there the editor runs without a terminal, which is what a
scripted fake editor needs. An interactive terminal that cannot suspend gets a clear refusal.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

from store.errors import LantoaError
from store.i18n import _


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else nano or vi if installed."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        command = next((c for c in ("nano", "vi") if shutil.which(c)), None)
    if not command:
        raise LantoaError(
            _("No text editor found: set the EDITOR environment variable (e.g. EDITOR=nano).")
        )
    return shlex.split(command)


def edit_text(app: App, text: str, filename: str) -> str:
    """`text` as the person left it in their editor; LantoaError if the editor failed."""
    command = editor_command()
    folder = Path(tempfile.mkdtemp(prefix="lantoa-"))
    path = folder / filename
    try:
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        try:
            try:
                with app.suspend():
                    result = subprocess.run([*command, str(path)], check=False)
            except SuspendNotSupported:
                if not app.is_headless:
                    raise LantoaError(
                        _(
                            "This terminal cannot hand over to an editor; use "
                            "`lantoa messages edit` instead."
                        )
                    ) from None
                result = subprocess.run(
                    [*command, str(path)],
                    check=False,
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                )
        except OSError as exc:
            raise LantoaError(_("Could not start the editor: {why}", why=exc)) from None
        if result.returncode != 0:
            raise LantoaError(
                _(
                    "The editor exited with code {code}; nothing was changed.",
                    code=result.returncode,
                )
            )
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
        folder.rmdir()
