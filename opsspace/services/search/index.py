"""The index on disk and each process's searcher; writing to it: the outbox, rebuild, verify, and the
indexing thread of a served process."""
import itertools
import os
import shutil
import threading
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import delete, select

from whoosh import index, query
from whoosh.writing import LockError

from ...database import begin_write
from ...extensions import db
from ...models import SearchOutbox
from .. import search_docs
from . import blocks
from .schema import fields_of, make_schema

WRITER_TIMEOUT = 2.0  # seconds a write waits for another process's writer before leaving work in the outbox
FILTER_CACHE = 64  # permission and narrowing filters kept per searcher


class Index:
    """One per app (and so per process): the index handle and a long-lived searcher."""

    def __init__(self, directory: str):
        self.directory = directory
        self.lock = threading.Lock()
        self._ix = None
        self._searcher = None
        # Document sets of filter queries (status:published, type:page...), valid for one searcher: computing
        # "every published document" costs a pass over its postings, on every query, without this cache.
        self._filters: dict = {}
        self._filters_for = None
        # Set in served processes (`opsspace serve`): their indexing thread applies the outbox, woken by each
        # save, so a request does not wait for the index commit (most of a save's time on a large index).
        self.indexer: threading.Event | None = None
        self.stop_indexer = threading.Event()

    def ix(self):
        if self._ix is None:
            os.makedirs(self.directory, exist_ok=True)
            if index.exists_in(self.directory):
                self._ix = index.open_dir(self.directory)
            else:
                self._ix = index.create_in(self.directory, make_schema())
        return self._ix

    def searcher(self):
        with self.lock:
            if self._searcher is None:
                self._searcher = self.ix().searcher()
            else:
                self._searcher = self._searcher.refresh()  # cheap when nothing changed
            if self._filters_for is not self._searcher:  # the index changed: the cached sets are stale
                self._filters, self._filters_for = {}, self._searcher
            return self._searcher

    def docs(self, searcher, q: query.Query) -> set:
        """The document numbers matching a filter query, cached for this searcher. Callers must not change it."""
        key = repr(q)
        with self.lock:
            if self._filters_for is searcher and key in self._filters:
                return self._filters[key]
        found = set(searcher.docs_for_query(q))
        with self.lock:
            if self._filters_for is searcher:
                if len(self._filters) >= FILTER_CACHE:
                    self._filters.clear()
                self._filters[key] = found
        return found

    def reset(self):
        with self.lock:
            if self._searcher is not None:
                self._searcher.close()
            self._searcher, self._ix = None, None
            self._filters, self._filters_for = {}, None


def index_state() -> Index:
    app = current_app._get_current_object()
    state = app.extensions.get("opsspace.search")
    if state is None:
        state = app.extensions["opsspace.search"] = Index(app.config["SEARCH_INDEX_DIR"])
        blocks.CACHE.resize(int(app.config["SEARCH_BLOCK_CACHE_MB"] * 2**20))
    return state


# --- writing: the outbox ----------------------------------------------------------------------

def process_outbox(limit: int = 1000, timeout: float = WRITER_TIMEOUT) -> int:
    """Apply pending outbox rows to the index. Never raises for a busy index: the rows stay for later.
    Returns how many rows were applied."""
    rows = list(db.session.scalars(select(SearchOutbox).order_by(SearchOutbox.id).limit(limit)))
    if not rows:
        return 0
    try:
        writer = index_state().ix().writer(timeout=timeout)
    except LockError:
        return 0  # another process is writing; it, the next save, start-up or `search update` will drain these
    try:
        for doc_type, doc_id in dict.fromkeys((row.doc_type, row.doc_id) for row in rows):
            doc = search_docs.load(doc_type, doc_id)
            if doc is None:
                writer.delete_by_term("key", f"{doc_type}:{doc_id}")
            else:
                writer.update_document(**fields_of(doc))
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    done = [row.id for row in rows]
    # The rows were read in a plain read transaction: on SQLite a write there fails at once ("database is
    # locked") when another process wrote meanwhile. Remove them in a write transaction of their own (rows
    # queued since stay: their ids are not in this list).
    db.session.rollback()
    begin_write()
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_(done)))
    db.session.commit()
    return len(done)


def drain(batch: int = 1000) -> int:
    """Apply every pending row (startup, `opsspace search update`)."""
    total = 0
    while True:
        done = process_outbox(limit=batch, timeout=30)
        total += done
        if done < batch:
            return total


def after_commit() -> None:
    """Called after a content write: bring the index up to date, without ever failing the request.

    With SEARCH_DEFER_INDEXING (bulk imports), the work stays in the outbox for `opsspace search update`
    or `rebuild`: one index commit per imported item would cost more than the import itself."""
    if current_app.config.get("SEARCH_DEFER_INDEXING"):
        return
    indexer = index_state().indexer
    if indexer is not None:  # a served process: its indexing thread applies the work now, off the request
        indexer.set()
        return
    try:
        process_outbox()
    except Exception:  # the outbox keeps the work; log it for the operators
        current_app.logger.exception("search index update failed; the outbox keeps the work")


def pending() -> int:
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(SearchOutbox))


