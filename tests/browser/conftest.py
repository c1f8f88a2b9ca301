"""Browser test harness: the real app served on a free 127.0.0.1 port in a thread, driven by Debian's Chromium
through Playwright (sync API). One browser per test session; each page in a browser context of its own,
emptied of cookies (contexts are recycled: see ContextPool).

Fixtures:
  live_server   the app on a temporary SQLite file: .url, .app, .create_user(...), .run(fn), .path(url)
  browser       the session's Chromium (skips, or fails in CI, when Chromium or Playwright is missing)
  new_page      new_page(locale="en-CA") gives a page in a browser context of its own, without cookies
                (one per person in a story; contexts are recycled between tests, see ContextPool)
  page          one such page
  axe_source    the text of node_modules/axe-core/axe.min.js (skips, or fails in CI, when it is missing)
  sign_in       sign_in(page, person, next_path=None) signs in through the real form

Never run `playwright install`: it downloads its own browser, which fails here. The flags below keep Chromium
from calling outside hosts.
"""
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from flask import got_request_exception
from werkzeug.serving import WSGIRequestHandler, make_server

from opsspace import create_app
from opsspace.extensions import db
from tests.conftest import settings_for
from tests.factories import PASSWORD, make_user

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
AXE_JS = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
#: How long one Playwright action or expectation may wait (ms): a local page answers in far less.
TIMEOUT_MS = 10_000


def _missing(what: str) -> None:
    message = f"{what}; `make test` installs it"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


# --- the server -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Person:
    """What a test needs to act as someone (the ORM object itself does not outlive its app context)."""

    username: str
    display_name: str
    role: str
    password: str = PASSWORD


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # one line per request would drown a failure's output
        pass


class LiveServer:
    def __init__(self, app):
        self.app = app
        self.errors: list[BaseException] = []
        got_request_exception.connect(self._record, app, weak=False)
        self._server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        # A short poll interval: shutdown() waits for the serving loop to look up.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), name="live-server",
                                        daemon=True)
        self._thread.start()

    def _record(self, sender, exception, **extra):
        self.errors.append(exception)

    def __call__(self, path: str = "/") -> str:
        """The absolute URL of a path on this server."""
        return self.url + path

    @staticmethod
    def path(url: str) -> str:
        """The path and query of an absolute URL, to compare with what a test expects."""
        parts = urlsplit(url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def run(self, fn, *args, **kwargs):
        """Call fn inside an app context (to set up data, or to look at what the site stored)."""
        with self.app.app_context():
            return fn(*args, **kwargs)

    def create_user(self, username: str, **fields) -> Person:
        """An account made by tests.factories.make_user (accepted_policy=False for someone who has not yet)."""
        with self.app.app_context():
            user = make_user(username, **fields)
            return Person(user.username, user.display_name, user.role, fields.get("password", PASSWORD))

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)
        got_request_exception.disconnect(self._record, self.app)
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def live_server(tmp_path, database_url, app_settings, monkeypatch):
    """The real app on a free port of 127.0.0.1, with a fresh temporary database; fails the test on any
    exception the app raised while serving it."""
    for key in [k for k in os.environ if k.startswith("OPSSPACE_")]:
        monkeypatch.delenv(key)
    app = create_app(settings_for(tmp_path, database_url, **app_settings))
    with app.app_context():
        db.create_all()
    server = LiveServer(app)
    yield server
    server.stop()
    assert not server.errors, f"the app raised while serving the test: {server.errors!r}"


# --- the browser ------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _missing(f"Chromium is not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import Error as PlaywrightError, sync_playwright
    except ImportError:
        _missing("Playwright for Python is not installed in the venv")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    except PlaywrightError as error:
        playwright.stop()
        _missing(f"Chromium at {CHROMIUM} did not start ({str(error).splitlines()[0]})")
    yield chromium
    chromium.close()
    playwright.stop()


VIEWPORT = {"width": 1280, "height": 900}


class ContextPool:
    """Browser contexts kept for the session and handed out clean: a new context costs Chromium a new
    renderer process (about 0.5 s of CPU here), which was most of a browser test's time.

    Clean means: no cookies (they are per host, not per port, so they would cross from one test's server to
    the next), no granted permissions, the default viewport, and the page on about:blank. Each test's server
    has a new port, hence a new origin: no storage carries over. Tests must not leave event listeners on a page
    (use page.expect_... instead); a page that was closed, or whose context was, is simply not reused.
    """

    def __init__(self, browser):
        self.browser = browser
        self.idle: dict[str, list] = {}

    def take(self, locale: str):
        while self.idle.get(locale):
            context, page = self.idle[locale].pop()
            if not page.is_closed():
                return context, page
            context.close()
        context = self.browser.new_context(locale=locale, viewport=VIEWPORT)
        context.set_default_timeout(TIMEOUT_MS)
        return context, context.new_page()

    def give_back(self, locale: str, context, page) -> None:
        try:
            if page.is_closed() or len(context.pages) != 1:
                raise RuntimeError("not reusable")
            page.goto("about:blank")
            context.clear_cookies()
            context.clear_permissions()
            page.set_viewport_size(VIEWPORT)
        except Exception:  # a closed context, a crashed page, extra pages: start afresh next time
            try:
                context.close()
            except Exception:
                pass
            return
        self.idle.setdefault(locale, []).append((context, page))

    def close(self) -> None:
        for pairs in self.idle.values():
            for context, _page in pairs:
                context.close()
        self.idle.clear()


@pytest.fixture(scope="session")
def _context_pool(browser):
    pool = ContextPool(browser)
    yield pool
    pool.close()


@pytest.fixture
def new_page(_context_pool):
    """new_page(locale="en-CA") gives a page in a browser context of its own, with no cookies: one per person
    in a story. The Accept-Language header follows the locale."""
    taken = []

    def _new_page(locale: str = "en-CA"):
        context, page = _context_pool.take(locale)
        taken.append((locale, context, page))
        return page

    yield _new_page
    for locale, context, page in taken:
        _context_pool.give_back(locale, context, page)


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(autouse=True)
def _expect_timeout():
    try:
        from playwright.sync_api import expect
    except ImportError:  # the browser fixture says what is missing
        return
    expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        _missing(f"axe-core is not installed ({AXE_JS} is missing)")
    return AXE_JS.read_text(encoding="utf-8")


def sign_in_through_form(page, server: LiveServer, person: Person, next_path: str | None = None):
    """Sign in with the real form (found by the fields' ids, so it works in either language); returns the
    response to the form, after its redirect."""
    page.goto(server("/login" + (f"?next={quote(next_path, safe='/')}" if next_path else "")))
    page.locator("#f-username").fill(person.username)
    page.locator("#f-password").fill(person.password)
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert server.path(page.url) != "/login", f"{person.username} could not sign in"
    if next_path:
        assert server.path(page.url) == next_path, f"signed in, but at {page.url} instead of {next_path}"
    return navigation.value


@pytest.fixture
def sign_in(live_server):
    """sign_in(page, person, next_path=None) signs in through the real form and returns the page."""

    def _sign_in(page, person: Person, next_path: str | None = None):
        sign_in_through_form(page, live_server, person, next_path)
        return page

    return _sign_in
