"""Derogatory-content flagging and the wellbeing path in real browsers.

An employee who calls a named colleague an idiot, in a comment or in a wiki edit, is warned before anything is
saved: the word is marked, the policy clause named, and the text typed is still in the box. A polite rewrite is
published at once; the insult saved anyway waits for review, seen by its author and by no other reader.

An employee who writes that they do not want to live any more sees, privately, who can help, and can hide that
message (not on a page answering a form, where leaving would lose what they typed); the wellbeing responder, in a
browser of their own, finds the alert and records what they did; a moderator is refused the wellbeing pages.

Then axe-core's WCAG 2.1 A/AA rules, in English and in French, on every flagging page in the states people see:
the policy terms (a text tried, a text and a term refused), one term (and a change refused), the wiki editor and
the comment page showing the hold warning, a page showing the support notice, the support page, the wellbeing
alerts, one alert (refused, and with a step recorded), and the support contacts (also refused)."""
import re
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import Comment, Revision, User
from opsspace.services import blog, wiki
from plugins.flagging.models import PolicyTerm, WellbeingAlert, WellbeingEvent

from .conftest import LiveServer
from .tour import AxeTour, PageStates

pytestmark = pytest.mark.browser

POST_TITLE = "Planning for the spring release"
INSULT = "Karen Smith is an idiot and everyone knows it."
POLITE = "Karen Smith and I see the schedule differently; let us talk it through on Monday."
HOLD_HEADING = "Before you save: a moderator would have to review this text"
CLAUSE_LINK = "Clause 1 of the acceptable-use policy"
HELD_COMMENT = "Your comment is waiting for a moderator's review before others can see it."

NOTES_PATH = "/wiki/Meeting_notes"
NOTES = "Notes of the planning team.\n\nThe next meeting is on Monday at ten."
NOTES_INSULT = NOTES + "\n\nKaren Smith is an idiot who never reads the agenda."
NOTES_POLITE = NOTES + "\n\nKaren Smith sends the agenda on Friday."
HELD_EDIT = ("Your edit was saved and is waiting for a moderator's review. Until then, readers see the previous "
             "version.")

SELF_HARM = "Honestly I don't want to live anymore. Everything feels pointless."
STATEMENT = "Honestly I don't want to live anymore."
ANGRY = "Paula Poster is an idiot for planning it this way."
NOTE = "Called Emma; she has booked a session with the assistance program."


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.moderation", "plugins.flagging"]}


# --- helpers ----------------------------------------------------------------------------------