PARALLEL_READ_MIN = 2000  # documents from which a rebuild reads and renders them in other processes


def rebuild(progress=None, procs: int = 1) -> int:
    """Build a fresh index from the database beside the old one, then swap it in. Returns documents indexed.

    `procs` is the number of Whoosh writer processes. Reading and rendering the documents (Markdown to plain
    text) costs as much as indexing them, so on a machine with several cores and a large site it is done by
    other processes while this one writes the index."""
    state = index_state()
    target = state.directory
    fresh = target.rstrip("/") + ".rebuild"
    shutil.rmtree(fresh, ignore_errors=True)
    os.makedirs(fresh)
    ix = index.create_in(fresh, make_schema())
    writer = ix.writer(procs=procs, limitmb=128, multisegment=procs > 1) if procs > 1 else ix.writer(limitmb=128)
    db.session.execute(delete(SearchOutbox))  # the rebuild covers every pending change
    db.session.commit()
    count = 0
    readers = (os.cpu_count() or 1) - 1
    try:
        if readers >= 1 and search_docs.count() >= PARALLEL_READ_MIN:
            batches = _read_in_parallel(readers)
        else:
            batches = (([doc for doc in [doc] if doc is not None], 1) for _t, _i, doc in search_docs.every())
        for docs, read in batches:
            for doc in docs:
                writer.add_document(**fields_of(doc))
            count += len(docs)
            if progress:
                progress(read)
    except BaseException:
        writer.cancel()
        raise
    writer.commit()
    state.reset()
    old = target.rstrip("/") + ".old"
    shutil.rmtree(old, ignore_errors=True)
    if os.path.exists(target):
        os.rename(target, old)
    os.rename(fresh, target)
    shutil.rmtree(old, ignore_errors=True)
    return count


_READER_APP = None  # the app a reading process works in (set before the processes are forked)


def _read_batch(job) -> tuple[list, int]:
    doc_type, ids = job
    with _READER_APP.app_context():
        try:
            return search_docs.load_many(doc_type, ids), len(ids)
        finally:
            db.session.remove()


def _forget_connections() -> None:
    with _READER_APP.app_context():
        db.engine.dispose(close=False)  # the parent's connections are not this process's to use


def _read_in_parallel(readers: int):
    """(documents, items read) batches, read and rendered by `readers` forked processes, in order. At most a
    few batches per process are in flight, so memory stays flat however large the site."""
    import multiprocessing
    from collections import deque

    global _READER_APP
    _READER_APP = current_app._get_current_object()
    jobs = iter(list(search_docs.id_batches()))  # only ids: small even for a large site
    db.session.remove()
    db.engine.dispose()  # no connection may cross the fork
    context = multiprocessing.get_context("fork")
    with context.Pool(readers, initializer=_forget_connections) as pool:
        waiting = deque(pool.apply_async(_read_batch, (job,)) for job in itertools.islice(jobs, 4 * readers))
        while waiting:
            result = waiting.popleft().get()
            job = next(jobs, None)
            if job is not None:
                waiting.append(pool.apply_async(_read_batch, (job,)))
            yield result


@dataclass
class Difference:
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def verify(progress=None) -> Difference:
    """Compare the index with the database: documents missing from it, stale in it, or extra."""
    stored = {fields_["key"]: fields_.get("stamp") for fields_ in index_state().searcher().all_stored_fields()}
    result = Difference()
    for doc_type, doc_id, doc in search_docs.every():
        key = f"{doc_type}:{doc_id}"
        if doc is None:
            if key in stored:
                result.extra.append(key)
        elif key not in stored:
            result.missing.append(key)
        elif stored[key] != doc.stamp:
            result.stale.append(key)
        stored.pop(key, None)
        if progress:
            progress(1)
    result.extra.extend(sorted(stored))
    return result


def start_background_drain(app) -> None:
    """Start this process's indexing thread: it applies the outbox as soon as a save wakes it (saves then
    return without waiting for the index commit), and every SEARCH_DRAIN_INTERVAL seconds what a busy index
    or a crash left behind. Without it (command line, tests), saves update the index before they return."""
    interval = app.config.get("SEARCH_DRAIN_INTERVAL", 0)
    if not interval:
        return
    with app.app_context():
        state = index_state()
    wake = state.indexer = threading.Event()
    stop = state.stop_indexer = threading.Event()

    def loop():
        delay = 1.0  # the first check soon after start-up: work a crash left behind is applied at once
        while not stop.is_set():
            wake.wait(delay)
            wake.clear()  # saves committed after this point wake the thread again
            delay = interval
            if stop.is_set():
                return
            with app.app_context():
                try:
                    if pending():
                        process_outbox()
                except Exception:
                    app.logger.exception("background search drain failed; will try again")
                finally:
                    db.session.remove()

    threading.Thread(target=loop, name="search-drain", daemon=True).start()


def stop_background_drain(app) -> None:
    """Stop the indexing thread (after it finishes what it is doing); saves then update the index themselves."""
    state = app.extensions.get("opsspace.search")
    if state is None or state.indexer is None:
        return
    state.stop_indexer.set()
    wake, state.indexer = state.indexer, None
    wake.set()
