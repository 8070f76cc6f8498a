"""The sync engine: read both sides, merge, and write the result to both, crash-safely.

`sync(store, FILE)` holds the local store's lock for the whole sync (no other Lan Tỏa process
changes the store meanwhile), reads the shared file and any conflict copies beside it, merges
(plan.py) and, only if something changes, takes the shared file's lock (`FILE.lock`, the same
lock a Lan Tỏa opening FILE with `--store` takes), checks the file did not change since it was
read (else re-reads and re-merges, a few times at most), backs up both sides, and writes:

1. the shared file (atomically: old or new bytes, never a mix); conflict copies move aside;
2. the local store (atomically);
3. the base sidecar: the shared file's bytes, the common ancestor of the next merge.

Why every crash point is safe:
- before 1: nothing changed (only backups were made); the next sync does it all again.
- between 1 and 2: the shared file holds the merge M, the store its old version L0, the base the
  old B0. Next sync merges L0 with M over B0: every field L0 changed since B0 is in M with the
  same value and stamp (M took it), so "both changed to equal values" (no false conflict), or it
  lost a clash, which M already records under the same deterministic conflict id; every field M
  took from elsewhere is unchanged in L0 and comes in. A revived record carries a stamp newer
  than the delete, so it stays revived. Copies already moved aside are in M.
- between 2 and 3: both sides hold M and the base is B0; the next sync finds every record equal
  on both sides (the fast path), changes nothing, and writes the base.
- A copy not yet moved aside is merged again next time: merging is idempotent.
And across machines, where a lock cannot reach: a shared file overwritten by another officer's
sync loses nothing, because each side keeps its own merged result in its local store and the
next sync merges it back in; a version the sync tool set aside as a conflict copy is merged in.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from ..clock import wall_ms
from ..db import Store, file_signature
from ..errors import CorruptStoreError, LantoaError, NewerSchemaError
from ..i18n import _
from ..migrations import migrate
from ..records import utc_now_iso
from ..storage import atomic_write_bytes, backups_dir, make_backup, parse_store_bytes
from .copies import move_aside
from .plan import Plan, SharedSide, make_plan
from .report import Notice, SyncReport
from .sidecar import base_path, find_state, local_key, write_base

MAX_ATTEMPTS = 5
SHARED_LOCK_TIMEOUT_S = 30.0
SHARED_BACKUPS_KEPT = 10
Hook = Callable[[str], None]
Progress = Callable[[str, float], None]


class SyncError(LantoaError):
    """The sync could not run; nothing was written (the message says what to do)."""


def _nothing_synced() -> str:
    return _("Nothing was synced; your store was not changed.")


def _shared_error(exc: LantoaError) -> LantoaError:
    """The store's message about a bad file, said as a sync problem (it names the file)."""
    message = str(exc)
    no_backup = _("No backup was found.")
    if message.endswith(no_backup):  # backups of a shared file live in the local backups folder
        message = message[: -len(no_backup)].rstrip()
    message = f"{message} {_nothing_synced()}"
    if isinstance(exc, CorruptStoreError):
        return CorruptStoreError(message, exc.path, exc.latest_backup)
    if isinstance(exc, NewerSchemaError):
        return NewerSchemaError(message)
    return SyncError(message)


def read_shared(path: Path) -> SharedSide:
    """The shared file's bytes, data and signature; missing is fine, damaged is an error."""
    if path.is_dir():
        raise SyncError(_("{path} is a folder; give the shared file's name.", path=path))
    signature = file_signature(path)
    if signature is None:
        return SharedSide(path, None, None, None)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return SharedSide(path, None, None, None)
    except OSError as exc:
        raise SyncError(
            _("Cannot read {path}: {why}.", path=path, why=exc.strerror or exc)
            + " "
            + _nothing_synced()
        ) from None
    try:
        data = parse_store_bytes(path, raw)
    except (CorruptStoreError, NewerSchemaError) as exc:
        raise _shared_error(exc) from None
    data, migrated = migrate(data)
    return SharedSide(path, raw, data, signature, migrated)


