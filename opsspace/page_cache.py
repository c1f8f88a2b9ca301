"""Whole pages kept for readers who are not signed in, as MediaWiki's file cache and a front-end cache do.

A reader's wiki page, post, profile or home page is the same for every reader in the same language, so each
worker process keeps the HTML it rendered and answers the next reader with it, without touching the
database. Signed-in members never get a reader's page: theirs carry their name, their notifications and
their forms (they get pages shared per role, with their own parts filled in: see ``member_pages``, which keeps
them here too).

What keeps it correct:

* **A content generation** (one row, `content_generation`) that every transaction writing a table readers
  can see increments before it commits. The process that wrote forgets its pages at once; every other
  process reads the generation at most once a second and forgets its pages when it moved, so a change
  (an edit, a hidden comment, a new disclaimer) reaches every reader within a second, on any number of
  machines. Tables readers never see (notifications, the audit log, the search outbox, statistics,
  moderation reports) are declared *quiet* with :func:`quiet` and change nothing. Of those, the ones that
  hold what one member sees (their notifications, their watched pages) are *personal* (:func:`personal`):
  writing them moves a second generation, which the parts kept for members follow.
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
from sqlalchemy import event, inspect, select, update
from sqlalchemy.orm import Session, make_transient_to_detached

from .extensions import db
from .models.cache import CONTENT, PERSONAL, ContentGeneration

EXTENSION = "opsspace.page_cache"
log = logging.getLogger(__name__)
QUIET_TABLES: set[str] = set()  # by name: see quiet()
PERSONAL_TABLES: set[str] = set()  # by name: see personal()
CHECK_EVERY = 1.0  # seconds between two readings of the generation by a process
MARKER = b"\x00csrf-token\x00"  # NUL never occurs in a page we render (input with NUL is refused)
# What a reader's session may hold: the CSRF token, the language toggle, and Flask-Login's "_fresh" mark.
READER_SESSION_KEYS = frozenset({"csrf_token", "lang", "_fresh"})
NOT_KEPT_HEADERS = frozenset({"set-cookie", "content-length"})
UNCACHED_BLUEPRINTS = frozenset({"search"})  # results follow the index, and statistics count each search
CHANGED = "opsspace.content_changed"
PERSONAL_CHANGED = "opsspace.personal_changed"
SIGNER = "opsspace.csrf_signer"
OPENED = "opsspace.session"  # in the WSGI environ: the session KeptPages opened, for Flask to take over


def _name(table) -> str:
    return table if isinstance(table, str) else getattr(table, "__tablename__", None) or table.name


def quiet(*tables) -> None:
    """Declare tables (models, tables or names) whose rows no reader's page shows: writing them keeps the
    pages. Plugins call it from opsspace_setup for their own tables; any table not declared counts."""
    QUIET_TABLES.update(_name(table) for table in tables)


def personal(*tables) -> None:
    """Declare tables whose rows only their owner sees (notifications, watched pages): quiet for readers'
    pages, but writing them moves the personal generation, so that members' kept parts follow
    (member_pages). Plugins whose personal parts show rows of their own tables declare them."""
    quiet(*tables)
    PERSONAL_TABLES.update(_name(table) for table in tables)


class Kept(NamedTuple):
    """A page as rendered for readers, with what the request_finished hook needs to know of its route."""
    status: int
    headers: list
    body: bytes
    rule: object
    view_args: dict

    @property
    def size(self) -> int:
        return len(self.body)


class PageCache:
    def __init__(self, max_bytes: int, max_age: float):
        self.max_bytes, self.max_age = max_bytes, max_age
        self.entries: OrderedDict = OrderedDict()
        self.size = 0
        self.generation: int | None = None
        self.personal: int | None = None  # the personal generation; None until read, or without its row
        self.checked_at = 0.0
        self.memos: dict = {}
        self.parts: OrderedDict = OrderedDict()  # members' own parts of pages (member_pages), by member
        self.parts_size = 0
        self.lock = threading.Lock()

    def forget(self, generation: int | None = None) -> None:
        with self.lock:
            self.entries.clear()
            self.memos.clear()
            self.parts.clear()
            self.size = self.parts_size = 0
            self.generation = generation
            self.checked_at = 0.0 if generation is None else time.monotonic()

    def stale(self) -> bool:
        """True when the generation must be read again from the database: never read, or read over
        CHECK_EVERY seconds ago."""
        return self.generation is None or time.monotonic() - self.checked_at >= CHECK_EVERY

    def current_generation(self, force: bool = False) -> int:
        """The generation, read from the database when the last reading is stale (the personal generation
        with it: see `personal`)."""
        if force or self.stale():
            value, personal_ = read_generation()
            if value != self.generation:
                self.forget(value)
            elif personal_ != self.personal:
                self.forget_parts()
            else:
                self.checked_at = time.monotonic()
            self.personal = personal_
        return self.generation

    def forget_parts(self, read_again: bool = False) -> None:
        """Forget members' kept parts: what one member sees changed."""
        with self.lock:
            self.parts.clear()
            self.parts_size = 0
            if read_again:
                self.checked_at = 0.0

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
        cost = kept.size + 512
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

    def stamp(self) -> tuple:
        """What members' kept parts depend on: both generations, as last read (call current_generation first)."""
        return self.generation, self.personal

    def part(self, key, stamp: tuple):
        """A member's own part of a page, kept by keep_part under this stamp, or None."""
        with self.lock:
            entry = self.parts.get(key)
            if entry is None:
                return None
            if entry[0] != stamp or time.monotonic() - entry[1] > self.max_age:
                self.parts_size -= self.parts.pop(key)[3]
                return None
            self.parts.move_to_end(key)
            return entry[2]

    def keep_part(self, key, stamp: tuple, value, cost: int | None = None) -> None:
        """Keep a member's part (a tuple of bytes and CSRF marks, or a row: give its cost) within a quarter of
        the size limit, least recently used first out."""
        if cost is None:
            cost = sum(len(piece) for piece in value if piece.__class__ is bytes) + 256
        with self.lock:
            if stamp != (self.generation, self.personal):
                return  # something it shows moved on while it was made
            if key in self.parts:
                self.parts_size -= self.parts.pop(key)[3]
            self.parts[key] = (stamp, time.monotonic(), value, cost)
            self.parts_size += cost
            while self.parts_size > self.max_bytes // 4:
                self.parts_size -= self.parts.popitem(last=False)[1][3]

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


