"""Privacy of the statistics: after the replayed week the database holds no address, no user agent and no
query string; visitor ids change with the salt period; only the current and previous salts exist; retention
deletes raw page views and never the daily figures."""
from datetime import date, datetime

import pytest
from sqlalchemy import select, text

from opsspace.extensions import db
from plugins.stats import rollup
from plugins.stats.models import Daily, Event
from tests.support.stats import CHROME, EDGE, FIREFOX, GOOGLEBOT, Visitor, install_clock, local, salts

from .test_stats_replay import PROXY, app_settings, replayed  # noqa: F401  (the same week, replayed)


def visitor_at(ts: datetime, path: str | None = None) -> str:
    stmt = select(Event.visitor).where(Event.ts == ts)
    return db.session.scalars(stmt.where(Event.path == path) if path else stmt).one()


def test_the_database_file_holds_no_address_no_user_agent_and_no_query_string(app, replayed, tmp_path):
    db.session.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
    db.session.commit()
    db.engine.dispose()  # the last connection closed: everything is in the main file
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("opsspace.db*"))
    assert len(stored) > 10_000 and b"team-news" in stored  # it is the database the week went to
    for secret in [PROXY, "10.0.0.2", "10.0.0.9", "66.249.66.1", FIREFOX, CHROME, EDGE, GOOGLEBOT, "Mozilla",
                   "Firefox", "Gecko", "Googlebot", "Edg/", "Budget%20%20PLAN", "q=", "results?q"]:
        assert secret.encode() not in stored, f"{secret!r} is in the database file"


@pytest.mark.dbs
def test_page_views_keep_only_a_hashed_visitor_a_path_and_a_source_host(replayed):
    search = db.session.scalars(select(Event).where(Event.ts == local("2026-03-05", "10:00:01"))).one()
    assert (search.path, search.source, search.kind, len(search.visitor)) == ("/search", None, "reader", 16)
    engine = db.session.scalars(select(Event).where(Event.ts == local("2026-03-10", "14:11:00"))).one()
    assert engine.source == "search.example.com"
    crawler = db.session.scalars(select(Event).where(Event.kind == "bot")).first()
    assert crawler.visitor is None


@pytest.mark.dbs
def test_people_behind_one_proxy_address_stay_apart(replayed):
    thursday = [visitor_at(local("2026-03-05", "09:00:00"), "/wiki/Budget"),  # a reader on Firefox
                visitor_at(local("2026-03-05", "09:00:00"), "/"),  # a reader on Chrome
                visitor_at(local("2026-03-05", "09:05:00")),  # Alice, on Firefox
                visitor_at(local("2026-03-05", "11:00:00"))]  # Bob, on Firefox
    assert len(set(thursday)) == 4  # one address; members never merge with a reader or with each other


@pytest.mark.dbs
def test_the_same_reader_gets_a_new_id_every_day_under_the_daily_salt(replayed):
    friday = visitor_at(local("2026-03-06", "23:55:00"))
    assert visitor_at(local("2026-03-06", "23:50:00")) == friday
    saturday = visitor_at(local("2026-03-07", "00:10:00"))
    thursday = visitor_at(local("2026-03-05", "09:00:00"), "/wiki/Budget")
    assert len({thursday, friday, saturday}) == 3


@pytest.mark.dbs
def test_only_the_current_and_previous_salts_exist(app, replayed):
    assert salts() == {"d:2026-03-11", "d:2026-03-10"}
    assert rollup.purge(local("2026-03-20", "12:00:00"))["salts"] == 2
    assert salts() == set()
    Visitor(app, replayed["clock"], PROXY, FIREFOX).get(local("2026-03-20", "12:05:00"), "/")
    assert salts() == {"d:2026-03-20"}
    assert set(app.extensions["stats.recorder"].salts) == {"d:2026-03-20"}  # nor in memory


@pytest.mark.dbs
def test_retention_deletes_page_views_and_keeps_the_daily_figures(replayed):
    before = {row.day: row.page_views for row in db.session.scalars(select(Daily))}
    done = rollup.purge(local("2026-04-06", "12:00:00"))  # 30 days back: the 7th is the oldest day kept
    assert done["events"] == 8 + 3 + 3  # Thursday's page views (and crawlers'), Friday's
    assert db.session.scalar(select(Event.day).order_by(Event.day).limit(1)) == date(2026, 3, 7)
    assert rollup.rollup_day(date(2026, 3, 5), local("2026-04-06", "12:00:00")) == "kept"
    assert {row.day: row.page_views for row in db.session.scalars(select(Daily))} == before


@pytest.mark.dbs
@pytest.mark.parametrize("app_settings", [{"EXTRA_PLUGINS": ["plugins.stats"], "ANALYTICS_SALT_PERIOD": "month"}])
def test_a_monthly_salt_counts_unique_readers_of_the_month_exactly(app, monkeypatch):
    clock = install_clock(monkeypatch)
    first, second = Visitor(app, clock, PROXY, FIREFOX), Visitor(app, clock, PROXY, CHROME)
    first.get(local("2026-03-05", "09:00:00"), "/")
    first.get(local("2026-03-06", "09:00:00"), "/")
    second.get(local("2026-03-06", "10:00:00"), "/")
    first.get(local("2026-04-01", "09:00:00"), "/")
    assert visitor_at(local("2026-03-05", "09:00:00")) == visitor_at(local("2026-03-06", "09:00:00"))
    assert visitor_at(local("2026-04-01", "09:00:00")) != visitor_at(local("2026-03-05", "09:00:00"))
    assert salts() == {"m:2026-04", "m:2026-03"}
    for day in (date(2026, 3, 5), date(2026, 3, 6)):
        rollup.rollup_day(day, local("2026-03-07", "09:00:00"))
    rows = {row.day: (row.visitors, row.month_visitors, row.salt_period) for row in db.session.scalars(select(Daily))}
    assert rows == {date(2026, 3, 5): (1, 1, "month"), date(2026, 3, 6): (2, 2, "month")}
