"""What counts as a page view, and what happens when the database does not take a batch; which process runs
the periodic rollup."""
from datetime import date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from opsspace.extensions import db
from plugins.stats import jobs, recording
from plugins.stats.models import Daily, Event, MemberDay
from tests.factories import make_user
from tests.support.stats import CHROME, EDGE, FIREFOX, Visitor, install_clock, local

SAFARI = ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) "
          "Version/17.5 Safari/605.1.15")
TEAMS = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 "
         "Safari/537.36 Edg/120.0.0.0 Teams/24124.2311.2911.3456")
TEAMS_PREVIEW = "Mozilla/5.0 (Windows NT 6.1; WOW64) SkypeUriPreview Preview/0.5 skype-url-preview@microsoft.com"
BINGBOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.stats"]}


@pytest.fixture
def clock(monkeypatch):
    return install_clock(monkeypatch)


def events() -> list[Event]:
    db.session.rollback()
    return list(db.session.scalars(select(Event).order_by(Event.id)))


@pytest.mark.parametrize("agent, kind", [
    (FIREFOX, "reader"), (CHROME, "reader"), (EDGE, "reader"), (SAFARI, "reader"), (TEAMS, "reader"),
    (TEAMS_PREVIEW, "bot"), (BINGBOT, "bot"), ("curl/8.5.0", "bot"), ("", "bot"),
])
def test_browsers_are_people_and_crawlers_are_counted_apart(app, clock, agent, kind):
    Visitor(app, clock, "10.1.1.1", agent).get(local("2026-03-05", "09:00:00"), "/")
    assert [(event.kind, event.visitor is None) for event in events()] == [(kind, kind == "bot")]


def test_only_pages_are_page_views(app, clock):
    reader = Visitor(app, clock, "10.1.1.1", FIREFOX)
    when = local("2026-03-05", "09:00:00")
    reader.get(when, "/themes/default/static/css/site.css")
    reader.get(when, "/search/suggest?q=bu")
    reader.get(when, "/feeds/blog.atom")
    reader.get(when, "/nowhere", status=404)
    reader.get(when, "/", **{"Purpose": "prefetch"})
    reader.get(when, "/", **{"X-Moz": "prefetch"})
    reader.client.head("/", headers={"User-Agent": FIREFOX})
    assert events() == []
    reader.get(when, "/wiki/?sort=title&secret=token")
    assert [(event.path, event.source) for event in events()] == [("/wiki/", "direct")]


def test_the_statistics_pages_do_not_count_themselves(app, clock, users):
    admin = Visitor(app, clock, "10.1.1.1", FIREFOX, users["admin"])
    admin.get(local("2026-03-05", "09:00:00"), "/admin/stats")
    assert events() == []
    assert [row.user_id for row in db.session.scalars(select(MemberDay))] == [users["admin"].id]  # but active


def test_a_long_address_is_cut_and_a_referrer_keeps_only_its_host(app, clock):
    reader = Visitor(app, clock, "10.1.1.1", FIREFOX)
    reader.get(local("2026-03-05", "09:00:00"), "/wiki/" + "A" * 400, status=404)
    make_user("writer")
    reader.get(local("2026-03-05", "09:01:00"), "/people/writer",
               referrer="https://user:pass@Portal.Example.ORG:8443/path?who=me#top")
    assert [(event.path, event.source, event.content_type, event.content_ref) for event in events()] == [
        ("/people/writer", "portal.example.org", "person", "writer")]


