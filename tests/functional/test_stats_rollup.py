"""The rollup's figures, worked out by the database, against the definitions walked out in plain Python over
a day of random page views: visitors of both kinds and crawlers, gaps on both sides of 30 minutes (to the
microsecond), sources, and paths seen by members and readers."""
import random
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from opsspace.extensions import db
from plugins.stats import rollup
from plugins.stats.models import BOT, MEMBER, READER, Daily, DailyPath, DailySource, Event

pytestmark = pytest.mark.dbs

DAY = date(2026, 3, 5)
GAP = timedelta(minutes=30)


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.stats"], "ANALYTICS_TZ": "UTC", "ANALYTICS_SALT_PERIOD": "day"}


def random_day(seed: int) -> list[dict]:
    chance = random.Random(seed)
    paths = [("/", None, None), ("/wiki/Budget", "page", "Budget"), ("/blog/bob/news", "post", "bob/news"),
             ("/people/alice", "person", "alice"), ("/search", None, None)]
    rows = []
    for number in range(40):
        visitor, kind = (None, BOT) if number % 8 == 0 else (f"v{number:02d}", chance.choice([MEMBER, READER]))
        when = datetime(2026, 3, 5, 0, 0) + timedelta(seconds=chance.randrange(0, 6 * 3600))
        for _ in range(chance.randrange(1, 12)):
            path, content_type, ref = chance.choice(paths)
            rows.append(dict(ts=when, day=DAY, kind=kind, visitor=visitor, path=path, content_type=content_type,
                             content_ref=ref, source=chance.choice([None, "", "direct", "intranet.example", "search"])))
            # Gaps just under, at, and just over 30 minutes, and short ones.
            when += chance.choice([GAP, GAP + timedelta(microseconds=1), GAP - timedelta(microseconds=1),
                                   timedelta(seconds=chance.randrange(1, 900), microseconds=chance.randrange(10**6))])
    chance.shuffle(rows)  # stored in any order
    return rows


def expected(rows: list[dict]) -> tuple[dict, set, set]:
    """The definitions: a visit is a run of one visitor's page views with no gap over 30 minutes; a bounce is a
    visit of one page view; a visit lasts from its first page view to its last, in whole seconds; a visitor
    counts as the kind of their first page view; crawlers count as views only."""
    daily = dict(page_views=0, member_views=0, reader_views=0, crawler_views=0, visitors=0, member_visitors=0,
                 reader_visitors=0, visits=0, bounces=0, visit_seconds=0)
    paths, sources = {}, {}
    by_visitor = {}
    for row in rows:
        if row["visitor"] is None:
            daily["crawler_views"] += 1
        else:
            by_visitor.setdefault(row["visitor"], []).append(row)
    for visitor, views in by_visitor.items():
        views.sort(key=lambda row: row["ts"])
        daily[f"{views[0]['kind']}_visitors"] += 1
        visit = []
        for row in views + [None]:
            if visit and (row is None or row["ts"] - visit[-1]["ts"] > GAP):
                daily["visits"] += 1
                daily["bounces"] += len(visit) == 1
                daily["visit_seconds"] += int((visit[-1]["ts"] - visit[0]["ts"]).total_seconds())
                source = sources.setdefault(visit[0]["source"] or "direct", [0, set()])
                source[0] += 1
                source[1].add(visitor)
                visit = []
            if row is None:
                break
            visit.append(row)
            daily[f"{row['kind']}_views"] += 1
            path = paths.setdefault(row["path"], [row["content_type"], row["content_ref"], 0, 0, set()])
            path[2] += 1
            path[3] += row["kind"] == MEMBER
            path[4].add(visitor)
    daily["page_views"] = daily["member_views"] + daily["reader_views"]
    daily["visitors"] = daily["member_visitors"] + daily["reader_visitors"]
    return (daily, {(path, *entry[:4], len(entry[4])) for path, entry in paths.items()},
            {(source, visits, len(who)) for source, (visits, who) in sources.items()})


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_rollup_agrees_with_the_definitions(app, seed):
    rows = random_day(seed)
    db.session.execute(Event.__table__.insert(), rows)
    db.session.commit()
    assert rollup.rollup_day(DAY, datetime(2026, 3, 6, 12, 0)) == "done"
    want_daily, want_paths, want_sources = expected(rows)
    db.session.rollback()
    got = db.session.get(Daily, DAY)
    assert {name: getattr(got, name) for name in want_daily} == want_daily
    assert {(row.path, row.content_type, row.content_ref, row.views, row.member_views, row.visitors)
            for row in db.session.scalars(select(DailyPath))} == want_paths
    assert {(row.source, row.visits, row.visitors) for row in db.session.scalars(select(DailySource))} == want_sources
    assert want_daily["bounces"] and want_daily["visits"] > want_daily["visitors"]  # the day has both
