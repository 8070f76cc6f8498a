"""Lan Tỏa's data: the store file, the network model and everything that reads or writes it.

This package never imports Textual, so scripted commands start fast (a test checks it).
"""

from .db import Snapshot, Store, Transaction
from .errors import (
    AmbiguousError,
    CorruptStoreError,
    LantoaError,
    NewerSchemaError,
    NotFoundError,
    StoreError,
    StoreLockedError,
    StoreWriteError,
    ValidationError,
)

__all__ = [
    "AmbiguousError",
    "CorruptStoreError",
    "LantoaError",
    "NewerSchemaError",
    "NotFoundError",
    "Snapshot",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreWriteError",
    "Transaction",
    "ValidationError",
]