def _last_synced_copy(store: Store, shared: Path) -> Path | None:
    """The shared file as this store last synced with it (the base sidecar), if kept."""
    try:
        meta = store.load().meta
    except LantoaError:
        return None
    state = find_state(store, meta, shared)
    shared_id = state.get("shared_store_id") if state else None
    if not isinstance(shared_id, str) or not shared_id:
        return None
    path = base_path(store, local_key(store, meta), shared_id)
    return path if path.is_file() else None


def _read_shared_of(store: Store, path: Path) -> SharedSide:
    """`read_shared`, and when the file is damaged, where the last synced version is kept."""
    try:
        return read_shared(path)
    except CorruptStoreError as exc:
        copy = _last_synced_copy(store, path)
        if copy is None:
            raise
        hint = _(
            "The shared file as of your last sync is kept in {copy}; copying it over {path} puts "
            "it back (the next sync then brings everyone's later changes again).",
            copy=copy,
            path=path,
        )
        raise CorruptStoreError(f"{exc} {hint}", exc.path, exc.latest_backup) from None


def _read_local(store: Store) -> bytes | None:
    try:
        return store.path.read_bytes()
    except FileNotFoundError:
        return None


def _check_paths(store: Store, shared: Path) -> Path:
    shared = Path(shared).expanduser().absolute()
    if shared == store.path or (
        shared.exists() and store.path.exists() and os.path.samefile(shared, store.path)
    ):
        raise SyncError(
            _("{path} is this store itself; give the shared file to sync with.", path=shared)
        )
    if not shared.parent.is_dir():
        raise SyncError(
            _("The folder {folder} does not exist (is the drive connected?).", folder=shared.parent)
        )
    return shared


def _changed_since(side: SharedSide) -> bool:
    """Did the shared file change since it was read? (Its signature, then its bytes.)"""
    signature = file_signature(side.path)
    if signature == side.signature:
        return False
    if signature is None or side.raw is None:
        return True
    try:
        return side.path.read_bytes() != side.raw
    except OSError:
        return True


@contextlib.contextmanager
def _shared_lock(path: Path, notices: list[Notice]) -> Iterator[None]:
    """The shared file's lock; where a folder cannot hold locks, go on (copies cover it)."""
    lock = FileLock(path.with_name(path.name + ".lock"), timeout=SHARED_LOCK_TIMEOUT_S, mode=0o664)
    try:
        lock.acquire()
    except Timeout:
        raise SyncError(
            _("{path} is being synced by someone else right now; try again in a minute.", path=path)
            + " "
            + _nothing_synced()
        ) from None
    except (OSError, NotImplementedError):
        notices.append(
            Notice(
                "lock_unavailable",
                _("The folder of {path} cannot hold a lock file; synced without it.", path=path),
                {"path": str(path)},
            )
        )
        yield
        return
    try:
        yield
    finally:
        lock.release()


