"""The statistics dashboard as an administrator reads it: who may open it, the period selector, errors in a
custom range, the figures of the replayed week, the charts and their data tables, the CSV exports (with
formula cells defused), searches withheld below the threshold, and the figures on the admin home."""
import csv
import io
import re
from datetime import date

import pytest

from plugins.stats import rollup
from tests.support.stats import FIREFOX, Visitor, local

from .test_stats_replay import DAYS, PROXY, replayed  # noqa: F401  (the same week, replayed)

pytestmark = pytest.mark.dbs
WEEK = "/admin/stats?period=custom&from=2026-03-05&to=2026-03-10"


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.stats", "plugins.moderation"], "ANALYTICS_SEARCH_MIN_COUNT": 2,
            "WORKFORCE_SIZE": 40}


def card(page: str, label: str) -> str:
    match = re.search(r'<span class="card__value">([^<]*)</span> <span class="card__label">' + re.escape(label)
                      + r'</span>\s*(?:<span class="card__change">([^<]*)</span>)?', page)
    assert match, f"no card {label!r}"
    return match.group(1) + (f" | {match.group(2).strip()}" if match.group(2) else "")


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.get_data(as_text=True))))


def test_only_administrators_open_the_dashboard(client, users, login):
    assert client.get("/admin/stats").status_code == 302
    login(users["moderator"])
    assert client.get("/admin/stats").status_code == 403
    assert client.get("/admin/stats/export/daily.csv").status_code == 403


def test_the_week_in_figures(client, users, login, replayed):
    login(users["admin"])
    page = client.get(WEEK).get_data(as_text=True)
    assert "From 2026-03-05 to 2026-03-10: 6 days, counted in local days (America/Toronto)." in page
    assert card(page, "Page views") == "18 | no figure for the period before"
    assert card(page, "Visits").startswith("13 |")
    assert card(page, "Visitor-days").startswith("12 |")
    assert card(page, "Unique visitors per day (average)").startswith("2.0 |")
    assert card(page, "Bounce rate").startswith("69.2% |")  # 9 of 13 visits
    assert card(page, "Page views per visit").startswith("1.4 |")
    assert card(page, "Average visit duration").startswith("5 min 46 s |")  # 4,500 s over 13 visits
    assert card(page, "Crawler page views (not counted above)").startswith("3 |")
    assert card(page, "Members who contributed").startswith("3 |")  # Alice, Bob, Carol
    assert card(page, "New members").startswith("3 |")  # Bob, Carol, Dave
    assert "Visitor ids change every day (daily salt)" in page
    assert card(page, "Blog posts published in the period") == "1"
    assert card(page, "with no response yet") == "0"
    assert card(page, "Median hours to the first response") == "21.0"  # published Friday 12:00, answered Saturday 9:00
    later = client.get("/admin/stats?period=custom&from=2026-03-08&to=2026-03-10").get_data(as_text=True)
    assert card(later, "Page views") == "5 | down 61.5% from 13"
    assert card(later, "Wiki edits") == "1 | 0 in the period before"
    assert card(later, "Stickiness (DAU/MAU)") == "33.3% | down 33.3% from 50.0%"  # (1/3+0+2/3)/3 vs (1+0+1/2)/3


def test_each_chart_is_an_image_with_a_title_and_a_data_table(client, users, login, replayed):
    login(users["admin"])
    page = client.get(WEEK).get_data(as_text=True)
    charts = re.findall(r'<svg class="chart__svg" role="img" aria-labelledby="([\w-]+)-title \1-desc"', page)
    assert charts == ["chart-actives", "chart-views", "chart-visitors", "chart-stickiness", "chart-content"]
    for chart in charts:
        assert f'<title id="{chart}-title">' in page and f'<desc id="{chart}-desc">' in page
    actives = page.split('id="chart-actives-heading"')[1].split("</figure>")[0]
    assert "<caption>Active members</caption>" in actives
    assert '<tr><th scope="row">2026-03-08</th><td>1</td><td>3</td><td>3</td></tr>' in actives
    stickiness = page.split('id="chart-stickiness-heading"')[1].split("</figure>")[0]
    assert '<tr><th scope="row">2026-03-10</th><td>66.7%</td></tr>' in stickiness
    assert "http://" not in page.split("<main")[1].split("</main>")[0].replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_the_period_selector_and_its_errors(client, users, login):
    login(users["admin"])
    page = client.get("/admin/stats?period=7").get_data(as_text=True)
    assert ": 7 days, counted in local days" in page
    assert '<option value="7" selected>' in page
    assert ": 30 days," in client.get("/admin/stats").get_data(as_text=True)
    assert ": 90 days," in client.get("/admin/stats?period=90").get_data(as_text=True)
    assert ": 30 days," in client.get("/admin/stats?period=forever").get_data(as_text=True)
    for query, message in [
        ("from=2026-13-01&to=2026-03-10", "Write the first day as a date, for example"),
        ("from=2026-03-05&to=", "Write the last day as a date, for example"),
        ("from=2026-03-10&to=2026-03-05", "The first day must not come after the last day."),
        ("from=2026-03-05&to=2999-01-01", "The last day cannot be after today"),
        ("from=1990-01-01&to=2026-03-01", "Choose a range of at most 3660 days."),
    ]:
        response = client.get(f"/admin/stats?period=custom&{query}")
        page = response.get_data(as_text=True)
        assert response.status_code == 400, query
        assert message in page and 'class="error-summary"' in page and 'aria-invalid="true"' in page, query
        assert client.get(f"/admin/stats/export/daily.csv?period=custom&{query}").status_code == 400


