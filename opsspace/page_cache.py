"""Whole pages kept for readers who are not signed in, as MediaWiki's file cache and a front-end cache do.

A reader's wiki page, post, profile or home page is the same for every reader in the same language, so each
worker process keeps the HTML it rendered and answers the next reader with it, without touching the
database. Signed-in members never get a kept page: theirs carry their name, their notifications and their
forms.

What keeps it correct:

* **A content generation** (one row, `content_generation`) that every transaction writing a table readers
  can see increments before it commits. The process that wrote forgets its pages at once; every other
  process reads the generation at most once a second and forgets its pages when it moved, so a change
  (an edit, a hidden comment, a new disclaimer) reaches every reader within a second, on any number of
  machines. Tables readers never see (notifications, the audit log, the search outbox, statistics,
  moderation reports) are declared *quiet* with :func:`quiet` and change nothing.
* **An age limit** (``PAGE_CACHE_SECONDS``): pages also say "3 minutes ago", so none is kept longer.
* **A size limit** per process (``PAGE_CACHE_MB``), least recently used first out.
* **Only what is the same for everyone**: a GET answered 200 with HTML, to a request without a member's
  session, remember-me cookie or pending message, not marked private by its view. The CSRF token of the
  language toggle is the one thing personal on such a page: it is kept as a placeholder and each reader gets
  their own.

A kept page is answered by :class:`KeptPages`, a WSGI middleware in front of Flask, before any request
context, routing or hook: it opens and saves the session through the app's session interface, chooses the
language by the site's one rule, signs the CSRF token as Flask-WTF does, and calls the ``request_finished``
hook so that statistics count the view. Everything else goes on to Flask, which keeps what it renders.

``PAGE_CACHE_SECONDS = 0`` turns it off.

The same generation keeps small values every page needs and readers could see (the current AUP, the report
form's clauses) in each process, with :func:`memo`.
"""
import hashlib
import logging
import os
import threading
import time
from collections import OrderedDict
from typing import NamedTuple

from flask import Response, current_app, g, has_app_context, has_request_context, request, session
from flask_login import current_user
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from .extensions import db
from .models.cache import ContentGeneration

EXTENSION = "opsspace.page_cache"
log = logging.getLogger(__name__)
QUIET_TABLES: set[str] = set()  # by name: see quiet()
CHECK_EVERY = 1.0  # seconds between two readings of the generation by a process
MARKER = b"\x00csrf-token\x00"  # NUL never occurs in a page we render (input with NUL is refused)
# What a reader's session may hold: the CSRF token, the language toggle, and Flask-Login's "_fresh" mark.
READER_SESSION_KEYS = frozenset({"csrf_token", "lang", "_fresh"})
NOT_KEPT_HEADERS = frozenset({"set-cookie", "content-length"})
UNCACHED_BLUEPRINTS = frozenset({"search"})  # results follow the index, and statistics count each search
CHANGED = "opsspace.content_changed"


def quiet(*tables) -> None:
    """Declare tables (models, tables or names) whose rows no reader's page shows: writing them keeps the
    pages. Plugins call it from opsspace_setup for their own tables; any table not declared counts."""
    for table in tables:
        QUIET_TABLES.add(table if isinstance(table, str) else getattr(table, "__tablename__", None) or table.name)


class Kept(NamedTuple):
    """A page as rendered for readers, with what the request_finished hook needs to know of its route."""
    status: int
    headers: list
    body: bytes
    rule: object
    view_args: dict


class PageCache:
    def __init__(self, max_bytes: int, max_age: float):
        self.max_bytes, self.max_age = max_bytes, max_age
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.generation: int | None = None
        self.checked_at = 0.0
        self.memos: dict = {}
        self.lock = threading.Lock()

    def forget(self, generation: int | None = None) -> None:
        with self.lock:
            self.entries.clear()
            self.memos.clear()
            self.size = 0
            self.generation = generation
            self.checked_at = 0.0 if generation is None else time.monotonic()

    def stale(self) -> bool:
        """True when the generation must be read again from the database: never read, or read over
        CHECK_EVERY seconds ago."""
        return self.generation is None or time.monotonic() - self.checked_at >= CHECK_EVERY

    def current_generation(self, force: bool = False) -> int:
        """The generation, read from the database when the last reading is stale."""
        if force or self.stale():
            value = read_generation()
            if value != self.generation:
                self.forget(value)
            else:
                self.checked_at = time.monotonic()
        return self.generation

    def get(self, key, generation: int):
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] != generation or time.monotonic() - entry[1] > self.max_age:
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key, generation: int, kept: "Kept") -> None:
        cost = len(kept.body) + 512
        if cost > self.max_bytes // 8:  # one page may not push out most of the others
            return
        with self.lock:
            if generation != self.generation:
                return  # the content moved on while this page was being rendered
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (generation, time.monotonic(), kept, cost)
            self.size += cost
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key) -> None:
        entry = self.entries.pop(key)
        self.size -= entry[3]


