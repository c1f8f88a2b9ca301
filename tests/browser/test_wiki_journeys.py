"""The wiki's main journeys, as employees go through them in a real browser: writing a page (with a preview
first), improving it, reading its history, comparing and restoring revisions, following a red link to create
a missing page, renaming a page without breaking links to it, pairing an English page with its French
version, and two colleagues editing the same page at the same time without losing a word."""
import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User
from opsspace.services import wiki

pytestmark = pytest.mark.browser


def saved_by(server, username: str, path: str, body: str, **fields) -> str:
    """Set up a page as if `username` had written it (through the wiki service); returns the outcome."""

    def _save():
        author = db.session.scalars(select(User).where(User.username == username)).one()
        return wiki.save_page(path, body=body, author=author, **fields).outcome

    return server.run(_save)


def message(page):
    """The messages the site shows after an action (at the top of the main content)."""
    return page.get_by_role("main").get_by_role("status")


def tools(page):
    return page.get_by_role("navigation", name="Page tools")


def article(page):
    return page.get_by_role("article")


def text_box(page):
    return page.get_by_label("Text", exact=True)


def history_rows(page):
    return page.get_by_role("table").locator("tbody tr")


def test_employee_writes_previews_saves_improves_compares_and_restores_a_page(live_server, new_page, sign_in):
    emma = live_server.create_user("emma.employee")
    page = sign_in(new_page(), emma, next_path="/wiki/")

    page.get_by_label("Name of a new page").fill("Onboarding guide")
    page.get_by_role("button", name="Create", exact=True).click()
    expect(page).to_have_url(live_server("/wiki/Onboarding_guide/edit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Creating Onboarding guide")
    expect(page.get_by_label("Title")).to_have_value("Onboarding guide")

    first_text = ("## First day\n\nCollect your **badge** at the front desk.\n\n"
                  "- Meet your *buddy*\n- Read the [[Code of conduct]]")
    text_box(page).fill(first_text)
    page.get_by_role("button", name="Preview", exact=True).click()

    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_contain_text("This is only a preview: your changes are not saved yet.")
    expect(preview.get_by_role("heading", name="First day")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("badge")
    expect(preview.locator("em")).to_have_text("buddy")
    expect(text_box(page)).to_have_value(first_text)  # the editor still holds what was typed
    colleague = new_page()
    response = colleague.goto(live_server("/wiki/Onboarding_guide"))
    assert response.status == 404, "a preview must not save the page"
    expect(colleague.get_by_role("main")).to_contain_text("There is no page with this name yet.")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(live_server("/wiki/Onboarding_guide"))
    expect(message(page)).to_contain_text("Your changes are saved.")
    expect(article(page).get_by_role("heading", level=1)).to_have_text("Onboarding guide")
    expect(article(page).locator("strong")).to_have_text("badge")
    expect(article(page).get_by_role("link", name="Code of conduct")).to_have_class(re.compile(r"\bnew\b"))

    tools(page).get_by_role("link", name="Edit", exact=True).click()
    expect(page).to_have_url(live_server("/wiki/Onboarding_guide/edit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Editing Onboarding guide")
    expect(text_box(page)).to_have_value(first_text)
    text_box(page).fill(first_text.replace("front desk", "security office"))
    page.get_by_label("Summary of your changes").fill("Badges are now at the security office")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(message(page)).to_contain_text("Your changes are saved.")
    expect(article(page)).to_contain_text("Collect your badge at the security office.")

    tools(page).get_by_role("link", name="History", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("History of Onboarding guide")
    expect(history_rows(page)).to_have_count(2)
    expect(history_rows(page).first).to_contain_text("Badges are now at the security office")
    expect(history_rows(page).first).to_contain_text(emma.display_name)
    page.get_by_label("Compare from revision 1").check()
    page.get_by_label("Compare to revision 2").check()
    page.get_by_role("button", name="Compare the chosen revisions").click()

    expect(page).to_have_url(re.compile(r"/wiki/Onboarding_guide/diff\?(from=1&to=2|to=2&from=1)$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes to Onboarding guide")
    changes = page.locator("table.diff")
    expect(changes.locator("del")).to_have_text(["front", "desk"])
    expect(changes.locator("ins")).to_have_text(["security", "office"])

    tools(page).get_by_role("link", name="History", exact=True).click()
    page.get_by_role("table").get_by_role("link", name="1", exact=True).click()
    expect(page).to_have_url(live_server("/wiki/Onboarding_guide/revisions/1"))
    expect(page.get_by_role("main")).to_contain_text("This is an old revision of the page.")
    expect(page.get_by_role("main").locator(".prose")).to_contain_text("at the front desk")
    page.get_by_label("Why (added to the summary)").fill("The security office is closed in summer")
    page.get_by_role("button", name="Restore revision 1").click()

    expect(page).to_have_url(live_server("/wiki/Onboarding_guide"))
    expect(message(page)).to_contain_text("Revision 1 is restored as a new revision.")
    expect(article(page)).to_contain_text("Collect your badge at the front desk.")
    tools(page).get_by_role("link", name="History", exact=True).click()
    expect(history_rows(page)).to_have_count(3)
    expect(history_rows(page).first).to_contain_text("Restored revision 1: The security office is closed in summer")
    expect(history_rows(page).first).to_contain_text("current")


def test_employee_follows_a_red_link_creates_the_page_then_renames_it_and_links_still_arrive(
        live_server, page, sign_in):
    emma = live_server.create_user("emma.employee")
    saved_by(live_server, emma.username, "Welcome", "Start here. Then ask for [[Parking permits]].", title="Welcome")
    sign_in(page, emma, next_path="/wiki/Welcome")

    red_link = article(page).get_by_role("link", name="Parking permits")
    expect(red_link).to_have_class(re.compile(r"\bnew\b"))
    red_link.click()
    expect(page).to_have_url(live_server("/wiki/Parking_permits/edit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Creating Parking permits")
    text_box(page).fill("Ask **Facilities** for a permit. It is valid for one year.")
    page.get_by_label("Summary of your changes").fill("How to get a permit")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page).to_have_url(live_server("/wiki/Parking_permits"))
    expect(article(page)).to_contain_text("Ask Facilities for a permit.")

    page.goto(live_server("/wiki/Welcome"))
    link = article(page).get_by_role("link", name="Parking permits")
    expect(link).not_to_have_class(re.compile(r"\bnew\b"))
    expect(link).to_have_attribute("href", "/wiki/Parking_permits")

    link.click()
    tools(page).get_by_role("link", name="Move", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Move Parking permits")
    page.get_by_label("New name").fill("Facilities/Parking permits")
    page.get_by_label("Reason").fill("All facilities pages together")
    page.get_by_role("button", name="Move the page").click()

    expect(page).to_have_url(live_server("/wiki/Facilities/Parking_permits"))
    expect(message(page)).to_contain_text("The page moved from Parking permits; the old name leads here.")
    expect(article(page)).to_contain_text("Ask Facilities for a permit.")

    page.goto(live_server("/wiki/Parking_permits"))  # a bookmark of the old address
    expect(page).to_have_url(live_server("/wiki/Facilities/Parking_permits"))
    expect(message(page)).to_contain_text("(Redirected from Parking permits)")

    page.goto(live_server("/wiki/Welcome"))
    article(page).get_by_role("link", name="Parking permits").click()
    expect(page).to_have_url(live_server("/wiki/Facilities/Parking_permits"))
    expect(article(page).get_by_role("heading", level=1)).to_have_text("Parking permits")

    tools(page).get_by_role("link", name="What links here").click()
    expect(page.get_by_role("main").get_by_role("link", name="Welcome", exact=True)).to_be_visible()


def test_employee_pairs_an_english_page_with_its_french_version_and_the_toggle_goes_between_them(
        live_server, page, sign_in):
    emma = live_server.create_user("emma.employee")
    saved_by(live_server, emma.username, "Leave policy", "You have **25 days** of leave a year.",
             title="Leave policy", language="en")
    sign_in(page, emma, next_path="/wiki/")

    page.get_by_label("Name of a new page").fill("Politique de congés")
    page.get_by_role("button", name="Create", exact=True).click()
    page.get_by_label("Language of the page").select_option("fr")
    text_box(page).fill("Vous avez **25 jours** de congé par année.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(article(page)).to_have_attribute("lang", "fr")
    expect(article(page)).to_contain_text("Vous avez 25 jours de congé par année.")

    page.goto(live_server("/wiki/Leave_policy"))
    tools(page).get_by_role("link", name="Translation", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Translation of Leave policy")
    page.get_by_label("Name of the page in the other language").fill("Politique de congés")
    page.get_by_role("button", name="Link as translations").click()

    expect(page).to_have_url(live_server("/wiki/Leave_policy"))
    expect(message(page)).to_contain_text(
        "Leave policy and Politique de congés are now linked as translations of each other.")
    expect(page.get_by_role("link", name="Read this page in French")).to_be_visible()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "en")
    expect(article(page)).to_have_attribute("lang", "en")

    page.get_by_role("banner").get_by_role("button", name="Français").click()

    expect(html).to_have_attribute("lang", "fr")
    assert unquote(live_server.path(page.url)) == "/wiki/Politique_de_congés", page.url
    expect(article(page)).to_have_attribute("lang", "fr")
    expect(article(page).get_by_role("heading", level=1)).to_have_text("Politique de congés")
    expect(article(page)).to_contain_text("Vous avez 25 jours de congé par année.")

    page.get_by_role("banner").get_by_role("button", name="English").click()
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server("/wiki/Leave_policy"))
    expect(article(page)).to_contain_text("You have 25 days of leave a year.")


CHARTER = [
    "Our team meets every Monday at nine.",
    "Minutes are posted on this page the same day.",
    "Decisions need the agreement of two members.",
    "Anyone may propose an agenda item.",
    "The charter is reviewed every spring.",
]


def charter(*changes: tuple[int, str]) -> str:
    paragraphs = list(CHARTER)
    for index, text in changes:
        paragraphs[index] = text
    return "\n\n".join(paragraphs)


def save_edit(page, text: str, summary: str, button: str = "Save"):
    """Type the whole text and a summary into the open editor and press the save button; returns the response."""
    text_box(page).fill(text)
    page.get_by_label("Summary of your changes").fill(summary)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name=button, exact=True).click()
    return navigation.value


def test_two_colleagues_edit_the_same_page_at_once_and_nothing_typed_is_lost(live_server, new_page, sign_in):
    amira = live_server.create_user("amira.editor")
    bruno = live_server.create_user("bruno.editor")
    saved_by(live_server, amira.username, "Team charter", charter(), title="Team charter", summary="First version")
    a = sign_in(new_page(), amira, next_path="/wiki/Team_charter/edit")
    b = sign_in(new_page(), bruno, next_path="/wiki/Team_charter/edit")

    # Both have the editor open. Amira changes the first paragraph, Bruno the last: Bruno's save is merged.
    response = save_edit(a, charter((0, "Our team meets every Tuesday at ten.")), "Meetings move to Tuesday")
    assert response.status == 200
    expect(message(a)).to_contain_text("Your changes are saved.")
    response = save_edit(b, charter((4, "The charter is reviewed every autumn.")), "Review in autumn")
    assert response.status == 200
    expect(b).to_have_url(live_server("/wiki/Team_charter"))
    expect(message(b)).to_contain_text(
        "Someone else saved this page while you were editing. Your changes and theirs did not overlap, "
        "so both were kept.")
    expect(article(b)).to_contain_text("Our team meets every Tuesday at ten.")
    expect(article(b)).to_contain_text("The charter is reviewed every autumn.")

    # Both open the editor again and change the same sentence: Bruno gets the conflict screen.
    merged = charter((0, "Our team meets every Tuesday at ten."), (4, "The charter is reviewed every autumn."))
    for person in (a, b):
        tools(person).get_by_role("link", name="Edit", exact=True).click()
        expect(text_box(person)).to_have_value(merged)
    amira_text = merged.replace("two members", "three members")
    bruno_text = merged.replace("two members", "the whole team")
    response = save_edit(a, amira_text, "Three members decide")
    assert response.status == 200
    response = save_edit(b, bruno_text, "The whole team decides")

    assert response.status == 409
    expect(b.get_by_role("heading", level=1)).to_have_text("Edit conflict: Team charter")
    expect(b.get_by_role("alert")).to_contain_text(f"{amira.display_name} saved this page while you were editing it")
    expect(text_box(b)).to_have_value(bruno_text)  # Bruno's text is still in the editor...
    expect(b.get_by_label("Summary of your changes")).to_have_value("The whole team decides")  # ...and his summary
    expect(b.get_by_label("The saved version (read only)")).to_have_value(amira_text)  # Amira's version, to compare
    differences = b.get_by_role("region", name="Differences between the saved version and yours")
    expect(differences.locator("del")).to_have_text(["three", "members"])  # word by word: "three members."
    expect(differences.locator("ins")).to_have_text(["the", "whole team"])  # became "the whole team."
    colleague = new_page()
    colleague.goto(live_server("/wiki/Team_charter"))
    expect(article(colleague)).to_contain_text("Decisions need the agreement of three members.")  # nothing overwritten

    resolution = merged.replace("two members", "three members, or of the whole team for the budget")
    text_box(b).fill(resolution)
    with b.expect_navigation() as navigation:
        b.get_by_role("button", name="Save my version").click()
    assert navigation.value.status == 200
    expect(b).to_have_url(live_server("/wiki/Team_charter"))
    expect(message(b)).to_contain_text("Your changes are saved.")
    for sentence in ("Our team meets every Tuesday at ten.",
                     "Decisions need the agreement of three members, or of the whole team for the budget.",
                     "The charter is reviewed every autumn."):
        expect(article(b)).to_contain_text(sentence)

    tools(b).get_by_role("link", name="History", exact=True).click()
    rows = history_rows(b)
    expect(rows).to_have_count(5)
    expected = [  # newest first: revision, author, summary
        ("5", bruno, "The whole team decides"),
        ("4", amira, "Three members decide"),
        ("3", bruno, "Review in autumn"),
        ("2", amira, "Meetings move to Tuesday"),
        ("1", amira, "First version"),
    ]
    for row, (number, author, summary) in zip(range(5), expected):
        cells = rows.nth(row).locator("td")
        expect(cells.nth(2)).to_contain_text(number)
        expect(cells.nth(4)).to_have_text(author.display_name)
        expect(cells.nth(5)).to_have_text(summary)


def test_employee_saving_while_a_colleague_renames_the_page_keeps_what_they_typed(live_server, page, sign_in):
    emma = live_server.create_user("emma.employee")
    olga = live_server.create_user("olga.organizer")
    saved_by(live_server, olga.username, "Parking permits", "Ask Facilities for a permit.", title="Parking permits")
    sign_in(page, emma, next_path="/wiki/Parking_permits/edit")

    def rename():
        mover = db.session.scalars(select(User).where(User.username == olga.username)).one()
        wiki.move(wiki.find("Parking_permits")[0], "Facilities/Parking permits", mover)

    live_server.run(rename)  # while Emma types
    typed = "Ask Facilities for a permit. Bring your badge and your licence plate number."
    save_edit(page, typed, "What to bring")

    # Saved under the new name, or at least still in front of her to save again: never silently dropped.
    on_screen = page.get_by_role("main").evaluate(
        "main => main.innerText + [...main.querySelectorAll('textarea')].map(t => t.value).join(' ')")
    assert "Bring your badge and your licence plate number." in on_screen, (
        f"Emma's text is gone: the save ended on {live_server.path(page.url)}")
