"""Pages kept for readers: a reader's second view costs no database work, and still every change (an edit, a
hidden comment, a new disclaimer) reaches readers at once in the process that made it and within a second in
every other; members never get a kept page; each reader keeps a CSRF token of their own."""
import re
import time

import pytest
from flask import request, request_started
from sqlalchemy import event, select

from opsspace import create_app, page_cache
from opsspace.extensions import db
from opsspace.models import ContentGeneration, Notification
from opsspace.models.cache import CONTENT, PERSONAL
from opsspace.services import comments, status, wiki
from tests.conftest import settings_for
from tests.support.processes import run_in_processes
from tests.support.stats import FIREFOX

pytestmark = pytest.mark.dbs
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def statements(app):
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    yield seen
    event.remove(db.engine, "before_cursor_execute", listener)


@pytest.fixture
def page(app, users):
    return wiki.save_page("Handbook", body="Read the **first** edition.", author=users["employee"]).page


def test_a_readers_second_view_needs_no_database_and_keeps_its_own_token(app, page, statements):
    first, second = app.test_client(), app.test_client()
    one = first.get("/wiki/Handbook").get_data(as_text=True)
    statements.clear()
    two = second.get("/wiki/Handbook").get_data(as_text=True)
    assert statements == [] and "<strong>first</strong>" in two
    # Same page, but each reader's language toggle carries the token of their own session, and it works.
    assert TOKEN.sub("", one) == TOKEN.sub("", two)
    assert TOKEN.search(one).group(1) != TOKEN.search(two).group(1)
    answer = second.post("/lang/fr", data={"csrf_token": TOKEN.search(two).group(1), "next": "/wiki/Handbook"})
    assert answer.status_code == 302
    assert 'lang="fr"' in second.get("/wiki/Handbook").get_data(as_text=True)  # kept apart by language
    assert 'lang="en"' in first.get("/wiki/Handbook").get_data(as_text=True)


def test_an_edit_and_a_hidden_comment_reach_readers_at_once(app, users, page, login, client):
    reader = app.test_client()
    comment = comments.add("page", page.id, users["admin"], "Karen, great work on this.")
    assert "great work" in reader.get("/wiki/Handbook").get_data(as_text=True)
    wiki.save_page("Handbook", body="Read the **second** edition.", author=users["employee"],
                   base_revision_id=page.current_revision_id)
    assert "<strong>second</strong>" in reader.get("/wiki/Handbook").get_data(as_text=True)
    status.change(comment, "hidden", users["moderator"], clause="1", reason="Off topic", action="hide")
    assert "great work" not in reader.get("/wiki/Handbook").get_data(as_text=True)


def edit_in_another_worker(settings: dict, user_id: int, revision_id: int) -> bool:
    """In a spawned process: another worker of the same site, on the same database, saves an edit."""
    from opsspace.models import User

    app = create_app(settings)
    with app.app_context():
        wiki.save_page("Handbook", body="Read the **second** edition.", author=db.session.get(User, user_id),
                       base_revision_id=revision_id)
        db.session.remove()
        db.engine.dispose()
    return True


def test_a_change_made_by_another_process_reaches_readers_within_a_second(app, tmp_path, database_url, users,
                                                                         page):
    reader = app.test_client()
    assert "<strong>first</strong>" in reader.get("/wiki/Handbook").get_data(as_text=True)
    run_in_processes(edit_in_another_worker, [(settings_for(tmp_path / "other", database_url),
                                               users["employee"].id, page.current_revision_id)])
    deadline = time.monotonic() + page_cache.CHECK_EVERY + 0.5
    seen = ""
    while time.monotonic() < deadline and "<strong>second</strong>" not in seen:
        time.sleep(0.1)
        seen = reader.get("/wiki/Handbook").get_data(as_text=True)
    assert "<strong>second</strong>" in seen


def test_members_never_get_a_kept_page(app, users, page, client, login):
    app.test_client().get("/wiki/Handbook")  # kept for readers
    login(users["employee"])
    mine = client.get("/wiki/Handbook").get_data(as_text=True)
    assert "Sign out" in mine and users["employee"].display_name in mine
    assert "Sign out" not in app.test_client().get("/wiki/Handbook").get_data(as_text=True)