def memo(name, compute):
    """`compute()`, kept by this process until the content generation moves: at once for a change made here,
    within a second for one made by another process. For plain values (no ORM objects: they belong to one
    request's session)."""
    cache = _cache()
    if cache is None or not has_request_context():
        return compute()
    generation = cache.current_generation()
    found = cache.memos.get(name)
    if found is not None and found[0] == generation:
        return found[1]
    value = compute()
    with cache.lock:
        if cache.generation == generation:
            cache.memos[name] = (generation, value)
    return value


def read_generation() -> int:
    return db.session.execute(select(ContentGeneration.value).where(ContentGeneration.id == 1)).scalar() or 0


def _cache() -> PageCache | None:
    return current_app.extensions.get(EXTENSION)


def _key(environ: dict, language: str, source: str) -> tuple:
    """A page as a reader asks for it: the same on the way in (KeptPages) and on the way out (store)."""
    query = environ.get("QUERY_STRING", "")
    return (environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST") or environ.get("SERVER_NAME"),
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "") + ("?" + query if query else ""),
            language, source == "default")


def _reader(app, cookies, session) -> bool:
    """Whether a request with these cookies and this session is a reader's: no member's session (nor a
    remember-me cookie that would sign one in), no message waiting to be shown."""
    return READER_SESSION_KEYS.issuperset(session.keys()) and app.config["REMEMBER_COOKIE_NAME"] not in cookies


def lookup():
    """before_request, for pages KeptPages did not answer: note a reader's page that may be kept on the way out."""
    if request.method != "GET" or request.endpoint is None or request.blueprint in UNCACHED_BLUEPRINTS:
        return None
    if not _reader(current_app, request.cookies, session):
        return None
    from .i18n import choose

    # Read again in this request's own transaction, before the page is: what it shows is at least this new.
    g.page_cache = (_key(request.environ, *choose()), _cache().current_generation(force=True))
    return None


def store(response):
    """after_request: keep the page just rendered for a reader when it is the same for every reader."""
    pending = g.pop("page_cache", None)
    if pending is None or response.status_code != 200:
        return response
    if response.mimetype != "text/html" or response.is_streamed or response.direct_passthrough:
        return response
    # A cookie set by the view or a hook (the language toggle, remember-me) makes the page personal. The
    # session's own cookie is not among these headers yet: Flask saves the session after every after_request
    # function (Flask.process_response), and KeptPages saves each reader's session itself.
    cache_control = response.headers.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control or "Set-Cookie" in response.headers:
        return response
    if current_user.is_authenticated or not _reader(current_app, request.cookies, session):
        return response
    body = response.get_data()
    token = g.get("csrf_token")
    if token:
        body = body.replace(token.encode(), MARKER)
    headers = [(name, value) for name, value in response.headers.items() if name.lower() not in NOT_KEPT_HEADERS]
    key, generation = pending
    _cache().put(key, generation, Kept(response.status_code, headers, body, request.url_rule,
                                       request.view_args or {}))
    return response