def for_members() -> PageCache | None:
    """The cache, when it keeps members' parts (PAGE_CACHE_MEMBERS, and the cache on) and there is a request."""
    config = current_app.config
    if not has_request_context() or not config["PAGE_CACHE_MEMBERS"] or float(config["PAGE_CACHE_SECONDS"]) <= 0:
        return None
    return _cache()


def _members_stamp() -> tuple[PageCache | None, tuple | None]:
    """The cache that keeps members' parts, and its stamp now (the generations read at most a second ago)."""
    cache = for_members()
    if cache is None:
        return None, None
    cache.current_generation()
    return cache, cache.stamp()


def row(model, ident: int):
    """``db.session.get(model, ident)``, from a copy this process keeps until the content generation moves (at
    once for a change made here, within a second for one made elsewhere): no query. For rows of tables that
    are not quiet, so that every change to them moves the generation. Signed-in pages load their member so."""
    cache, stamp = _members_stamp()
    if cache is None:
        return db.session.get(model, ident)
    key = ("row", model, ident)
    copy = cache.part(key, stamp)
    if copy is not None:
        return db.session.merge(copy, load=False)  # this request's own instance, without SQL
    found = db.session.get(model, ident)
    if found is not None and found not in db.session.dirty:
        mapper = inspect(found).mapper
        copy = mapper.class_(**{attr.key: getattr(found, attr.key) for attr in mapper.column_attrs})
        make_transient_to_detached(copy)
        cache.keep_part(key, stamp, copy, cost=2048)
    return found


def kept_for_member(key, compute, cost: int = 64):
    """`compute()`, kept by this process for a member's parts of pages until either generation moves (see
    `personal`). Plain values only."""
    cache, stamp = _members_stamp()
    if cache is None or stamp[1] is None:
        return compute()
    found = cache.part(key, stamp)
    if found is None:
        found = (compute(),)
        cache.keep_part(key, stamp, found, cost=cost)
    return found[0]