def test_what_readers_never_see_keeps_the_pages(app, users, page):
    def generations():
        return dict(db.session.execute(select(ContentGeneration.id, ContentGeneration.value)).all())

    before = generations()
    db.session.add(Notification(user_id=users["employee"].id, kind="mention", actor_id=users["admin"].id,
                                target_type="page", target_id=page.id, title="Handbook"))
    db.session.commit()
    # A notification is nobody else's page: only what members keep of their own parts moves.
    assert generations() == {CONTENT: before[CONTENT], PERSONAL: before[PERSONAL] + 1}
    wiki.save_page("Handbook", body="Changed.", author=users["employee"], base_revision_id=page.current_revision_id)
    assert generations() == {CONTENT: before[CONTENT] + 1, PERSONAL: before[PERSONAL] + 1}


@pytest.mark.parametrize("app_settings", [{"PAGE_CACHE_SECONDS": 0}])
def test_the_cache_can_be_turned_off(app, page, statements):
    reader = app.test_client()
    reader.get("/wiki/Handbook")
    statements.clear()
    reader.get("/wiki/Handbook")
    assert statements  # rendered again


@pytest.mark.parametrize("app_settings", [{"PAGE_CACHE_SECONDS": 0.2}])
def test_a_kept_page_is_rendered_again_after_its_age_limit(app, page, statements):
    reader = app.test_client()
    reader.get("/wiki/Handbook")
    statements.clear()
    reader.get("/wiki/Handbook")
    assert statements == []
    time.sleep(0.3)  # "3 minutes ago" must not stay forever
    reader.get("/wiki/Handbook")
    assert statements


@pytest.fixture
def dispatched(app):
    """The requests that reached Flask (a kept page is answered before)."""
    seen = []
    listener = lambda sender, **extra: seen.append(f"{request.method} {request.path}")  # noqa: E731
    request_started.connect(listener, app)
    yield seen
    request_started.disconnect(listener, app)


@pytest.mark.parametrize("app_settings", [{"EXTRA_PLUGINS": ["plugins.stats"]}])
def test_a_kept_page_is_answered_before_flask_with_a_session_of_its_own_and_counted(app, page, dispatched):
    from plugins.stats import recording
    from plugins.stats.models import Event

    app.test_client().get("/wiki/Handbook", headers={"User-Agent": FIREFOX})
    dispatched.clear()
    newcomer = app.test_client()  # no cookie at all: a first visit
    answer = newcomer.get("/wiki/Handbook", headers={"User-Agent": FIREFOX})
    assert dispatched == [] and "<strong>first</strong>" in answer.get_data(as_text=True)
    assert answer.headers["X-Frame-Options"] == "DENY" and answer.headers["Cache-Control"] == "no-cache"
    assert "opsspace_session=" in answer.headers["Set-Cookie"] and "HttpOnly" in answer.headers["Set-Cookie"]
    # The session it was given holds the token the page carries: the language toggle works.
    token = TOKEN.search(answer.get_data(as_text=True)).group(1)
    assert newcomer.post("/lang/fr", data={"csrf_token": token, "next": "/wiki/Handbook"}).status_code == 302
    head = app.test_client().head("/wiki/Handbook", headers={"User-Agent": FIREFOX})
    assert head.status_code == 200 and head.get_data() == b""
    assert dispatched == ["POST /lang/fr"]  # only the language toggle reached Flask
    # Both views are page views, the first rendered and the second kept; a HEAD is not.
    recording.flush()
    views = db.session.scalars(select(Event).where(Event.path == "/wiki/Handbook")).all()
    assert [(view.kind, view.content_type, view.content_ref) for view in views] == [("reader", "page", "Handbook")] * 2


def test_a_browser_that_would_be_signed_in_again_is_not_answered_from_the_cache(app, page, dispatched):
    app.test_client().get("/wiki/Handbook")
    dispatched.clear()
    returning = app.test_client()
    returning.set_cookie(app.config["REMEMBER_COOKIE_NAME"], "not-a-valid-token")
    returning.get("/wiki/Handbook")
    assert dispatched == ["GET /wiki/Handbook"]
    # A session cookie that fails its signature is no session, as in Flask: a reader, given a fresh one.
    spoiled = app.test_client()
    spoiled.set_cookie(app.config["SESSION_COOKIE_NAME"], "tampered.value.signature")
    answer = spoiled.get("/wiki/Handbook")
    assert "<strong>first</strong>" in answer.get_data(as_text=True) and len(dispatched) == 1
    assert "tampered" not in answer.headers["Set-Cookie"]