class KeptPages:
    """WSGI middleware in front of Flask: a reader's request for a kept page is answered here, before any
    request context, routing or hook; everything else goes on to Flask, which keeps what it renders (store).

    It does for a kept page what the Flask path would: the session through the app's own session interface
    (a first visit gets its cookie), a CSRF token of the reader's own, the language by the same rule
    (i18n.choice), and the ``request_finished`` hook, so that statistics count the view.
    """

    def __init__(self, app, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app
        self.cache: PageCache = app.extensions[EXTENSION]
        self.signer = None

    def __call__(self, environ, start_response):
        if environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            try:
                response = self.answer(environ)
            except Exception:  # the database away, say: Flask answers, with its own error page if need be
                log.exception("kept pages: could not answer from the cache")
                response = None
            if response is not None:
                return response(environ, start_response)
        return self.wsgi_app(environ, start_response)

    def answer(self, environ) -> Response | None:
        from . import i18n, plugins

        app = self.app
        request_ = app.request_class(environ)
        interface = app.session_interface
        reader_session = interface.open_session(app, request_)
        if reader_session is None or not _reader(app, request_.cookies, reader_session):
            return None
        cache = self.cache
        generation = cache.generation
        if cache.stale():
            with app.app_context():
                generation = cache.current_generation()
        found = cache.get(_key(environ, *i18n.choice(None, reader_session.get("lang"),
                                                       environ.get("HTTP_ACCEPT_LANGUAGE"), app)), generation)
        if found is None:
            return None
        _generation, _stored, kept, _cost = found
        body = kept.body
        if MARKER in body:
            body = body.replace(MARKER, self.csrf_token(reader_session).encode())
        response = app.response_class(body, status=kept.status, headers=kept.headers)
        interface.save_session(app, reader_session, response)  # a first visit's cookie, as Flask would set it
        request_.url_rule, request_.view_args = kept.rule, kept.view_args
        with app.app_context():
            plugins.hook().request_finished(request=request_, response=response, user=None)
        return response

    def csrf_token(self, reader_session) -> str:
        """The token Flask-WTF's generate_csrf would give this session (same secret, salt and raw token),
        without a request context; the raw token is added to the session when it has none."""
        app = self.app
        if self.signer is None:
            from .security import Signing

            self.signer = Signing(app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key, salt="wtf-csrf-token")
        field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        if not isinstance(reader_session.get(field), str):
            reader_session[field] = hashlib.sha1(os.urandom(64)).hexdigest()
        return self.signer.dumps(reader_session[field])


# --- the generation: bumped by every transaction that writes what readers see ---------------------------

def _loud(table) -> bool:
    name = getattr(table, "name", None)
    return name is not None and name not in QUIET_TABLES and name != ContentGeneration.__tablename__


def _after_flush(session, _flush_context) -> None:
    if session.info.get(CHANGED):
        return
    for obj in (*session.new, *session.deleted, *session.dirty):
        if _loud(getattr(obj, "__table__", None)) and (obj in session.new or obj in session.deleted
                                                       or session.is_modified(obj)):
            session.info[CHANGED] = True
            return


def _on_execute(state) -> None:
    if (state.is_insert or state.is_update or state.is_delete) and not state.session.info.get(CHANGED):
        if _loud(getattr(state.statement, "table", None)):
            state.session.info[CHANGED] = True


def _before_commit(session) -> None:
    session.flush()  # what the commit would flush anyway, so that _after_flush has seen it
    if session.info.get(CHANGED):
        session.execute(update(ContentGeneration).where(ContentGeneration.id == 1)
                        .values(value=ContentGeneration.value + 1))
        session.info[CHANGED] = "bumped"


def _after_commit(session) -> None:
    if session.info.pop(CHANGED, None) == "bumped":
        if has_app_context() and (cache := _cache()) is not None:
            cache.forget()  # this process wrote: its pages go now, the others' within CHECK_EVERY


def _after_rollback(session) -> None:
    session.info.pop(CHANGED, None)


_listening = False


def _listen() -> None:
    global _listening
    if _listening:
        return
    event.listen(Session, "after_flush", _after_flush)
    event.listen(Session, "do_orm_execute", _on_execute)
    event.listen(Session, "before_commit", _before_commit)
    event.listen(Session, "after_commit", _after_commit)
    event.listen(Session, "after_soft_rollback", lambda session, _previous: _after_rollback(session))
    _listening = True


def init_app(app) -> None:
    """Count changes always (a process with the cache off still tells the others); keep pages when enabled."""
    from .models import AuditEvent, ContentSignal, LoginAttempt, Notification, PageWatch, SearchOutbox

    quiet(AuditEvent, ContentSignal, LoginAttempt, Notification, PageWatch, SearchOutbox)
    _listen()
    seconds = float(app.config["PAGE_CACHE_SECONDS"])
    app.extensions[EXTENSION] = PageCache(int(float(app.config["PAGE_CACHE_MB"]) * 1024 * 1024), seconds)
    if seconds > 0:
        app.before_request(lookup)
        app.after_request(store)
        app.wsgi_app = KeptPages(app, app.wsgi_app)
