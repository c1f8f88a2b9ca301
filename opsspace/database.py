"""Database engine settings: SQLite in WAL mode, a busy timeout, and BEGIN IMMEDIATE for write transactions.

Why: with several worker processes, a deferred SQLite transaction that reads and then writes fails at once
with "database is locked" when another process wrote meanwhile (the busy timeout cannot help it). A write
transaction that starts with BEGIN IMMEDIATE takes the write lock first and waits its turn instead.
Reads stay deferred, so readers never queue behind writers. A transaction is a write transaction when it
serves a state-changing request (POST), or when a service announced it with :func:`begin_write`.
"""
import contextvars
import functools

from flask import has_request_context, request
from sqlalchemy import event

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BUSY_TIMEOUT_MS = 30_000
_write_intent = contextvars.ContextVar("opsspace_write_intent", default=False)


def configure_engine(app) -> None:
    """Tune the SQLite engine; PostgreSQL needs nothing here."""
    from .extensions import db

    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        writing = _write_intent.get() or (has_request_context() and request.method not in SAFE_METHODS)
        _write_intent.set(False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")
        connection.info["immediate"] = writing

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def on_end(connection):
        connection.info["immediate"] = False


def begin_write() -> None:
    """Announce that the current unit of work will write, before it reads anything it writes from.

    On SQLite, a read-only transaction already open in this session is ended (it has nothing to keep;
    the objects it loaded reload on next use) so the write transaction starts with BEGIN IMMEDIATE.
    """
    from .extensions import db

    if db.engine.dialect.name != "sqlite":
        return
    session = db.session()  # the scoped session's Session for this app context
    if session.in_transaction():
        if session.connection().info.get("immediate"):
            return
        session.rollback()
    _write_intent.set(True)


def writes(function):
    """Decorator for service functions that write: ``begin_write()`` first."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        begin_write()
        return function(*args, **kwargs)

    return wrapper
