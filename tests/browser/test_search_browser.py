"""Search as readers use it in a real browser: from the header's search box to highlighted results, narrowed
with the facet links, paged through, corrected by "Did you mean"; the box's suggestions as they type (an ARIA
combobox: arrow keys and Enter open a suggestion, Escape closes the list); and someone's draft never shows to
anyone else, in results or suggestions."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User
from opsspace.services import blog, wiki

pytestmark = pytest.mark.browser

DRAFT_TITLE = "Onboarding changes for 2027"


@pytest.fixture
def app_settings():
    """Two results a page, so that three results already need a second page."""
    return {"SEARCH_PAGE_SIZE": 2}


def write_content(server, author: str) -> None:
    """Wiki pages and blog posts written through the services, as if `author` had written them."""

    def _write():
        alice = db.session.scalars(select(User).where(User.username == author)).one()
        wiki.save_page("Onboarding guide", author=alice, body=(
            "Your first week: collect your badge, meet your buddy, then read the procurement rules."))
        wiki.save_page("Procurement rules", author=alice, body=(
            "Every procurement over ten thousand dollars needs three written quotes."))
        wiki.save_page("Parking permits", author=alice, body="Ask the front desk for a parking permit.")
        wiki.save_page("Parental leave", author=alice, body="Tell your manager two months ahead.")
        blog.save_post(alice, title="Open data in procurement", body="Three ways open data makes procurement fairer.",
                       tags="data", publish=True)
        blog.save_post(alice, title=DRAFT_TITLE, body="A confidential reorganisation of the onboarding.",
                       tags="onboarding")  # a draft: only Alice may find it

    server.run(_write)


def search_box(page):
    return page.get_by_role("banner").get_by_role("combobox", name="Search")


def suggestions(page):
    return page.get_by_role("listbox", name="Suggestions")


def results(page):
    return page.get_by_role("region", name=re.compile(r"^\d+ results?$"))


def facets(page):
    return page.get_by_role("navigation", name="Narrow the results")


def test_reader_searches_narrows_pages_through_and_follows_did_you_mean(live_server, new_page, sign_in):
    live_server.create_user("alice.author")
    bob = live_server.create_user("bob.reader")
    write_content(live_server, "alice.author")
    page = sign_in(new_page(), bob)

    search_box(page).fill("procurement")
    search_box(page).press("Enter")
    expect(page).to_have_url(live_server("/search?q=procurement"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    form = page.get_by_role("search", name="Search the site")
    expect(form.get_by_label("Words to find")).to_have_value("procurement")
    expect(search_box(page)).to_have_value("procurement")
    expect(results(page).get_by_role("heading", level=2)).to_have_text("3 results")
    hits = results(page).locator("li.result")
    expect(hits).to_have_count(2)  # two a page
    marks = results(page).locator(".snippet mark")
    expect(marks.first).to_be_visible()
    assert {text.lower() for text in marks.all_inner_texts()} == {"procurement"}

    narrow = facets(page)
    expect(narrow.get_by_text(re.compile(r"^All types \(3\)$"))).to_have_attribute("aria-current", "true")
    expect(narrow.get_by_role("link", name="Wiki pages (2)")).to_be_visible()
    expect(narrow.get_by_role("link", name="Blog posts (1)")).to_be_visible()
    expect(narrow.get_by_role("link", name="English (3)")).to_be_visible()

    pages = results(page).get_by_role("navigation", name="Pages")
    expect(pages).to_contain_text("Page 1 of 2")
    pages.get_by_role("link", name="Next").click()
    expect(page).to_have_url(live_server("/search?q=procurement&page=2"))
    expect(hits).to_have_count(1)
    expect(hits.first).to_have_attribute("lang", "en")

    facets(page).get_by_role("link", name="Wiki pages (2)").click()
    expect(page).to_have_url(live_server("/search?q=procurement&type=page"))  # back to the first page
    expect(hits).to_have_count(2)
    expect(hits.locator(".meta")).to_have_text([re.compile(r"^\s*Wiki page\b")] * 2)
    expect(facets(page).get_by_text("Wiki pages (2)")).to_have_attribute("aria-current", "true")
    expect(results(page).get_by_role("navigation", name="Pages")).to_have_count(0)
    results(page).get_by_role("link", name="Procurement rules").click()
    expect(page).to_have_url(live_server("/wiki/Procurement_rules"))

    search_box(page).fill("procuremnt")
    search_box(page).press("Enter")
    expect(page).to_have_url(live_server("/search?q=procuremnt"))
    expect(page.get_by_role("main")).to_contain_text("Nothing matches.")
    correction = page.get_by_role("main").locator("p", has_text="Did you mean")
    expect(correction).to_have_text("Did you mean procurement?")
    correction.get_by_role("link", name="procurement").click()
    expect(page).to_have_url(live_server("/search?q=procurement"))
    expect(results(page).get_by_role("heading", level=2)).to_have_text("3 results")


def test_suggestions_open_with_the_keyboard_and_close_with_escape(live_server, new_page, sign_in):
    alice = live_server.create_user("alice.author")
    bob = live_server.create_user("bob.reader")
    write_content(live_server, alice.username)
    page = sign_in(new_page(), bob)

    box = search_box(page)
    box.press_sequentially("Onbo")
    listbox = suggestions(page)
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    options = listbox.get_by_role("option")
    expect(options).to_have_text(["Onboarding guide"])  # not Alice's draft, which begins the same way
    expect(page.get_by_role("banner").get_by_role("status")).to_have_text("1 suggestion")

    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", options.first.get_attribute("id"))
    box.press("Enter")
    expect(page).to_have_url(live_server("/wiki/Onboarding_guide"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Onboarding guide")

    box = search_box(page)
    box.press_sequentially("ali")
    expect(suggestions(page).get_by_role("option", name=alice.display_name)).to_be_visible()
    box.press("Escape")
    expect(suggestions(page)).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).to_be_focused()
    expect(box).to_have_value("ali")
    expect(page).to_have_url(live_server("/wiki/Onboarding_guide"))


def test_a_draft_is_found_by_its_author_only(live_server, new_page, sign_in):
    alice = live_server.create_user("alice.author")
    bob = live_server.create_user("bob.reader")
    write_content(live_server, alice.username)

    reader = sign_in(new_page(), bob)
    for words in ("onboarding", "reorganisation", "confidential onboarding"):
        reader.goto(live_server(f"/search?q={words}"))
        expect(reader.get_by_role("main")).not_to_contain_text(DRAFT_TITLE)
        expect(reader.get_by_role("main")).not_to_contain_text("Did you mean")
    expect(reader.get_by_role("main")).to_contain_text("Nothing matches.")
    search_box(reader).press_sequentially("Onboarding cha")
    expect(reader.get_by_role("banner").get_by_role("status")).to_have_text("No suggestions")
    expect(suggestions(reader)).to_be_hidden()

    author = sign_in(new_page(), alice)
    author.goto(live_server("/search?q=reorganisation"))
    found = results(author).locator("li.result")
    expect(found).to_have_count(1)
    expect(found.get_by_role("link", name=DRAFT_TITLE)).to_be_visible()
    expect(found.locator(".badge")).to_have_text("draft")


def test_typing_on_after_choosing_a_suggestion_starts_the_choice_afresh(live_server, page):
    """A suggestion chosen with the arrow keys no longer counts once the list changes under it: Enter must
    never open something the reader did not pick (or do nothing at all)."""
    live_server.create_user("alice.author")
    write_content(live_server, "alice.author")
    page.goto(live_server("/"))

    box = search_box(page)
    box.press_sequentially("pa")
    options = suggestions(page).get_by_role("option")
    expect(options).to_have_count(2)
    box.press("ArrowDown")
    box.press("ArrowDown")
    expect(options.nth(1)).to_have_attribute("aria-selected", "true")

    box.press_sequentially("rk")
    expect(options).to_have_text(["Parking permits"])
    expect(suggestions(page).locator("[aria-selected=true]")).to_have_count(0)
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    box.press("Enter")
    expect(page).to_have_url(live_server("/wiki/Parking_permits"))