def test_daily_figures_export_as_csv(client, users, login, replayed):
    login(users["admin"])
    response = client.get("/admin/stats/export/daily.csv?period=custom&from=2026-03-05&to=2026-03-10")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="opsspace-daily-2026-03-05-2026-03-10.csv"'
    rows = rows_of(response)
    assert rows[0][:6] == ["Day", "Page views", "Member page views", "Reader page views", "Crawler page views",
                           "Unique visitors"]
    assert [row[0] for row in rows[1:]] == [day.isoformat() for day in DAYS]
    assert rows[1] == ["2026-03-05", "8", "4", "4", "3", "4", "2", "2", "5", "3", "2700", "2", "2", "2", "1.0", "1",
                       "1", "0", "1", "0", "0", "0", "0"]
    assert rows[5] == ["2026-03-09", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "3", "3", "0.0", "0",
                       "0", "0", "0", "0", "0", "0", "0"]
    assert client.get("/admin/stats/export/nothing.csv").status_code == 404


def test_top_content_pages_and_sources_export(client, users, login, replayed):
    login(users["admin"])
    week = "period=custom&from=2026-03-05&to=2026-03-10"
    content = rows_of(client.get(f"/admin/stats/export/content.csv?{week}"))
    assert content[0] == ["Content", "Kind", "Page views", "Visitor-days", "Comments", "Follows"]
    assert content[1] == ["Budget", "wiki page", "6", "6", "0", "0"]
    assert content[2] == ["Team news", "blog post", "3", "3", "1", "0"]
    assert content[3] == ["Alice", "profile", "1", "1", "0", "0"]
    pages = rows_of(client.get(f"/admin/stats/export/pages.csv?{week}"))
    assert pages[1:] == [["/", "6", "2", "6"], ["/wiki/Budget", "6", "4", "6"], ["/blog/bob/team-news", "3", "1", "3"],
                         ["/blog/", "1", "1", "1"], ["/people/alice", "1", "1", "1"], ["/search", "1", "0", "1"]]
    sources = rows_of(client.get(f"/admin/stats/export/sources.csv?{week}"))
    assert sources[1:] == [["direct", "10", "9"], ["news.example.org", "2", "2"], ["search.example.com", "1", "1"]]
    people = rows_of(client.get(f"/admin/stats/export/people.csv?{week}"))
    assert people[1] == ["Bob", "1", "1"]


def test_searches_below_the_threshold_are_withheld_and_formulas_defused(app, client, users, login, replayed):
    clock = replayed["clock"]
    reader = Visitor(app, clock, PROXY, FIREFOX)
    for minute in range(2):
        reader.get(local("2026-03-10", f"15:0{minute}:00"), "/search?q=%3DHYPERLINK(%22x%22)")
        reader.get(local("2026-03-10", f"15:1{minute}:00"), "/search?q=Budget")
    reader.get(local("2026-03-10", "15:20:00"), "/search?q=once+only")
    rollup.rollup_day(date(2026, 3, 10), local("2026-03-11", "10:00:00"))
    login(users["admin"])
    page = client.get(WEEK).get_data(as_text=True)
    assert "once only" not in page and "budget plan" not in page  # once each: below 2
    assert "2 searches made fewer than 2 times in the period are not shown." in page
    searches = rows_of(client.get("/admin/stats/export/searches.csv?period=custom&from=2026-03-05&to=2026-03-10"))
    assert searches[1:] == [["'=hyperlink(\"x\")", "2"], ["budget", "2"]]
    zero = rows_of(client.get("/admin/stats/export/zero-searches.csv?period=custom&from=2026-03-05&to=2026-03-10"))
    assert zero[1:] == [["'=hyperlink(\"x\")", "2"]]


def test_the_admin_home_and_menu_show_the_statistics(client, users, login):
    from plugins.stats import recording

    client.environ_base["HTTP_USER_AGENT"] = FIREFOX  # the test client's own agent is a crawler's
    login(users["employee"])
    client.get("/")
    login(users["admin"])
    recording.flush()
    page = client.get("/admin/").get_data(as_text=True)
    assert '<a href="/admin/stats">Statistics</a>' in page
    assert card(page, "Members active in the last 30 days") == "2"
    assert card(page, "Share of the workforce active in the last 30 days") == "5.0%"  # of 40
    assert card(page, "Unique visitors yesterday") == "—"
    dashboard = client.get("/admin/stats").get_data(as_text=True)
    assert 'id="moderation-heading"' in dashboard and "Open backlog" in dashboard
    assert "Members active in the last 30 days" in dashboard


def test_the_dashboard_in_french(client, users, login):
    login(users["admin"])
    client.post("/lang/fr", data={"next": "/admin/stats"})
    response = client.get("/admin/stats")
    assert response.status_code == 200 and '<html lang="fr">' in response.get_data(as_text=True)
