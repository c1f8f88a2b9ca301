"""Recording page views off the request path: `capture` classifies a finished request and puts a small tuple
on an in-process queue; one background thread per process writes the queue in batches, each batch in one
write transaction, and writes what is left when the process exits.

Nothing that identifies a person is stored: the reader's address, user agent and host only feed a keyed
hash (HMAC-SHA256 with the period's random salt) in memory; members are hashed from their user id, in
another namespace, so members behind a shared proxy address never merge with readers or with each other.
"""
import atexit
import hmac
import logging
import os
import secrets
import threading
import time
from collections import deque
from datetime import datetime
from hashlib import sha256
from urllib.parse import urlsplit

from flask import current_app
from is_crawler import is_crawler
from sqlalchemy import delete, insert, select

from opsspace.database import begin_write
from opsspace.extensions import db
from opsspace.models import utcnow

from . import clock
from .models import BOT, MEMBER, PATH_MAX, QUERY_MAX, READER, SOURCE_MAX, Event, MemberDay, Salt, SearchCount

log = logging.getLogger(__name__)

#: Requests for files, not pages: never counted, not even as a member's activity.
ASSET_ENDPOINTS = frozenset({"theme_static", "static", "people.avatar"})
#: Pages that are never page views: these statistics, and wellbeing alerts (which must never reach statistics).
PRIVATE_PAGES = ("stats.", "wellbeing.")
#: Headers browsers send when they fetch a page the person has not asked to see (yet), as WSGI environ keys.
PREFETCH = (("HTTP_PURPOSE", "prefetch"), ("HTTP_SEC_PURPOSE", "prefetch"), ("HTTP_X_MOZ", "prefetch"),
            ("HTTP_X_PURPOSE", "preview"))
#: Past this many queued events (the database has been unreachable for a long while) new ones are dropped
#: and counted in the log, so memory stays bounded.
MAX_QUEUE = 200_000
RETRY_DELAYS = (0.5, 1, 2, 5, 10, 30)
VISITOR_HEX = 16  # 64 bits: no collision in practice among a day's visitors


def _content(endpoint: str, args: dict) -> tuple[str | None, str | None]:
    """What a page shows, from its route alone (no query): ("page", path), ("post", "user/slug"), ("person", user)."""
    if endpoint == "wiki.page":
        return "page", args.get("path")
    if endpoint == "blog.post":
        return "post", f"{args.get('username')}/{args.get('slug')}"
    if endpoint == "people.profile":
        return "person", args.get("username")
    return None, None


def _source(request, environ: dict) -> str | None:
    """Another site's host name, "direct" when the browser sent no referrer, None when it came from this site."""
    referrer = environ.get("HTTP_REFERER")
    if not referrer:
        return "direct"
    try:
        parts = urlsplit(referrer)
        host = parts.hostname
    except ValueError:
        return "direct"
    if not host:
        return "direct"
    if parts.netloc.lower() == request.host.lower():
        return None
    return host[:SOURCE_MAX]


def normalize_query(text: str) -> str:
    """A search as counted: lower case, single spaces, at most QUERY_MAX characters."""
    return " ".join((text or "").lower().split())[:QUERY_MAX]


def _search(request, response) -> tuple[str, bool] | None:
    """The query of a first page of unnarrowed results, and whether it found nothing (the view sets
    g.search_total); refinements and further pages are not new searches."""
    from flask import g

    total = g.get("search_total")
    if total is None or request.args.get("page", "1") != "1" or request.args.get("type") or request.args.get("lang"):
        return None
    query = normalize_query(request.args.get("q", ""))
    return (query, total == 0) if query else None


