"""The replay: a fixed week of traffic goes through the real recording path (requests to the app, the
request_finished hook, the queue, the writer), then the rollup; every figure of every day is checked, and a
second rollup gives the same rows.

The week (Toronto time), everyone but the crawlers and Carol behind one proxy address, 10.0.0.1:
  Thu 5 Mar  two readers (Firefox, Chrome) and two members (Alice, Bob, both on Firefox like the first reader);
             a gap of exactly 30 minutes (same visit) and one of 30 minutes and 1 second (new visit); a search
             that finds nothing; a prefetch, a 404 and a JSON request (not page views); Googlebot twice and an
             empty user agent once (crawlers). Bob registers; Alice creates the wiki page "Budget".
  Fri 6 Mar  Bob publishes a post mentioning Alice; a reader arrives from another site; a reader's visit
             starts at 23:50 and goes on past midnight.
  Sat 7 Mar  ... ending at 00:10; Alice reads and comments on Bob's post.
  Sun 8 Mar  clocks spring forward (a 23-hour day): Carol's page views at 01:50 EST and 03:15 EDT are 25
             minutes apart (one visit); a reader at 23:30 EDT (03:30 UTC on the 9th) still counts on the 8th;
             Carol registers at 00:30 and Dave at 23:45 EDT (also the 8th).
  Mon 9 Mar  nothing at all.
  Tue 10 Mar Carol edits "Budget" and follows Bob; Bob arrives from a search engine.
  Wed 11 Mar one reader's page view (the salts go on rotating).
"""
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select, update

from opsspace.extensions import db
from opsspace.models import BlogPost, Comment, Follow, Notification, Revision, User
from opsspace.services import blog, comments, social, wiki
from plugins.stats import rollup
from plugins.stats.models import Daily, DailyPath, DailySource, Event, MemberDay, SearchCount
from tests.factories import make_user
from tests.support.stats import CHROME, EDGE, FIREFOX, GOOGLEBOT, Visitor, install_clock, local, salts

pytestmark = pytest.mark.dbs

PROXY = "10.0.0.1"
DAYS = [date(2026, 3, d) for d in range(5, 11)]
#: When the rollup runs: the morning after the week (every day is over and still within retention).
ROLLUP_AT = local("2026-03-11", "10:00:00")
POST = "/blog/bob/team-news"


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.stats"], "ANALYTICS_TZ": "America/Toronto", "ANALYTICS_SALT_PERIOD": "day"}


def _at(model, row_id, **times):
    db.session.execute(update(model).where(model.id == row_id).values(**times))
    db.session.commit()


def write_the_content():
    """The week's content, written through the services, then dated where the story puts it."""
    alice = make_user("alice")
    bob = make_user("bob")
    carol = make_user("carol")
    dave = make_user("dave")
    _at(User, alice.id, created_at=local("2026-03-01", "09:00:00"))
    _at(User, bob.id, created_at=local("2026-03-05", "08:00:00"))
    _at(User, carol.id, created_at=local("2026-03-08", "00:30:00"))
    _at(User, dave.id, created_at=local("2026-03-08", "23:45:00"))
    first = wiki.save_page("Budget", body="The budget for next year.", author=alice).revision
    _at(Revision, first.id, created_at=local("2026-03-05", "10:00:00"))
    post = blog.save_post(bob, title="Team news", body="Welcome to the team, @alice!", publish=True).post
    _at(BlogPost, post.id, created_at=local("2026-03-06", "12:00:00"), published_at=local("2026-03-06", "12:00:00"))
    db.session.execute(update(Notification).where(Notification.kind == "mention")
                       .values(created_at=local("2026-03-06", "12:00:00")))
    db.session.commit()
    reply = comments.add("post", post.id, alice, "Thank you, Bob.")
    _at(Comment, reply.id, created_at=local("2026-03-07", "09:00:00"))
    db.session.execute(update(Notification).where(Notification.kind != "mention")
                       .values(created_at=local("2026-03-07", "09:00:00")))
    db.session.commit()
    second = wiki.save_page("Budget", body="The budget for next year, revised.", author=carol,
                            base_revision_id=first.id).revision
    _at(Revision, second.id, created_at=local("2026-03-10", "14:00:00"))
    social.set_following(carol, bob, True)
    db.session.execute(update(Follow).values(created_at=local("2026-03-10", "14:05:00")))
    db.session.commit()
    assert db.session.scalar(select(BlogPost.slug).where(BlogPost.id == post.id)) == "team-news"
    return {"alice": alice, "bob": bob, "carol": carol}