@pytest.mark.dbs
def test_a_batch_the_database_refuses_is_kept_and_written_next_time(app, clock, monkeypatch):
    reader = Visitor(app, clock, "10.1.1.1", FIREFOX)
    real = recording.Recorder._write
    calls = []

    def busy_once(self, batch, now):
        calls.append(len(batch))
        if len(calls) == 1:
            raise OperationalError("INSERT", {}, Exception("database is locked"))
        return real(self, batch, now)

    monkeypatch.setattr(recording.Recorder, "_write", busy_once)
    monkeypatch.setattr(recording, "flush", lambda now=None: 0)  # the visitor's own flush: not yet
    for minute in range(3):
        reader.get(local("2026-03-05", f"09:0{minute}:00"), "/")
    recorder = app.extensions["stats.recorder"]
    with pytest.raises(OperationalError):
        recorder.flush()
    assert len(recorder.pending) == 3 and events() == []
    assert recorder.flush() == 3
    assert calls == [3, 3] and len(events()) == 3 and recorder.pending == []


def test_a_recording_error_never_breaks_the_page(app, clock, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the statistics")

    monkeypatch.setattr(recording, "capture", broken)
    assert Visitor(app, clock, "10.1.1.1", FIREFOX).get(local("2026-03-05", "09:00:00"), "/").status_code == 200


def test_recording_can_be_switched_off(app, clock):
    app.config["ANALYTICS_RECORDING"] = False
    Visitor(app, clock, "10.1.1.1", FIREFOX).get(local("2026-03-05", "09:00:00"), "/")
    assert events() == [] and recording.queued() == 0


@pytest.mark.dbs
def test_one_process_runs_each_slot_of_the_periodic_rollup(app):
    tz = __import__("zoneinfo").ZoneInfo("America/Toronto")
    assert jobs.current_slot(datetime(2026, 3, 5, 14, 7), 900, tz) == datetime(2026, 3, 5, 14, 0)
    # Just after local midnight (05:00 UTC in winter), the midnight slot: yesterday's figures are finished.
    assert jobs.current_slot(datetime(2026, 3, 5, 5, 3), 3600, tz) == datetime(2026, 3, 5, 5, 1)
    assert jobs.current_slot(datetime(2026, 3, 9, 4, 3), 3600, tz) == datetime(2026, 3, 9, 4, 1)  # summer time
    now = local("2026-03-05", "09:16:00")
    assert jobs.run_if_due(app, now) is True
    app.extensions.pop(jobs.SEEN, None)  # another process, which has not looked yet
    assert jobs.run_if_due(app, now) is False
    assert jobs.run_if_due(app, local("2026-03-05", "09:31:00")) is True
    db.session.rollback()
    assert {row.day for row in db.session.scalars(select(Daily))} == {date(2026, 3, 4), date(2026, 3, 5)}


def test_the_command_line_rolls_up_a_range_with_progress_and_purges(app, runner, clock, monkeypatch):
    from plugins.stats import clock as stats_clock, rollup

    Visitor(app, clock, "10.1.1.1", FIREFOX).get(local("2026-03-05", "09:00:00"), "/")
    for module in (stats_clock, rollup):  # the commands run at noon on the 7th
        monkeypatch.setattr(module, "utcnow", lambda: local("2026-03-07", "12:00:00"))
    result = runner.invoke(args=["stats", "rollup", "--since", "2026-03-04"])
    assert result.exit_code == 0, result.output
    assert "Rolling up" in result.output and "Rolled up 4 days." in result.output
    db.session.rollback()
    assert [(row.day, row.page_views, row.complete) for row in db.session.scalars(select(Daily).order_by(Daily.day))] \
        == [(date(2026, 3, 4), 0, True), (date(2026, 3, 5), 1, True), (date(2026, 3, 6), 0, True),
            (date(2026, 3, 7), 0, False)]
    refused = runner.invoke(args=["stats", "rollup", "--day", "2026-03-32"])
    assert refused.exit_code == 2 and "is not a date: write it as YYYY-MM-DD" in refused.output
    future = runner.invoke(args=["stats", "rollup", "--day", "2026-03-08"])
    assert future.exit_code == 1 and "2026-03-08 has not begun yet in America/Toronto" in future.output
    purged = runner.invoke(args=["stats", "purge"])
    assert purged.exit_code == 0 and "Deleted 0 page views, 0 member activity rows and 1 salts." in purged.output
