"""The $EDITOR round trip of `lantoa messages edit`: the card in a private temporary file, and a
rejected edit kept so that no typing is lost."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from store.errors import LantoaError
from store.i18n import _


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        import shutil

        command = next((c for c in ("nano", "vi") if shutil.which(c)), None)
    if not command:
        raise LantoaError(
            _("No text editor found: set the EDITOR environment variable (e.g. EDITOR=nano).")
        )
    return shlex.split(command)


def run_editor(text: str, record_id: str) -> str:
    folder = Path(tempfile.mkdtemp(prefix="lantoa-"))
    path = folder / f"message-{record_id[:8]}.md"
    try:
        path.write_text(text, encoding="utf-8")
        path.chmod(0o600)
        try:
            result = subprocess.run([*_editor(), str(path)], check=False)
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


def keep_rejected(text: str, record_id: str) -> Path:
    """Save a rejected edit so no typing is lost (personal data: private file)."""
    from store.paths import data_dir
    from store.storage import atomic_write_bytes

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = data_dir() / "rejected" / f"message-{record_id[:8]}-{stamp}.md"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path