def replay_the_week(app, clock, people) -> dict:
    r1 = Visitor(app, clock, PROXY, FIREFOX)
    r2 = Visitor(app, clock, PROXY, CHROME)
    alice = Visitor(app, clock, PROXY, FIREFOX, people["alice"])
    bob = Visitor(app, clock, PROXY, FIREFOX, people["bob"])
    carol = Visitor(app, clock, "10.0.0.2", EDGE, people["carol"])
    googlebot = Visitor(app, clock, "66.249.66.1", GOOGLEBOT)
    nameless = Visitor(app, clock, "10.0.0.9", "")
    inside = "http://localhost/"

    thu = "2026-03-05"
    r1.get(local(thu, "09:00:00"), "/wiki/Budget")
    r2.get(local(thu, "09:00:00"), "/", referrer="https://news.example.org/today")
    r1.get(local(thu, "09:01:00"), "/wiki/Budget", **{"Sec-Purpose": "prefetch"})
    alice.get(local(thu, "09:05:00"), "/")
    alice.get(local(thu, "09:10:00"), "/wiki/Budget", referrer=inside)
    alice.get(local(thu, "09:20:00"), "/people/alice", referrer=inside + "wiki/Budget")
    r1.get(local(thu, "09:30:00"), "/", referrer=inside)  # exactly 30 minutes after 09:00: the same visit
    r1.get(local(thu, "10:00:01"), "/search?q=Budget%20%20PLAN", referrer=inside)  # 30 min 1 s: a new visit
    bob.get(local(thu, "11:00:00"), "/blog/")
    googlebot.get(local(thu, "11:30:00"), "/wiki/Budget")
    googlebot.get(local(thu, "11:31:00"), "/")
    nameless.get(local(thu, "12:00:00"), "/")
    r2.get(local(thu, "12:30:00"), "/nowhere", status=404)
    r2.get(local(thu, "12:31:00"), "/search/suggest?q=bud")
    assert salts() == {"d:2026-03-05"}

    fri = "2026-03-06"
    r2.get(local(fri, "12:10:00"), POST, referrer="https://news.example.org/x")
    assert salts() == {"d:2026-03-06", "d:2026-03-05"}
    r1.get(local(fri, "23:50:00"), "/")
    r1.get(local(fri, "23:55:00"), "/wiki/Budget", referrer=inside)

    sat = "2026-03-07"
    r1.get(local(sat, "00:10:00"), POST, referrer=inside)  # the visit goes on past midnight
    assert salts() == {"d:2026-03-07", "d:2026-03-06"}
    alice.get(local(sat, "09:00:00"), POST)

    sun = "2026-03-08"
    assert local(sun, "01:50:00") == datetime(2026, 3, 8, 6, 50) and local(sun, "03:15:00") == datetime(2026, 3, 8, 7, 15)
    carol.get(local(sun, "01:50:00"), "/")
    carol.get(local(sun, "03:15:00"), "/wiki/Budget", referrer=inside)
    r2.get(local(sun, "23:30:00"), "/")
    assert local(sun, "23:30:00") == datetime(2026, 3, 9, 3, 30)

    tue = "2026-03-10"
    carol.get(local(tue, "14:10:00"), "/wiki/Budget")
    bob.get(local(tue, "14:11:00"), "/wiki/Budget", referrer="https://Search.Example.COM:8443/results?q=budget")

    r1.get(local("2026-03-11", "09:00:00"), "/")
    return {"r1": r1}


