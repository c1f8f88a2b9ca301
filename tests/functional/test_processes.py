"""Behaviour that must hold across several processes: login throttling and concurrent SQLite writers."""
import pytest

from tests.support.processes import run_in_processes
from tests.support.server import Browser, Server, cli, server_env

pytestmark = [pytest.mark.dbs, pytest.mark.slow]


@pytest.fixture
def migrated(tmp_path, database_url):
    env = server_env(database_url, tmp_path / "instance")
    cli(env, "db", "upgrade")
    cli(env, "create-user", "emma.employee", "--password-stdin", input="correct horse battery staple\n")
    return env


def test_login_throttle_holds_across_two_server_processes(migrated):
    first, second = Server(migrated), Server(migrated)
    try:
        browser = Browser()
        limit = 5  # LOGIN_MAX_FAILURES_PER_ACCOUNT
        for attempt in range(limit):
            server = (first, second)[attempt % 2]  # alternate: each process sees only half the failures
            status, _page = browser.post(server.url + "/login", {"username": "emma.employee", "password": "wrong"},
                                         token_from=server.url + "/login")
            assert status == 400
        for server in (first, second):
            status, page = browser.post(server.url + "/login",
                                        {"username": "emma.employee", "password": "correct horse battery staple"},
                                        token_from=server.url + "/login")
            assert status == 429 and "Too many failed sign-in attempts" in page
    finally:
        first.stop()
        second.stop()


def test_login_throttle_holds_across_two_gunicorn_workers(migrated):
    """One server with two workers, as `opsspace serve` runs by default: failures sent at once, from several
    connections, land on both workers; the sixth attempt is refused whichever worker answers it."""
    from concurrent.futures import ThreadPoolExecutor

    server = Server(migrated, workers=2)
    try:
        def attempt(password: str) -> int:
            browser = Browser()  # a connection and a session of its own
            status, _page = browser.post(server.url + "/login", {"username": "emma.employee", "password": password},
                                         token_from=server.url + "/login")
            return status

        with ThreadPoolExecutor(max_workers=5) as pool:
            assert list(pool.map(attempt, ["wrong"] * 5)) == [400] * 5  # LOGIN_MAX_FAILURES_PER_ACCOUNT
        with ThreadPoolExecutor(max_workers=4) as pool:
            assert list(pool.map(attempt, ["correct horse battery staple"] * 8)) == [429] * 8
    finally:
        server.stop()


def test_report_limit_holds_when_reports_arrive_at_once_on_two_gunicorn_workers(tmp_path, database_url):
    """Eight reports sent at the same moment through one server with two workers, with a limit of four an hour:
    exactly four are kept, whichever worker takes each (test_report_throttle_processes.py alternates two servers
    one report at a time; this is the race)."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    from sqlalchemy import create_engine, text

    from tests.functional.test_report_throttle_processes import SETUP

    env = server_env(database_url, tmp_path / "instance", EXTRA_PLUGINS='["plugins.moderation"]',
                     MODERATION_REPORTS_PER_HOUR=4)
    cli(env, "db", "upgrade")
    made = subprocess.run([sys.executable, "-c", SETUP.replace("range(6)", "range(8)")], env=env,
                          capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    post_ids = made.stdout.split()
    server = Server(env, workers=2)
    try:
        browser = Browser()
        status, _page = browser.post(server.url + "/login", {"username": "emma.employee",
                                                             "password": "correct horse battery staple"},
                                     token_from=server.url + "/login")
        assert status == 302

        def report(post_id: str) -> int:
            return browser.post(server.url + "/report", {"content_type": "post", "content_id": post_id,
                                                         "clause": "1", "next": "/"}, token_from=server.url + "/")[0]

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert list(pool.map(report, post_ids)) == [302] * 8
    finally:
        server.stop()
    engine = create_engine(database_url)
    with engine.connect() as connection:
        kept = connection.execute(text("select count(*) from moderation_reports")).scalar()
    engine.dispose()
    assert kept == 4


def test_two_gunicorn_workers_serve_and_sign_in(migrated):
    server = Server(migrated, workers=2)
    try:
        browser = Browser()
        status, _ = browser.post(server.url + "/login",
                                 {"username": "emma.employee", "password": "correct horse battery staple"},
                                 token_from=server.url + "/login")
        assert status == 302
        for _ in range(10):  # whichever worker answers knows the session
            status, page = browser.get(server.url + "/")
            assert status == 200 and "<summary>emma.employee</summary>" in page
    finally:
        server.stop()


def test_access_log_keeps_no_address_and_no_query(migrated, tmp_path):
    log_path = tmp_path / "access.log"
    with open(log_path, "w") as log:
        server = Server(migrated, log=log)
        try:
            Browser().get(server.url + "/search?q=confidentialterm")
        finally:
            server.stop()
    requests = [line for line in log_path.read_text().splitlines() if '"GET ' in line]
    assert any('"GET /search HTTP/1.1" 200' in line for line in requests)
    assert not any("confidentialterm" in line or "127.0.0.1" in line for line in requests)


def _writer(database_url: str, instance: str, worker: int, count: int) -> int:
    """Read-then-write transactions, as a content save does: read the current state, then write."""
    from sqlalchemy import func, select

    from opsspace import create_app
    from opsspace.database import begin_write
    from opsspace.extensions import db
    from opsspace.models import AuditEvent
    from opsspace.services import audit

    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "x", "INSTANCE_PATH": instance,
                      "PLUGIN_ENTRY_POINTS": False})
    done = 0
    with app.app_context():
        for n in range(count):
            begin_write()  # as every writing service does
            seen = db.session.scalar(select(func.count()).select_from(AuditEvent))
            audit.record(None, "test.write", target_type="worker", target_id=worker, seen=seen, n=n)
            db.session.commit()
            done += 1
    return done


def test_concurrent_writers_from_several_processes_all_succeed(migrated, database_url, tmp_path):
    from sqlalchemy import create_engine, text

    workers, count = 4, 50
    done = run_in_processes(_writer, [(database_url, str(tmp_path / "instance"), w, count) for w in range(workers)])
    assert done == [count] * workers
    engine = create_engine(database_url)
    with engine.connect() as connection:
        written = connection.execute(text("select count(*) from audit_events where action = 'test.write'")).scalar()
    engine.dispose()
    assert written == workers * count