def read_generation() -> tuple[int, int | None]:
    """(content generation, personal generation); the second is None in a database without its row."""
    values = dict(db.session.execute(select(ContentGeneration.id, ContentGeneration.value)
                                     .where(ContentGeneration.id.in_((CONTENT, PERSONAL)))).all())
    return values.get(CONTENT) or 0, values.get(PERSONAL)


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
    if "_user_id" in session or request.method != "GET" or request.endpoint is None \
            or request.blueprint in UNCACHED_BLUEPRINTS:
        return None  # a member's page (member_pages), or not a page
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
        environ[OPENED] = reader_session  # Flask takes it from here rather than open the cookie again
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
            body = body.replace(MARKER, csrf_token(app, reader_session).encode())
        response = app.response_class(body, status=kept.status, headers=kept.headers)
        interface.save_session(app, reader_session, response)  # a first visit's cookie, as Flask would set it
        request_.url_rule, request_.view_args = kept.rule, kept.view_args
        with app.app_context():
            plugins.hook().request_finished(request=request_, response=response, user=None)
        return response


TOKEN_REUSE = 60  # seconds a signed CSRF token is handed out again (of WTF_CSRF_TIME_LIMIT, an hour)
KEEP_TOKENS = 4096


def csrf_token(app, session_) -> str:
    """The token Flask-WTF's generate_csrf would give this session (same secret, salt and raw token), with one
    signer per process instead of a new one per request, and without needing a request context; the raw
    token is added to the session when it has none. A token signed less than TOKEN_REUSE seconds ago is given
    again (it is valid for as long, less those seconds): signing is an HMAC on every page."""
    signer = app.extensions.get(SIGNER)
    if signer is None:
        from .security import Signing

        signer = app.extensions[SIGNER] = Signing(app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key,
                                                  salt="wtf-csrf-token")
        signer.tokens = {}
    field = app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    raw = session_.get(field)
    if not isinstance(raw, str):
        raw = session_[field] = hashlib.sha1(os.urandom(64)).hexdigest()
    now = time.monotonic()
    kept = signer.tokens.get(raw)
    if kept is not None and now - kept[1] < TOKEN_REUSE:
        return kept[0]
    if len(signer.tokens) >= KEEP_TOKENS:
        signer.tokens.clear()
    token = signer.dumps(raw)
    signer.tokens[raw] = (token, now)
    return token


# --- the generation: bumped by every transaction that writes what readers see ---------------------------

def _kind(table) -> str | None:
    """What writing `table` moves: CHANGED (what readers see), PERSONAL_CHANGED (what one member sees), or
    nothing."""
    name = getattr(table, "name", None)
    if name is None or name == ContentGeneration.__tablename__:
        return None
    if name in PERSONAL_TABLES:
        return PERSONAL_CHANGED
    return None if name in QUIET_TABLES else CHANGED


def _after_flush(session, _flush_context) -> None:
    info = session.info
    if info.get(CHANGED) and info.get(PERSONAL_CHANGED):
        return
    for obj in (*session.new, *session.deleted, *session.dirty):
        kind = _kind(getattr(obj, "__table__", None))
        if kind is not None and not info.get(kind) and (obj in session.new or obj in session.deleted
                                                        or session.is_modified(obj)):
            info[kind] = True


def _on_execute(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        kind = _kind(getattr(state.statement, "table", None))
        if kind is not None and not state.session.info.get(kind):
            state.session.info[kind] = True


def _before_commit(session) -> None:
    session.flush()  # what the commit would flush anyway, so that _after_flush has seen it
    for kind, row in ((CHANGED, CONTENT), (PERSONAL_CHANGED, PERSONAL)):
        if session.info.get(kind):
            session.execute(update(ContentGeneration).where(ContentGeneration.id == row)
                            .values(value=ContentGeneration.value + 1))
            session.info[kind] = "bumped"


def _after_commit(session) -> None:
    content = session.info.pop(CHANGED, None) == "bumped"
    personal_ = session.info.pop(PERSONAL_CHANGED, None) == "bumped"
    if not (content or personal_):
        return
    from .member_pages import note_write

    note_write()
    if has_app_context() and (cache := _cache()) is not None:
        if content:
            cache.forget()  # this process wrote: its pages go now, the others' within CHECK_EVERY
        else:
            cache.forget_parts(read_again=True)


def _after_rollback(session) -> None:
    session.info.pop(CHANGED, None)
    session.info.pop(PERSONAL_CHANGED, None)


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

    quiet(AuditEvent, ContentSignal, LoginAttempt, SearchOutbox)
    personal(Notification, PageWatch)
    _listen()
    seconds = float(app.config["PAGE_CACHE_SECONDS"])
    app.extensions[EXTENSION] = PageCache(int(float(app.config["PAGE_CACHE_MB"]) * 1024 * 1024), seconds)
    if seconds > 0:
        app.before_request(lookup)
        app.after_request(store)
        app.wsgi_app = KeptPages(app, app.wsgi_app)