def daily_rows() -> dict:
    db.session.rollback()
    return {row.day: {c.name: getattr(row, c.name) for c in Daily.__table__.columns if c.name != "computed_at"}
            for row in db.session.scalars(select(Daily).where(Daily.day.in_(DAYS)))}


def all_rows(model) -> list[tuple]:
    db.session.rollback()
    columns = [c for c in model.__table__.columns if c.name != "computed_at"]
    return sorted(tuple(str(getattr(row, c.name)) for c in columns) for row in db.session.scalars(select(model)))


ZERO = dict(page_views=0, member_views=0, reader_views=0, crawler_views=0, visitors=0, member_visitors=0,
            reader_visitors=0, visits=0, bounces=0, visit_seconds=0, month_visitors=None, salt_period="day",
            dau=0, wau=0, mau=0, stickiness=0.0, new_members=0, engaged_members=0, new_posts=0, new_pages=0, edits=0,
            comments=0, mentions=0, follows=0, complete=True)
EXPECTED = {
    date(2026, 3, 5): dict(ZERO, day=date(2026, 3, 5), page_views=8, member_views=4, reader_views=4, crawler_views=3,
                           visitors=4, member_visitors=2, reader_visitors=2, visits=5, bounces=3, visit_seconds=2700,
                           dau=2, wau=2, mau=2, stickiness=1.0, new_members=1, engaged_members=1, new_pages=1),
    date(2026, 3, 6): dict(ZERO, day=date(2026, 3, 6), page_views=3, reader_views=3, visitors=2, reader_visitors=2,
                           visits=2, bounces=1, visit_seconds=300, wau=2, mau=2, engaged_members=1, new_posts=1,
                           mentions=1),
    date(2026, 3, 7): dict(ZERO, day=date(2026, 3, 7), page_views=2, member_views=1, reader_views=1, visitors=2,
                           member_visitors=1, reader_visitors=1, visits=2, bounces=2, dau=1, wau=2, mau=2,
                           stickiness=0.5, engaged_members=1, comments=1),
    date(2026, 3, 8): dict(ZERO, day=date(2026, 3, 8), page_views=3, member_views=2, reader_views=1, visitors=2,
                           member_visitors=1, reader_visitors=1, visits=2, bounces=1, visit_seconds=1500, dau=1,
                           wau=3, mau=3, stickiness=0.3333, new_members=2),
    date(2026, 3, 9): dict(ZERO, day=date(2026, 3, 9), wau=3, mau=3),
    date(2026, 3, 10): dict(ZERO, day=date(2026, 3, 10), page_views=2, member_views=2, visitors=2, member_visitors=2,
                            visits=2, bounces=2, dau=2, wau=3, mau=3, stickiness=0.6667, engaged_members=1, edits=1,
                            follows=1),
}
EXPECTED_PATHS = {  # (day, path): (content type, content ref, views, member views, visitors)
    ("2026-03-05", "/"): (None, None, 3, 1, 3),
    ("2026-03-05", "/blog/"): (None, None, 1, 1, 1),
    ("2026-03-05", "/people/alice"): ("person", "alice", 1, 1, 1),
    ("2026-03-05", "/search"): (None, None, 1, 0, 1),
    ("2026-03-05", "/wiki/Budget"): ("page", "Budget", 2, 1, 2),
    ("2026-03-06", "/"): (None, None, 1, 0, 1),
    ("2026-03-06", "/wiki/Budget"): ("page", "Budget", 1, 0, 1),
    ("2026-03-06", POST): ("post", "bob/team-news", 1, 0, 1),
    ("2026-03-07", POST): ("post", "bob/team-news", 2, 1, 2),
    ("2026-03-08", "/"): (None, None, 2, 1, 2),
    ("2026-03-08", "/wiki/Budget"): ("page", "Budget", 1, 1, 1),
    ("2026-03-10", "/wiki/Budget"): ("page", "Budget", 2, 2, 2),
}
EXPECTED_SOURCES = {  # (day, source): (visits, visitors)
    ("2026-03-05", "direct"): (4, 3),
    ("2026-03-05", "news.example.org"): (1, 1),
    ("2026-03-06", "direct"): (1, 1),
    ("2026-03-06", "news.example.org"): (1, 1),
    ("2026-03-07", "direct"): (2, 2),
    ("2026-03-08", "direct"): (2, 2),
    ("2026-03-10", "direct"): (1, 1),
    ("2026-03-10", "search.example.com"): (1, 1),
}


