"""Reading and writing store files: atomic, durable, private, and loud about damage.

`AtomicJSONStorage` is the TinyDB `Storage` every store file goes through. A write goes to a temp
file in the same folder, is flushed and fsynced, replaces the store with `os.replace`, and the
folder is fsynced: a crash at any instant leaves the old file or the new one, never a torn one.
A file that is not a Lan Tỏa store is reported with the latest backup and never overwritten.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from .errors import CorruptStoreError, NewerSchemaError, StoreWriteError
from .i18n import _

FORMAT_TAG = "lantoa"
SCHEMA_VERSION = 1
META_TABLE = "meta"
BACKUPS_KEPT = 10


def dumps(data: Any) -> bytes:
    """Compact UTF-8 JSON: Vietnamese stays readable in the file and the file stays small.

    orjson does the encoding and decoding: it is several times faster than the standard library,
    which keeps `contacts list --json` near the cost of merely reading the file.
    """
    return orjson.dumps(data)


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every platform/filesystem can open a directory
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(path: Path, exc: OSError) -> StoreWriteError:
    if exc.errno == errno.ENOSPC:
        why = _("the disk is full")
    elif exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = _("permission denied")
    else:
        why = exc.strerror or str(exc)
    return StoreWriteError(
        _("Could not write {path}: {why}. The previous version is intact.", path=path, why=why)
    )


def atomic_write_bytes(path: Path, payload: bytes) -> None:
    """Replace `path` with `payload` so that readers see the old or the new file, never a mix."""
    path = Path(path)
    folder = path.parent
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = 0o600  # new files hold personal data (Decree 13/2023)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _write_error(path, exc) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _write_error(path, exc) from exc
    _fsync_dir(folder)


def backups_dir(path: Path) -> Path:
    return Path(path).parent / "backups"


def list_backups(path: Path) -> list[Path]:
    """Backups of `path`, newest first."""
    folder = backups_dir(path)
    if not folder.is_dir():
        return []
    found = folder.glob(f"{Path(path).name}.*.bak")
    return sorted(found, key=lambda p: p.name, reverse=True)


def latest_backup(path: Path) -> Path | None:
    backups = list_backups(path)
    return backups[0] if backups else None


def make_backup(
    path: Path, reason: str, keep: int = BACKUPS_KEPT, spare: Path | None = None
) -> Path | None:
    """Copy the store aside before a risky change; keep the newest `keep` copies, and `spare`
    (the backup being restored: the oldest one would otherwise make room for its own restore).

    A store identical to its latest backup is not copied again (that backup is returned): ten
    syncs cut short, or ten imports that changed nothing, used to push every older backup out.
    """
    path = Path(path)
    if not path.exists():
        return None
    latest = latest_backup(path)
    if latest is not None and _same_bytes(path, latest):
        return latest
    folder = backups_dir(path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{path.name}.{stamp}.{reason}.bak"
    try:
        shutil.copyfile(path, target)
        os.chmod(target, 0o600)
    except OSError as exc:
        raise _write_error(target, exc) from exc
    for old in list_backups(path)[keep:]:
        if spare is not None and old.resolve() == Path(spare).resolve():
            continue
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False


def backup_facts(backup: Path) -> tuple[datetime | None, str]:
    """When a backup was made (UTC) and why ("import", "sync", …), read from its name
    (`<store>.<stamp>.<reason>.bak`); (None, "") for a file named otherwise."""
    parts = Path(backup).name.rsplit(".", 3)
    if len(parts) != 4 or parts[3] != "bak":
        return None, ""
    try:
        made = datetime.strptime(parts[1], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
    except ValueError:
        return None, ""
    return made, parts[2]


def _corrupt(path: Path, why: str) -> CorruptStoreError:
    backup = latest_backup(path)
    hint = (
        _("Latest backup: {backup} (restore it with `lantoa backups restore`).", backup=backup)
        if backup
        else _("No backup was found.")
    )
    message = _(
        "{path} is not a usable Lan Tỏa store: {why}. It was not changed. {hint}",
        path=path,
        why=why,
        hint=hint,
    )
    return CorruptStoreError(message, Path(path), backup)


def parse_store_bytes(path: Path, raw: bytes) -> dict:
    """Decode and check a store file's bytes; any damage raises `CorruptStoreError`."""
    if not raw.strip():
        raise _corrupt(path, _("the file is empty"))
    if raw.startswith(b"\xef\xbb\xbf"):  # saved by an editor with a BOM: still UTF-8
        raw = raw[3:]
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if "UTF-8" in exc.msg:
            why = _("the file is not UTF-8 text")
        elif exc.pos >= len(raw.rstrip()) - 1:
            why = _("the JSON ends too early (the file looks truncated)")
        else:
            why = _("invalid JSON at line {line}, column {col}", line=exc.lineno, col=exc.colno)
        raise _corrupt(path, why) from None
    check_store_data(path, data)
    return data


def check_store_data(path: Path, data: Any) -> None:
    """Refuse JSON that is not a Lan Tỏa store, or one from a newer version of the app."""
    meta = data.get(META_TABLE) if isinstance(data, dict) else None
    record = next(iter(meta.values()), None) if isinstance(meta, dict) and meta else None
    if not isinstance(record, dict) or record.get("format") != FORMAT_TAG:
        raise _corrupt(path, _("it is JSON but not a Lan Tỏa store (no Lan Tỏa format tag)"))
    schema = record.get("schema")
    if not isinstance(schema, int):
        raise _corrupt(path, _("its schema version is missing"))
    if schema > SCHEMA_VERSION:
        raise NewerSchemaError(
            _(
                "{path} was written by a newer Lan Tỏa (schema {schema}; this version knows "
                "{known}). Update Lan Tỏa to open it; the file was not changed.",
                path=path,
                schema=schema,
                known=SCHEMA_VERSION,
            )
        )
    for name, table in data.items():
        if not isinstance(table, dict):
            raise _corrupt(path, _("table {name} is not an object", name=name))


def read_store_file(path: Path) -> dict:
    try:
        raw = Path(path).read_bytes()
    except PermissionError:
        raise CorruptStoreError(
            _("Cannot read {path}: permission denied.", path=path), Path(path)
        ) from None
    return parse_store_bytes(path, raw)


class AtomicJSONStorage(Storage):
    """TinyDB storage for Lan Tỏa files: checked reads, atomic durable writes, mode 0600."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict | None:
        if not self.path.exists():
            return None
        return read_store_file(self.path)

    def write(self, data: dict) -> None:
        atomic_write_bytes(self.path, dumps(data))

    def close(self) -> None:
        pass