def user_named(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def a_post(server: LiveServer, author: str) -> tuple[str, int]:
    """A published post by `author`, open for comments: its path and id."""

    def _write():
        post = blog.save_post(user_named(author), title=POST_TITLE, body="The release starts in March.",
                              publish=True).post
        return f"/blog/{author}/{post.slug}", post.id

    return server.run(_write)


def meeting_notes(server: LiveServer, author: str) -> None:
    server.run(lambda: wiki.save_page("Meeting notes", body=NOTES, author=user_named(author), title="Meeting notes",
                                      summary="First notes"))


def comments_on(server: LiveServer, post_id: int) -> list[tuple[str, str]]:
    """The comments stored on a post, as (status, body), oldest first."""
    return server.run(lambda: [(c.status, c.body) for c in db.session.scalars(
        select(Comment).where(Comment.target_type == "post", Comment.target_id == post_id).order_by(Comment.id))])


def revisions_of(server: LiveServer, path: str) -> list[tuple[str, str]]:
    """The revisions stored for a wiki page, as (status, body), oldest first."""

    def _read():
        page = wiki.find(path)[0]
        return [(r.status, r.body) for r in db.session.scalars(
            select(Revision).where(Revision.page_id == page.id).order_by(Revision.id))]

    return server.run(_read)


def flash(page):
    return page.get_by_role("main").locator(".flashes")


def comments_region(page):
    return page.get_by_role("region", name="Comments")


def send_comment(page, text: str) -> None:
    form = page.locator("form.comment-form")
    form.get_by_label("Add a comment").fill(text)
    form.get_by_role("button", name="Send the comment").click()


def submit(page, button, status: int):
    """Press a button that sends a form; check the answer's status (after any redirect)."""
    with page.expect_navigation() as navigation:
        button.click()
    assert navigation.value.status == status, f"the form answered {navigation.value.status}, not {status}"
    return navigation.value


def expect_hold_warning(page) -> None:
    """The warning before saving: the word marked, the clause named with a link to the policy."""
    warning = page.get_by_role("alert", name=HOLD_HEADING)
    expect(warning).to_contain_text("Nothing is saved yet.")
    expect(warning.locator("mark")).to_have_text(["idiot"])
    expect(warning.get_by_role("link", name=CLAUSE_LINK)).to_have_attribute("href", "/policy")
    expect(warning.get_by_role("button", name="Save anyway, for review")).to_be_visible()


def open_account_menu(page, person) -> None:
    page.get_by_role("banner").locator("summary", has_text=person.display_name).click()


# --- the author warned before saving ------------------------------------------------------------

def test_a_comment_insulting_a_colleague_is_caught_before_saving_rewritten_and_later_held(live_server, new_page,
                                                                                          sign_in):
    live_server.create_user("paula.poster", display_name="Paula Poster")
    emma = live_server.create_user("emma.employee", display_name="Emma Employee")
    karen = live_server.create_user("karen.smith", display_name="Karen Smith")
    post_path, post_id = a_post(live_server, "paula.poster")

    # The insult: warned, the text kept, nothing saved.
    page = sign_in(new_page(), emma, next_path=post_path)
    send_comment(page, INSULT)
    expect(page).to_have_url(live_server("/comments/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your comment before sending it")
    expect_hold_warning(page)
    box = page.get_by_label("Your comment")
    expect(box).to_have_value(INSULT)
    assert comments_on(live_server, post_id) == []

    # Rewritten politely and sent: published at once.
    box.fill(POLITE)
    page.get_by_role("button", name="Send the comment").click()
    expect(flash(page)).to_contain_text("Your comment is published.")
    expect(page).to_have_url(re.compile(re.escape(live_server(post_path)) + r"#comment-\d+$"))
    expect(comments_region(page).locator("article.comment")).to_have_count(1)
    expect(comments_region(page)).to_contain_text(POLITE)
    assert comments_on(live_server, post_id) == [("published", POLITE)]

    # The insult again, saved anyway: it waits for review; its author sees it so marked.
    send_comment(page, INSULT)
    expect_hold_warning(page)
    expect(page.get_by_label("Your comment")).to_have_value(INSULT)
    page.get_by_role("button", name="Save anyway, for review").click()
    expect(flash(page)).to_contain_text(HELD_COMMENT)
    held = comments_region(page).locator("article.comment", has_text=INSULT)
    expect(held).to_have_count(1)
    expect(held.locator(".badge")).to_have_text("awaiting review")
    assert comments_on(live_server, post_id) == [("published", POLITE), ("held", INSULT)]

    # Karen, reading the post in a browser of her own, sees the polite comment only.
    reader = sign_in(new_page(), karen, next_path=post_path)
    expect(comments_region(reader).locator("article.comment")).to_have_count(1)
    expect(comments_region(reader)).to_contain_text(POLITE)
    expect(comments_region(reader)).not_to_contain_text("idiot")


def test_a_wiki_edit_insulting_a_colleague_is_caught_before_saving_rewritten_and_later_held(live_server, new_page,
                                                                                            sign_in):
    live_server.create_user("olga.author", display_name="Olga Author")
    emma = live_server.create_user("emma.employee", display_name="Emma Employee")
    karen = live_server.create_user("karen.smith", display_name="Karen Smith")
    meeting_notes(live_server, "olga.author")

    # The insult: warned, everything typed kept, nothing saved.
    page = sign_in(new_page(), emma, next_path=f"{NOTES_PATH}/edit")
    text = page.get_by_label("Text", exact=True)
    summary = page.get_by_label("Summary of your changes")
    text.fill(NOTES_INSULT)
    summary.fill("Who sends the agenda")
    submit(page, page.get_by_role("button", name="Save", exact=True), 200)
    expect(page).to_have_url(live_server(f"{NOTES_PATH}/edit"))
    expect_hold_warning(page)
    expect(text).to_have_value(NOTES_INSULT)
    expect(summary).to_have_value("Who sends the agenda")
    expect(page.get_by_label("Title")).to_have_value("Meeting notes")
    assert revisions_of(live_server, "Meeting_notes") == [("published", NOTES)]

    # Rewritten politely: saved and shown at once.
    text.fill(NOTES_POLITE)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(flash(page)).to_contain_text("Your changes are saved.")
    expect(page).to_have_url(live_server(NOTES_PATH))
    expect(page.locator("article.wiki-page")).to_contain_text("Karen Smith sends the agenda on Friday.")

    # The insult again, saved anyway: its author sees the edit waiting for review.
    page.goto(live_server(f"{NOTES_PATH}/edit"))
    text.fill(NOTES_INSULT)
    submit(page, page.get_by_role("button", name="Save", exact=True), 200)
    expect_hold_warning(page)
    expect(text).to_have_value(NOTES_INSULT)
    page.get_by_role("button", name="Save anyway, for review").click()
    expect(flash(page)).to_contain_text(HELD_EDIT)
    expect(page).to_have_url(live_server(NOTES_PATH))
    article = page.locator("article.wiki-page")
    expect(article.locator(".notice--warning")).to_contain_text("You are seeing your edit, which is waiting for a "
                                                               "moderator's review.")
    expect(article).to_contain_text("Karen Smith is an idiot who never reads the agenda.")
    assert revisions_of(live_server, "Meeting_notes") == [("published", NOTES), ("published", NOTES_POLITE),
                                                          ("held", NOTES_INSULT)]

    # Karen reads the page as it was before: the polite version.
    reader = sign_in(new_page(), karen, next_path=NOTES_PATH)
    expect(reader.locator("article.wiki-page")).to_contain_text("Karen Smith sends the agenda on Friday.")
    expect(reader.locator("article.wiki-page")).not_to_contain_text("idiot")
    expect(reader.locator("article.wiki-page .notice--warning")).to_have_count(0)


# --- the wellbeing path -----------------------------------------------------------------------

def test_a_self_harm_statement_shows_its_author_support_and_reaches_the_responder_only(live_server, new_page,
                                                                                       sign_in):
    live_server.create_user("paula.poster", display_name="Paula Poster")
    emma = live_server.create_user("emma.employee", display_name="Emma Employee")
    rae = live_server.create_user("rae.responder", display_name="Rae Responder", responder=True)
    mo = live_server.create_user("mo.moderator", display_name="Mo Moderator", role="moderator")
    post_path, post_id = a_post(live_server, "paula.poster")

    # The author: the comment is published, and a private message says who can help.
    author = sign_in(new_page(), emma, next_path=post_path)
    send_comment(author, SELF_HARM)
    expect(flash(author)).to_contain_text("Your comment is published.")
    expect(comments_region(author)).to_contain_text(SELF_HARM)
    notice = author.get_by_role("region", name="You are not alone")
    expect(notice).to_contain_text("Employee and Family Assistance Program")
    expect(notice).to_contain_text("call or text 9-8-8")
    expect(notice).to_contain_text("Only you see this message.")
    assert comments_on(live_server, post_id) == [("published", SELF_HARM)]

    reader = new_page()
    reader.goto(live_server(post_path))
    expect(comments_region(reader)).to_contain_text(SELF_HARM)
    expect(reader.get_by_text("You are not alone")).to_have_count(0)

    # On a page answering a form the message stays, but offers no way to hide it that would lose what was typed.
    send_comment(author, ANGRY)
    expect_hold_warning(author)
    expect(notice).to_contain_text("call or text 9-8-8")
    expect(notice.get_by_role("button", name="Hide this message")).to_have_count(0)
    expect(author.get_by_label("Your comment")).to_have_value(ANGRY)
    author.get_by_role("main").get_by_role("link", name="Cancel").click()
    expect(author).to_have_url(live_server(post_path))

    notice.get_by_role("button", name="Hide this message").click()
    expect(author).to_have_url(live_server(post_path))
    expect(author.get_by_role("region", name="You are not alone")).to_have_count(0)
    author.reload()
    expect(author.get_by_role("heading", name="Comments")).to_be_visible()
    expect(author.get_by_text("You are not alone")).to_have_count(0)
    author.goto(live_server("/wellbeing/support"))
    expect(author.get_by_role("main")).to_contain_text("call or text 9-8-8")

    # The responder, in a browser of their own, finds the alert and records what they did.
    alert_id = live_server.run(lambda: db.session.scalars(select(WellbeingAlert.id)).one())
    responder = sign_in(new_page(), rae)
    open_account_menu(responder, rae)
    responder.get_by_role("banner").get_by_role("link", name="Wellbeing alerts").click()
    expect(responder).to_have_url(live_server("/wellbeing/"))
    filters = responder.get_by_role("navigation", name="Filter alerts")
    expect(filters.get_by_role("link", name="Not closed")).to_have_attribute("aria-current", "page")
    row = responder.get_by_role("region", name="Wellbeing alerts").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text(emma.display_name)
    expect(row.locator("td").nth(2)).to_have_text("Awaiting a responder")
    row.get_by_role("link", name=f"Open alert {alert_id}").click()
    expect(responder).to_have_url(live_server(f"/wellbeing/alerts/{alert_id}"))
    expect(responder.get_by_role("heading", level=1)).to_have_text(f"Wellbeing alert {alert_id}")
    expect(responder.locator("ul.statements blockquote")).to_have_text([STATEMENT])
    expect(responder.locator("main dl")).to_contain_text(emma.display_name)

    responder.get_by_role("radio", name="I contacted the person").check()
    submit(responder, responder.get_by_role("button", name="Record"), 400)
    needed = "Add a short note: the next responder relies on it."
    expect(responder.locator(".error-summary").get_by_role("link", name=needed)).to_have_attribute("href", "#f-note")
    note = responder.get_by_label("Note", exact=True)
    expect(note).to_have_attribute("aria-invalid", "true")
    expect(responder.get_by_role("radio", name="I contacted the person")).to_be_checked()
    note.fill(NOTE)
    responder.get_by_role("button", name="Record").click()
    expect(flash(responder)).to_contain_text("Recorded. Thank you for looking after a colleague.")
    expect(responder.locator("ol.events li").last).to_contain_text(
        f"{rae.display_name}: I contacted the person — {NOTE}")
    expect(responder.locator("main dl")).to_contain_text("In progress")
    steps = live_server.run(lambda: db.session.scalars(
        select(WellbeingEvent.action).where(WellbeingEvent.alert_id == alert_id).order_by(WellbeingEvent.id)).all())
    assert steps == ["raised", "contacted"]

    # A moderator is refused the wellbeing pages, and is not offered them.
    moderator = sign_in(new_page(), mo)
    open_account_menu(moderator, mo)
    expect(moderator.get_by_role("banner").get_by_role("link", name="Policy terms")).to_be_visible()
    expect(moderator.get_by_role("banner").get_by_role("link", name="Wellbeing alerts")).to_have_count(0)
    for path in ("/wellbeing/", f"/wellbeing/alerts/{alert_id}"):
        response = moderator.goto(live_server(path))
        assert response.status == 403, f"a moderator got {response.status} at {path}"
        expect(moderator.get_by_role("main")).not_to_contain_text(STATEMENT)


# --- accessibility ----------------------------------------------------------------------------

LANGUAGES = ["en", "fr"]
PEOPLE = {
    "mo.moderator": {"display_name": "Mo Moderator", "role": "moderator"},
    "emma.employee": {"display_name": "Emma Employee"},
    "rae.responder": {"display_name": "Rae Responder", "responder": True},
    "ada.admin": {"display_name": "Ada Admin", "role": "admin"},
}


@dataclass
class FlaggingTour(AxeTour):
    """Someone going through the flagging pages in one language; signs in as each person when first needed."""

    people: dict = field(default_factory=dict)
    current: str = ""
    post_path: str = ""

    def as_person(self, username: str):
        if self.current != username:
            self.sign_in(self.people[username])
            self.current = username
        return self.page

    def press(self, selector: str, status: int):
        self.submit(self.page.locator(selector), status)

    def term_id(self, text: str, language: str = "en") -> int:
        return self.server.run(lambda: db.session.scalars(select(PolicyTerm.id).where(
            PolicyTerm.term == text, PolicyTerm.language == language)).one())

    def alert_id(self) -> int:
        return self.server.run(lambda: db.session.scalars(select(WellbeingAlert.id)).one())


#: The states, walked in this order: each starts where the one before it left the browser.
STATES = PageStates()
page_state = STATES


@page_state("policy terms, a text tried")
def _(tour: FlaggingTour):
    tour.as_person("mo.moderator")
    tour.go("/moderation/terms")
    tour.page.locator("#f-text").fill("@karen.smith is an idiot")
    tour.press("form[action$='/moderation/terms/try'] button[type=submit]", 200)
    expect(tour.page.locator("section.tried mark")).to_have_text(["idiot"])


@page_state("policy terms, an empty text refused")
def _(tour: FlaggingTour):
    tour.go("/moderation/terms")
    tour.press("form[action$='/moderation/terms/try'] button[type=submit]", 400)
    expect(tour.page.locator("#f-text")).to_have_attribute("aria-invalid", "true")
    expect(tour.page.locator("#f-text-error")).to_be_visible()
    expect(tour.page.locator(".error-summary a[href='#f-text']")).to_be_visible()


@page_state("policy terms, a term refused")
def _(tour: FlaggingTour):
    tour.go("/moderation/terms")
    tour.page.locator("#f-term").fill("idiot")  # already on the list
    tour.press("form[method=post][action$='/moderation/terms'] button[type=submit]", 400)
    expect(tour.page.locator(".error-summary a[href='#f-term']")).to_be_visible()
    expect(tour.page.locator("#f-term")).to_have_attribute("aria-invalid", "true")


@page_state("a policy term")
def _(tour: FlaggingTour):
    tour.go(f"/moderation/terms/{tour.term_id('idiot')}")
    expect(tour.page.locator("#f-term")).to_have_value("idiot")


@page_state("a policy term, turning it off refused")
def _(tour: FlaggingTour):
    tour.press("form:has(input[name=state]) button[type=submit]", 400)
    expect(tour.page.locator(".error-summary a[href='#f-reason']")).to_be_visible()
    expect(tour.page.locator("#f-reason")).to_have_attribute("aria-invalid", "true")
    expect(tour.page.locator("#f-term")).to_have_value("idiot")  # the form above keeps the term
    expect(tour.page.locator("#f-language")).to_have_value("en")


@page_state("the wiki editor with the hold warning")
def _(tour: FlaggingTour):
    tour.as_person("emma.employee")
    tour.go(f"{NOTES_PATH}/edit")
    tour.page.locator("#f-body").fill(NOTES_INSULT)
    tour.press("button[name=action][value=save]", 200)
    expect(tour.page.locator("section.hold-warning mark")).to_have_text(["idiot"])
    expect(tour.page.locator("#f-body")).to_have_value(NOTES_INSULT)


@page_state("the comment page with the hold warning")
def _(tour: FlaggingTour):
    tour.go(tour.post_path)
    tour.page.locator("#f-comment").fill(INSULT)
    tour.press("form.comment-form button[type=submit]", 200)
    expect(tour.page.locator("section.hold-warning mark")).to_have_text(["idiot"])
    expect(tour.page.locator("#f-body")).to_have_value(INSULT)


@page_state("a page with the support notice")
def _(tour: FlaggingTour):
    tour.go(tour.post_path)
    tour.page.locator("#f-comment").fill(SELF_HARM)
    tour.press("form.comment-form button[type=submit]", 200)
    expect(tour.page.locator("section.support-notice")).to_contain_text("9-8-8")


@page_state("the support page")
def _(tour: FlaggingTour):
    tour.go("/wellbeing/support")
    expect(tour.page.locator("main .prose").last).to_contain_text("9-8-8")


@page_state("wellbeing alerts")
def _(tour: FlaggingTour):
    tour.as_person("rae.responder")
    tour.go("/wellbeing/")
    expect(tour.page.locator("main tbody tr")).to_have_count(1)


@page_state("a wellbeing alert")
def _(tour: FlaggingTour):
    tour.go(f"/wellbeing/alerts/{tour.alert_id()}")
    expect(tour.page.locator("ul.statements blockquote")).to_have_text([STATEMENT])


@page_state("a wellbeing alert, refused")
def _(tour: FlaggingTour):
    tour.press("main form.form button[type=submit]", 400)
    choices = tour.page.locator("fieldset:has(input[name=action])")
    message = tour.page.locator("#f-action-error").inner_text()
    expect(choices).to_have_accessible_description(message)
    tour.page.locator(".error-summary").get_by_role("link", name=message).click()
    expect(tour.page.locator("input[name=action][value=seen]")).to_be_focused()  # the link leads to the choices


@page_state("a wellbeing alert with a step recorded")
def _(tour: FlaggingTour):
    tour.page.locator("input[name=action][value=seen]").check()
    tour.press("main form.form button[type=submit]", 200)
    expect(tour.page.locator("ol.events li")).to_have_count(2)


@page_state("the support contacts")
def _(tour: FlaggingTour):
    tour.as_person("ada.admin")
    tour.go("/wellbeing/contacts")
    expect(tour.page.locator("#f-body_en")).not_to_have_value("")


@page_state("the support contacts, refused")
def _(tour: FlaggingTour):
    tour.page.locator("#f-body_fr").fill("")
    tour.press("main form.form button[type=submit]", 400)
    expect(tour.page.locator(".error-summary a[href='#f-body_fr']")).to_be_visible()
    expect(tour.page.locator("#f-body_en")).not_to_have_value("")  # the other language is kept


@pytest.mark.parametrize("lang", LANGUAGES)
def test_flagging_pages_pass_axe(live_server, axe_source, new_page, lang):
    tour = FlaggingTour(live_server, axe_source, lang, new_page)
    tour.people = {name: live_server.create_user(name, preferred_language=lang, **fields)
                   for name, fields in PEOPLE.items()}
    live_server.create_user("karen.smith", display_name="Karen Smith")
    live_server.create_user("paula.poster", display_name="Paula Poster")
    tour.post_path, _post_id = a_post(live_server, "paula.poster")
    meeting_notes(live_server, "paula.poster")
    for state, bring in STATES.items():
        bring(tour)
        tour.check(state)
    tour.assert_clean()