def capture(request, response, user, now: datetime | None = None) -> None:
    """Classify a finished request and queue what it tells (cheap: no database, no hashing here).

    A page view is a GET answered 200 with HTML that is not a file, not these statistics or the wellbeing
    pages, and not a prefetch; a crawler's (by its user agent, or an empty one) is kept apart. Any successful request of a
    signed-in member marks them active that day.
    """
    app = current_app._get_current_object()
    if not app.config["ANALYTICS_RECORDING"]:
        return
    request = getattr(request, "_get_current_object", lambda: request)()  # once, not through the proxy each time
    endpoint = request.endpoint
    if endpoint is None or endpoint in ASSET_ENDPOINTS:
        return
    environ = request.environ
    agent = environ.get("HTTP_USER_AGENT", "")
    bot = is_crawler(agent)
    status = response.status_code
    pageview = (status == 200 and request.method == "GET" and response.mimetype == "text/html"
                and not endpoint.startswith(PRIVATE_PAGES)
                and not any(environ.get(key, "").lower() == value for key, value in PREFETCH))
    member = user is not None and not bot
    if not pageview and not (member and status < 400):
        return
    kind = BOT if bot else MEMBER if member else READER
    identity = None
    if kind == READER:  # only ever hashed, in memory, by the writer
        identity = f"{request.remote_addr or ''}\n{agent}\n{request.host}"
    content_type, content_ref = _content(endpoint, request.view_args or {}) if pageview else (None, None)
    item = (now or utcnow(), kind, user.id if member else None, identity,
            request.path[:PATH_MAX] if pageview else None, content_type,
            content_ref[:PATH_MAX] if content_ref else None, _source(request, environ) if pageview else None,
            pageview, _search(request, response) if pageview and not bot else None)
    recorder(app).enqueue(item)


class Recorder:
    """The queue and writer of one app in one process."""

    def __init__(self, app):
        self.app = app
        self.queue: deque = deque()
        self.pending: list = []  # a batch that could not be written yet: written first next time
        self.flush_lock = threading.Lock()
        self.start_lock = threading.Lock()
        self.wake = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.pid: int | None = None
        self.dropped = 0
        self.salts: dict[str, bytes] = {}
        self.batch_size = int(app.config["ANALYTICS_BATCH_SIZE"])
        # Tests flush synchronously with flush(); a real server writes from a thread.
        self.threaded = not app.config.get("TESTING")

    # --- the queue ----------------------------------------------------------------------------

    def enqueue(self, item: tuple) -> None:
        if len(self.queue) + len(self.pending) >= MAX_QUEUE:
            self.dropped += 1
            if self.dropped in (1, 100, 10_000) or self.dropped % 100_000 == 0:
                log.error("statistics queue full (the database is not taking writes): %d page views dropped",
                          self.dropped)
            return
        if self.threaded and (self.thread is None or self.pid != os.getpid()):
            self._start()
        self.queue.append(item)
        if len(self.queue) >= self.batch_size:
            self.wake.set()

    def _start(self) -> None:
        with self.start_lock:
            if self.thread is not None and self.pid == os.getpid():
                return
            if self.pid is not None:  # a forked copy: the parent writes what it had queued, its thread is not ours
                self.queue.clear()
                self.pending = []
            self.pid, self.flush_lock, self.wake = os.getpid(), threading.Lock(), threading.Event()
            self.thread = threading.Thread(target=self._run, name="stats-writer", daemon=True)
            self.thread.start()
            atexit.register(self.close)

    def _run(self) -> None:
        from . import jobs

        interval = float(self.app.config["ANALYTICS_FLUSH_INTERVAL"])
        failures = 0
        while not self.stopping.is_set():
            if failures:  # the database refused the last batch: back off, whatever arrives meanwhile
                self.stopping.wait(RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1])
            else:
                self.wake.wait(interval)
            self.wake.clear()
            if self.stopping.is_set():
                break
            try:
                self.flush()
                failures = 0
            except Exception:
                failures += 1
                log.exception("statistics: %d page views not written yet; trying again", len(self.pending))
                continue
            try:
                jobs.run_if_due(self.app)
            except Exception:
                log.exception("statistics: the periodic rollup failed; it runs again at the next interval")

    def close(self) -> None:
        """At process exit: stop the thread, then write what is left (a few tries if the database is busy)."""
        self.stopping.set()
        self.wake.set()
        if self.thread is not None and self.thread.is_alive():
            self.thread.join(timeout=30)
        for delay in (0, 0.5, 2, 5):
            time.sleep(delay)
            try:
                self.flush()
                return
            except Exception:
                log.exception("statistics: final write failed")
        log.error("statistics: %d page views could not be written before exit", len(self.pending) + len(self.queue))

    # --- writing ------------------------------------------------------------------------------

    def flush(self, now: datetime | None = None) -> int:
        """Write everything queued, in batches of ANALYTICS_BATCH_SIZE; returns how many items were written.
        A batch that fails stays pending (nothing is lost) and the error is raised."""
        written = 0
        with self.flush_lock, self.app.app_context():
            try:
                while True:
                    if not self.pending:
                        batch = []
                        while self.queue and len(batch) < self.batch_size:
                            batch.append(self.queue.popleft())
                        if not batch:
                            break
                        self.pending = batch
                    self._write(self.pending, now or utcnow())
                    written += len(self.pending)
                    self.pending = []
            finally:
                db.session.remove()
        return written

    def _write(self, batch: list, now: datetime) -> None:
        tz, period = clock.zone(self.app), clock.salt_period(self.app)
        events, members, searches = [], set(), {}
        for ts, kind, user_id, identity, path, content_type, content_ref, source, pageview, search in batch:
            day = clock.local_day(ts, tz)
            if user_id is not None:
                members.add((day, user_id))
            if not pageview:
                continue
            visitor = None
            if kind != BOT:
                key = self._salt(clock.period_key(day, period), clock.local_day(max(now, ts), tz), period, now)
                text = f"u:{user_id}" if kind == MEMBER else f"r:{identity}"
                visitor = hmac.new(key, text.encode("utf-8", "replace"), sha256).hexdigest()[:VISITOR_HEX]
            events.append({"ts": ts, "day": day, "kind": kind, "visitor": visitor, "path": path,
                           "content_type": content_type, "content_ref": content_ref, "source": source})
            if search:
                counts = searches.setdefault((day, search[0]), [0, 0])
                counts[0] += 1
                counts[1] += int(search[1])
        begin_write()
        try:
            if events:
                db.session.execute(insert(Event), events)
            if members:
                db.session.execute(_insert_ignore(MemberDay, ["day", "user_id"]),
                                   [{"day": day, "user_id": user_id} for day, user_id in sorted(members)])
            for (day, query), (count, zero) in sorted(searches.items()):
                _add_search(day, query, count, zero)
            db.session.commit()
        except Exception:
            db.session.rollback()
            raise

    def _salt(self, key: str, current_day, period: str, now: datetime) -> bytes:
        """The salt of a period, created by whichever process needs it first; only this period's and the
        previous one's are kept. An event that arrives later than that gets a salt of its own that is never
        stored (it cannot be linked to anything)."""
        current, previous = clock.period_key(current_day, period), clock.previous_period_key(current_day, period)
        for stale in [k for k in self.salts if k not in (current, previous) and k != key]:
            del self.salts[stale]
        if key in self.salts:
            return self.salts[key]
        if key not in (current, previous) and key < previous:
            self.salts[key] = secrets.token_bytes(32)
            return self.salts[key]
        self.salts[key] = get_salt(key, keep=(current, previous), now=now)
        return self.salts[key]


