"""The statistics dashboard in a real browser, after the replayed week: axe-core finds no WCAG 2.1 A/AA
violation in English or in French (the week, its data tables opened, the default period, a refused custom
range, the admin home with its figures), and the page loads nothing from outside the site."""
import pytest
from playwright.sync_api import expect

from plugins.stats import rollup
from tests.functional.test_stats_replay import DAYS, ROLLUP_AT, replay_the_week, write_the_content
from tests.support.stats import install_clock

from .tour import AxeTour

pytestmark = pytest.mark.browser
WEEK = "/admin/stats?period=custom&from=2026-03-05&to=2026-03-10"


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.stats", "plugins.moderation"], "WORKFORCE_SIZE": 7000}


@pytest.fixture
def the_week(live_server, monkeypatch):
    clock = install_clock(monkeypatch)

    def replay():
        replay_the_week(live_server.app, clock, write_the_content())
        for day in DAYS:
            rollup.rollup_day(day, ROLLUP_AT)

    live_server.run(replay)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dashboard_passes_axe_and_loads_nothing_from_elsewhere(live_server, axe_source, new_page, the_week,
                                                                   lang):
    tour = AxeTour(live_server, axe_source, lang, new_page)
    admin = live_server.create_user("ada.admin", role="admin", preferred_language=lang)
    page = tour.sign_in(admin)
    requested = []

    def note(request):
        requested.append(request.url)

    page.on("request", note)
    try:
        tour.go(WEEK)
        expect(page.locator("svg.chart__svg")).to_have_count(5)
        expect(page.locator("#figures-heading + ul .card__value").first).to_have_text("18")  # page views
        tour.check("the replayed week")
        for summary in page.locator("details.chart__data > summary").all():
            summary.click()
        expect(page.locator("details.chart__data table").first).to_be_visible()
        tour.check("the week, with every data table open")
        tour.go("/admin/stats")
        tour.check("the last 30 days (no figures)")
        tour.go("/admin/stats?period=custom&from=2026-03-10&to=2026-03-05", status=400)
        expect(page.locator(".error-summary")).to_be_visible()
        tour.check("a custom range refused")
        tour.go("/admin/")
        expect(page.locator("nav.subnav a[href='/admin/stats']")).to_be_visible()
        tour.check("the admin home with the statistics figures")
    finally:
        page.remove_listener("request", note)  # the page goes back to the pool
    outside = [url for url in requested if not url.startswith(live_server.url + "/")]
    assert requested and not outside, outside
    tour.assert_clean()