def backup_shared(store: Store, side: SharedSide, keep: int = SHARED_BACKUPS_KEPT) -> Path | None:
    """A copy of the shared file in the LOCAL backups folder (the shared folder is not ours)."""
    if side.raw is None:
        return None
    folder = backups_dir(store.path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = utc_now_iso().replace("-", "").replace(":", "").replace(".", "")
    prefix = f"shared-{side.path.name}."
    target = folder / f"{prefix}{stamp}.bak"
    atomic_write_bytes(target, side.raw)
    os.chmod(target, 0o600)
    old = sorted(folder.glob(f"{prefix}*.bak"), key=lambda p: p.name, reverse=True)
    for path in old[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()
    return target


def _commit(store: Store, plan: Plan, hook: Hook) -> None:
    report = plan.report
    if plan.local_changed and plan.local_existed:
        if plan.local_migrated:
            make_backup(store.path, "migration")
        report.local_backup = make_backup(store.path, "sync")
    if plan.shared_changed:
        report.shared_backup = backup_shared(store, plan.shared)
    hook("before_shared_write")
    if plan.shared_changed:
        atomic_write_bytes(plan.shared.path, plan.shared_bytes)
        plan.shared_signature = file_signature(plan.shared.path)
        if plan.shared.raw is None:  # new: private, but colleagues of the folder's group may read
            with contextlib.suppress(OSError):
                group = os.stat(plan.shared.path.parent).st_mode & 0o060
                os.chmod(plan.shared.path, 0o600 | group)
    hook("after_shared_write")
    for candidate in plan.copies:
        try:
            target = move_aside(candidate.path)
        except OSError as exc:
            report.notices.append(
                Notice(
                    "copy_merged",
                    _(
                        "Merged the conflict copy {name}; it could not be moved aside ({why}), delete it "
                        "by hand.",
                        name=candidate.path.name,
                        why=exc.strerror or exc,
                    ),
                    {"path": str(candidate.path), "moved_to": None},
                )
            )
            continue
        report.notices.append(
            Notice(
                "copy_merged",
                _(
                    "Merged the conflict copy {name} and moved it to {target}.",
                    name=candidate.path.name,
                    target=target,
                ),
                {"path": str(candidate.path), "moved_to": str(target)},
            )
        )
    hook("after_copies")
    if plan.local_changed:
        atomic_write_bytes(store.path, plan.local_bytes())
    hook("after_local_write")


def _write_sidecar(store: Store, plan: Plan) -> None:
    write_base(
        store,
        plan.local_key,
        plan.shared_id,
        plan.shared_bytes,
        {
            "shared_path": str(plan.shared.path),
            "shared_store_id": plan.shared_id,
            "synced_at": utc_now_iso(),
            "local_clock": plan.clock_last,
            "shared_signature": list(plan.shared_signature or ()),
        },
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """A big store is hundreds of thousands of small dicts and no reference cycles; while they
    are parsed and merged, the cycle collector would rescan them again and again (a large part
    of a sync's time) and free nothing. The console script runs without it anyway."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def sync(
    store: Store,
    shared_path: str | os.PathLike[str],
    dry_run: bool = False,
    progress: Progress | None = None,
    *,
    hooks: Hook | None = None,
) -> SyncReport:
    """Merge the store with the shared file both ways; see the module docstring.

    `progress(stage, fraction)` is called with stages "read", "merge", "write", "done" (for a
    UI worker). `hooks(point)` is for tests: it is called at each step and may raise to simulate
    a crash there. Raises LantoaError subclasses with a message for a person; then nothing was
    written.
    """
    with _collector_paused():
        return _sync(store, shared_path, dry_run, progress, hooks)


def _sync(
    store: Store,
    shared_path: str | os.PathLike[str],
    dry_run: bool,
    progress: Progress | None,
    hooks: Hook | None,
) -> SyncReport:
    shared = _check_paths(store, Path(shared_path))
    hook = hooks or (lambda _point: None)
    tell = progress or (lambda _stage, _fraction: None)
    now_ms = store.now_ms or wall_ms
    name = _device_name()
    if dry_run:
        tell("read", 0.0)
        plan = make_plan(
            store, _read_local(store), _read_shared_of(store, shared), now_ms, device_name=name
        )
        plan.report.dry_run = True
        tell("done", 1.0)
        return plan.report
    with store.locked():
        tell("read", 0.0)
        local_raw = _read_local(store)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            side = _read_shared_of(store, shared)
            hook("after_read")
            tell("merge", 0.3)
            plan = make_plan(store, local_raw, side, now_ms, device_name=name)
            plan.report.attempts = attempt
            if not (plan.shared_changed or plan.local_changed or plan.copies):
                _write_sidecar(store, plan)
                tell("done", 1.0)
                return plan.report
            tell("write", 0.7)
            if plan.shared_changed or plan.copies:
                with _shared_lock(shared, plan.report.notices):
                    if _changed_since(side):
                        continue
                    _commit(store, plan, hook)
            else:
                _commit(store, plan, hook)
            _write_sidecar(store, plan)
            hook("after_base_write")
            tell("done", 1.0)
            return plan.report
    raise SyncError(
        _(
            "{path} kept changing while it was being synced ({n} tries); try again.",
            path=shared,
            n=MAX_ATTEMPTS,
        )
        + " "
        + _nothing_synced()
    )


def _device_name() -> str | None:
    """Who works on this device, as outreach names them (config `owner`, else the login name):
    shown beside a conflict's values on other devices. A broken config never stops a sync."""
    try:
        from ..config import load_config
        from ..outreach.model import settings_from_config

        return settings_from_config(load_config()).owner or None
    except Exception:
        return None