def get_salt(key: str, keep: tuple[str, ...], now: datetime) -> bytes:
    """Read a period's salt, creating it if needed (race-safe: insert-or-ignore, then read what won), and
    delete every salt but those in `keep` and `key`."""
    found = db.session.get(Salt, key)
    if found is None:
        begin_write()
        db.session.execute(_insert_ignore(Salt, ["period"]), [{"period": key, "salt": secrets.token_hex(32),
                                                               "created_at": now}])
        db.session.execute(delete(Salt).where(Salt.period.not_in({key, *keep})))
        db.session.commit()
        found = db.session.get(Salt, key)
    return bytes.fromhex(found.salt)


def _insert_ignore(model, keys: list[str]):
    """INSERT that skips rows whose key exists (SQLite and PostgreSQL)."""
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(model).on_conflict_do_nothing(index_elements=keys)


def _add_search(day, query: str, searches: int, zero: int) -> None:
    if db.engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    stmt = dialect_insert(SearchCount).values(day=day, query=query, searches=searches, zero_results=zero)
    stmt = stmt.on_conflict_do_update(index_elements=["day", "query"], set_={
        "searches": SearchCount.searches + stmt.excluded.searches,
        "zero_results": SearchCount.zero_results + stmt.excluded.zero_results})
    db.session.execute(stmt)


def recorder(app=None) -> Recorder:
    app = app or current_app
    return app.extensions["stats.recorder"]


def flush(now: datetime | None = None) -> int:
    """Write the queued page views now (tests; the CLI before a rollup). Returns how many were written."""
    return recorder().flush(now)


def queued() -> int:
    found = recorder()
    return len(found.queue) + len(found.pending)


def current_visitors(minutes: int = 5, now: datetime | None = None) -> int:
    """Distinct visitors (members and readers) with a page view in the last `minutes`."""
    from datetime import timedelta

    from sqlalchemy import func

    since = (now or utcnow()) - timedelta(minutes=minutes)
    return db.session.scalar(select(func.count(func.distinct(Event.visitor))).where(
        Event.ts >= since, Event.kind != BOT)) or 0
