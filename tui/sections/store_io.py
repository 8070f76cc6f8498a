"""The app's side of the store: load it in a worker, notice outside changes, run writes in order.

Mixed into the App. Loading posts `StoreLoaded` (or `StoreLoadFailed`) and the app publishes the
new `StoreData` to every section through `app.store_changed`; writes are "store jobs", run one at
a time in a worker, each followed by a reload; undo entries are callables run in a transaction.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from store import Store
from store.errors import LantoaError
from store.i18n import _
from store.network import ContactIndex

from .base import StoreData

_PRELOAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="lantoa-preload")


class StoreLoaded(Message):
    def __init__(self, data: StoreData, sequence: int) -> None:
        super().__init__()
        self.data = data
        self.sequence = sequence
        self.shown = threading.Event()  # set once the UI has painted this version


class StoreLoadFailed(Message):
    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


def read_store(store: Store) -> StoreData:
    """Load and index a store (in a worker thread): what the views need to show it."""
    started = time.perf_counter()
    gc.disable()  # a big JSON tree makes the cyclic GC run again and again while loading
    try:
        snapshot = store.load()
        data = StoreData(snapshot, ContactIndex(snapshot), time.perf_counter() - started)
        # The records are plain JSON (no reference cycles): keep them out of every later
        # collection, which would otherwise walk 10k+ records each time the UI allocates. They
        # are still freed by reference counting when a newer version replaces them.
        gc.freeze()
        return data
    finally:
        gc.enable()


class StoreIO:
    """Loading, watching and writing the store (needs the App's attributes set in __init__)."""

    # -- loading and watching ----------------------------------------------------------------

    def load_store(self) -> None:
        self._sequence += 1
        self._load(self._sequence)

    @work(thread=True, exclusive=True, group="load")
    def _load(self, sequence: int) -> None:
        """Read and index the store; show it, then fold the search text in the background."""
        first, self._first_read = self._first_read, None
        try:
            data = first.result() if first is not None else read_store(self.store)
        except LantoaError as exc:
            self.post_message(StoreLoadFailed(str(exc)))
            return
        except OSError as exc:
            self.post_message(
                StoreLoadFailed(
                    _("Cannot read {path}: {why}.", path=self.store.path, why=exc.strerror or exc)
                )
            )
            return
        if get_current_worker().is_cancelled:
            return
        index = data.index
        message = StoreLoaded(data, sequence)
        self.post_message(message)
        # Fold the search text once the list is on screen (not competing with the first paint
        # for the interpreter); a search typed before that prepares the index itself.
        message.shown.wait(timeout=5)
        index.prepare()
        message.data.prepared.set()

    def on_store_loaded(self, message: StoreLoaded) -> None:
        if message.sequence < self._applied:
            message.shown.set()
            return
        self._applied = message.sequence
        self.data = message.data
        self.show_status()
        self.store_changed.publish(message.data)
        self.call_after_refresh(message.shown.set)
        if self.ready_at is None:
            self.ready_at = time.perf_counter() - self._started

    def on_store_load_failed(self, message: StoreLoadFailed) -> None:
        self.notify(
            message.error,
            title=_("The store cannot be read"),
            severity="error",
            markup=False,
            timeout=30,
        )
        for section in self.main_screen.sections():
            if hasattr(section, "store_failed"):
                section.store_failed(message.error)

    def _poll(self) -> None:
        if not self._job_running:
            self._check_signature()

    @work(thread=True, exclusive=True, group="poll")
    def _check_signature(self) -> None:
        seen = self.data.snapshot.signature if self.data else None
        if self.data is not None and self.store.signature() != seen:
            self.call_from_thread(self.load_store)

    # -- writing -----------------------------------------------------------------------------

    def run_store_job(
        self,
        job: Callable[[Store], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[Exception], None] | None = None,
    ) -> None:
        """Run `job(store)` in a worker, one job at a time, in order; then reload the store."""
        self._jobs.append((job, done, failed))
        if not self._job_running:
            self._next_job()

    def _next_job(self) -> None:
        if not self._jobs:
            self._job_running = False
            return
        self._job_running = True
        job, done, failed = self._jobs.popleft()
        self.run_worker(lambda: self._run_job(job, done, failed), thread=True, group="write")

    def _run_job(self, job, done, failed) -> None:
        try:
            result = job(self.store)
        except Exception as exc:  # reported to the person, never swallowed
            self.call_from_thread(self._job_finished, failed, exc, True)
        else:
            self.call_from_thread(self._job_finished, done, result, False)

    def _job_finished(self, callback, value, is_error: bool) -> None:
        if is_error and not isinstance(value, LantoaError):
            self.log.error(repr(value))
        if is_error and callback is None:
            self.notify(
                str(value) if isinstance(value, LantoaError) else repr(value),
                title=_("Not saved"),
                severity="error",
                markup=False,
                timeout=15,
            )
        elif callback is not None:
            try:
                callback(value)
            except Exception as exc:  # a bug in showing the result: the data is safe; say so
                self.report_bug(exc)
        self.load_store()
        self._next_job()

    def report_bug(self, exc: BaseException) -> None:
        """A bug caught in the app: logged to crash.log and told, instead of a traceback."""
        from tui.crash import write_crash_log

        log = write_crash_log(exc)
        self.notify(
            _(
                "Unexpected error: {message}. Details were written to {log}.",
                message=repr(exc),
                log=log or "-",
            ),
            severity="error",
            markup=False,
            timeout=20,
        )

    def push_undo(self, label: str, undo: Callable[[Any], Any]) -> None:
        self.undo_stack.append((label, undo))

    def undo_last(self) -> None:
        if not self.undo_stack:
            self.notify(_("Nothing to undo."), markup=False)
            return
        label, undo = self.undo_stack.pop()

        def job(store: Store) -> None:
            with store.transaction() as tx:
                undo(tx)

        def failed(exc: Exception) -> None:
            self.undo_stack.append((label, undo))
            self.notify(
                _("Could not undo {what}: {why}", what=label, why=exc),
                severity="error",
                markup=False,
            )

        self.run_store_job(
            job, lambda _r: self.notify(_("Undone: {what}.", what=label), markup=False), failed
        )