@pytest.fixture
def replayed(app, monkeypatch):
    clock = install_clock(monkeypatch)
    people = write_the_content()
    visitors = replay_the_week(app, clock, people)
    for day in DAYS:
        assert rollup.rollup_day(day, ROLLUP_AT) == "done"
    return {"clock": clock, "people": people, **visitors}


def differences(rows: dict) -> dict:
    """Per day, each figure that differs: (found, expected)."""
    found = {day: {name: (rows.get(day, {}).get(name), value) for name, value in expected.items()
                   if rows.get(day, {}).get(name) != value} for day, expected in EXPECTED.items()}
    return {day: wrong for day, wrong in found.items() if wrong}


def test_every_figure_of_the_week_is_exact(replayed):
    rows = daily_rows()
    assert differences(rows) == {}
    assert rows == EXPECTED


def test_pages_sources_and_searches_of_the_week(replayed):
    paths = {(row.day.isoformat(), row.path): (row.content_type, row.content_ref, row.views, row.member_views,
                                               row.visitors)
             for row in db.session.scalars(select(DailyPath).where(DailyPath.day.in_(DAYS)))}
    assert paths == EXPECTED_PATHS
    sources = {(row.day.isoformat(), row.source): (row.visits, row.visitors)
               for row in db.session.scalars(select(DailySource).where(DailySource.day.in_(DAYS)))}
    assert sources == EXPECTED_SOURCES
    searches = [(row.day, row.query, row.searches, row.zero_results) for row in db.session.scalars(select(SearchCount))]
    assert searches == [(date(2026, 3, 5), "budget plan", 1, 1)]
    members = sorted((row.day.isoformat(), row.user_id) for row in db.session.scalars(select(MemberDay)))
    ids = {name: person.id for name, person in replayed["people"].items()}
    assert members == sorted([("2026-03-05", ids["alice"]), ("2026-03-05", ids["bob"]), ("2026-03-07", ids["alice"]),
                              ("2026-03-08", ids["carol"]), ("2026-03-10", ids["bob"]), ("2026-03-10", ids["carol"])])


def test_the_late_dst_page_view_is_stored_on_its_local_day(replayed):
    late = db.session.scalars(select(Event).where(Event.ts == datetime(2026, 3, 9, 3, 30))).one()
    assert late.day == date(2026, 3, 8) and late.kind == "reader"
    assert late.path == "/" and late.source == "direct"


def test_a_second_rollup_gives_the_same_rows(replayed):
    before = {model: all_rows(model) for model in (Daily, DailyPath, DailySource)}
    for day in DAYS:
        assert rollup.rollup_day(day, ROLLUP_AT + timedelta(hours=5)) == "done"
    assert {model: all_rows(model) for model in (Daily, DailyPath, DailySource)} == before
    assert daily_rows() == EXPECTED


def test_the_cli_rollup_of_one_day_gives_the_same_rows(replayed, runner, monkeypatch):
    from plugins.stats import clock as stats_clock

    before = all_rows(Daily)
    for module in (stats_clock, rollup):  # the command runs on the morning after the week
        monkeypatch.setattr(module, "utcnow", lambda: ROLLUP_AT)
    result = runner.invoke(args=["stats", "rollup", "--day", "2026-03-08"])
    assert result.exit_code == 0, result.output
    assert "Rolled up 1 day." in result.output
    assert all_rows(Daily) == before
