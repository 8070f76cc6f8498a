"""Errors the store raises. Each carries a message that says what to fix.

The CLI maps them to exit codes (1 for bad input or a bad file) and the TUI to notifications, so the
messages are complete sentences in the current UI language.
"""

from __future__ import annotations

from pathlib import Path


class LantoaError(Exception):
    """Base of every error Lan Tỏa reports to a person (never a traceback)."""

    exit_code = 1


class StoreError(LantoaError):
    """The store file cannot be read or written."""


class CorruptStoreError(StoreError):
    """The file exists but is not a readable Lan Tỏa store; it is never overwritten."""

    def __init__(self, message: str, path: Path, latest_backup: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.latest_backup = latest_backup


class NewerSchemaError(StoreError):
    """The file was written by a newer Lan Tỏa; refusing protects its data."""


class StoreLockedError(StoreError):
    """Another process held the store's lock for longer than we wait."""


class StoreWriteError(StoreError):
    """Writing failed (permission, disk full); the old file is intact."""


class ValidationError(LantoaError):
    """Input that breaks the model's rules; nothing was changed."""

    def __init__(self, errors: list[tuple[str, str]]) -> None:
        self.errors = errors
        super().__init__("; ".join(msg for _field, msg in errors))

    @property
    def fields(self) -> dict[str, str]:
        return {field: msg for field, msg in self.errors}


class NotFoundError(LantoaError):
    """A reference (id, id prefix or name) matched nothing."""


class AmbiguousError(LantoaError):
    """A reference matched several records; the message lists them."""

    def __init__(self, message: str, candidates: list[dict]) -> None:
        super().__init__(message)
        self.candidates = candidates
