"""Shared fixtures: a fresh app per test (temporary database and index, plugins off unless asked for),
a test client that sends CSRF tokens like a browser, login helpers, and real PostgreSQL when marked `dbs`."""
import contextvars
import os
import re

import pytest
from flask import has_app_context
from flask.testing import FlaskClient

from opsspace import create_app
from opsspace.extensions import db as _db

from .factories import PASSWORD, make_user
from .support.postgres import PostgresServer

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


class BrowserLikeClient(FlaskClient):
    """A test client that fetches and sends the CSRF token as a browser form would (csrf=False to omit it).

    Each request runs in a fresh context, with its own app context, `g` and database session, as in a
    real server: otherwise requests would share the test's app context (and Flask-Login's cached user).
    Afterwards the test's own session is rolled back so it reads what the request committed.
    """

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            _db.session.rollback()
        return response

    def csrf_token(self) -> str:
        response = self.get("/policy")
        match = TOKEN_RE.search(response.get_data(as_text=True))
        assert match, "no CSRF token on /policy"
        return match.group(1)

    def post(self, *args, csrf: bool = True, **kwargs):
        data = kwargs.get("data")
        if csrf and (data is None or isinstance(data, dict)) and "json" not in kwargs:
            data = dict(data or {})
            if "csrf_token" not in data:  # a token the test took from a page is sent as it is
                data["csrf_token"] = self.csrf_token()
            kwargs["data"] = data
        return super().post(*args, **kwargs)

    def login(self, username: str, password: str = PASSWORD, **extra):
        return self.post("/login", data={"username": username, "password": password, **extra})


# --- the long variants -------------------------------------------------------------------------

def pytest_addoption(parser):
    parser.addoption("--full", action="store_true", default=False,
                     help="also run the tests marked `full` (the whole XSS corpus, more kill cycles): make test-full")


def pytest_collection_modifyitems(config, items):
    """Tests marked `full` run with --full and in CI (about 10 minutes more: the whole XSS corpus 8, forty kill
    cycles 2.5); elsewhere `make test` runs only the quick variant of each."""
    if config.getoption("--full") or IN_CI:
        return
    skip = pytest.mark.skip(reason="a long variant: run with `make test-full` (pytest --full)")
    for item in items:
        if item.get_closest_marker("full"):
            item.add_marker(skip)


# --- databases --------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def postgres_server():
    try:
        server = PostgresServer()
    except (RuntimeError, OSError) as error:
        if IN_CI:
            pytest.fail(f"PostgreSQL could not start: {error}")
        pytest.skip(f"PostgreSQL not available ({error}); `make test` installs it")
    yield server
    server.stop()


def pytest_generate_tests(metafunc):
    """Tests marked `dbs` run once per database; every other test runs on SQLite."""
    if "db_backend" in metafunc.fixturenames and metafunc.definition.get_closest_marker("dbs"):
        metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_backend(request):
    return getattr(request, "param", "sqlite")


_db_counter = iter(range(1, 10**9))


@pytest.fixture
def database_url(db_backend, tmp_path, request):
    if db_backend == "postgresql":
        server = request.getfixturevalue("postgres_server")
        return server.create_database(f"test_{next(_db_counter)}")
    return f"sqlite:///{tmp_path / 'opsspace.db'}"


# --- the app ----------------------------------------------------------------------------------

def settings_for(tmp_path, database_url, **overrides) -> dict:
    settings = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "PLUGIN_ENTRY_POINTS": False,
        "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",  # fast hashing: tests create many accounts
        "PLAIN_HTTP": True,
        "INSTANCE_PATH": str(tmp_path / "instance"),
    }
    settings.update(overrides)
    return settings


@pytest.fixture
def app_settings():
    """Override in a test module (or parametrize) to change the app's settings."""
    return {}


@pytest.fixture
def app(tmp_path, database_url, app_settings, monkeypatch):
    for key in [k for k in os.environ if k.startswith("OPSSPACE_")]:
        monkeypatch.delenv(key)
    application = create_app(settings_for(tmp_path, database_url, **app_settings))
    application.test_client_class = BrowserLikeClient
    with application.app_context():
        _db.create_all()
        yield application
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def users(app):
    """One account of each kind, all having accepted the policy."""
    return {
        "employee": make_user("emma.employee"),
        "moderator": make_user("mo.moderator", role="moderator"),
        "admin": make_user("ada.admin", role="admin"),
        "responder": make_user("rae.responder", responder=True),
    }


@pytest.fixture
def login(client):
    """login(user) signs the test client in as that user."""

    def _login(user, password: str = PASSWORD):
        response = client.login(user.username, password)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return _login
