"""Blogs, comments, people, notifications and search pass axe-core's WCAG 2.1 A/AA rules with no violation, in
English and in French, in the states people see them: lists with tags and pages, a person's blog (its
author's, with drafts, and a colleague's, with the follow button), a post with comments and replies (and a
reply form open), the editor empty, with a preview and with an error, earlier versions, profiles with and
without a picture, the profile settings (also refusing an upload), the directory, the notifications, search
results (facets, highlights, pages, "Did you mean") and the search box with its suggestions open.

Each test walks through the pages of one area for one language and runs axe on every state; it reports the
violations of all the states at once, so one problem does not hide the next."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User
from opsspace.services import blog, comments, people, users, wiki

from .conftest import LiveServer
from .tour import AxeTour

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "fr"]
#: An anonymous reader's browser asks for the language (Accept-Language).
BROWSER_LOCALE = {"en": "en-CA", "fr": "fr-CA"}


class Tour(AxeTour):
    """Someone going through the pages of one area in one language, with axe run on each state."""

    def person(self, username: str, **fields):
        return self.server.create_user(username, preferred_language=self.lang, **fields)

    def anonymous(self):
        self.page = self.new_page(locale=BROWSER_LOCALE[self.lang])
        return self.page


@pytest.fixture(params=LANGUAGES)
def tour(request, live_server, axe_source, new_page):
    return Tour(live_server, axe_source, request.param, new_page)


def user_named(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def picture_bytes() -> bytes:
    import io

    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (90, 60), (180, 60, 40)).save(output, format="PNG")
    return output.getvalue()


POST_BODY = """Open data makes tendering fairer in **three** ways.

## Fewer surprises

Suppliers see the rules, the [[Procurement rules]] page, and the scores.

- Publish the criteria
- Publish the results
"""


def write_blogs(server: LiveServer) -> str:
    """Alice's posts (one edited since, one in French, one draft), with comments and replies; returns the
    edited post's path."""

    def _write():
        alice, bob, carol = user_named("alice.author"), user_named("bob.reader"), user_named("carol.colleague")
        people.set_avatar(bob, people.prepare_avatar(picture_bytes()))
        post = blog.save_post(alice, title="Open data in procurement", body=POST_BODY, tags="data, procurement",
                              publish=True).post
        blog.save_post(alice, title=post.title, body=POST_BODY + "\nAnd a fourth, added later.",
                       tags="data, procurement", post=post, publish=True)
        blog.save_post(alice, title="Les données ouvertes", body="Pourquoi publier nos *données*.", tags="data",
                       language="fr", publish=True)
        blog.save_post(alice, title="Ideas for next year", body="Not ready yet.")
        first = comments.add("post", post.id, bob, "Very useful, @alice.author: could you share the checklist?")
        comments.add("post", post.id, carol, "The supplier registry has most of it.", parent_id=first.id)
        comments.add("post", post.id, alice, "Thanks! I will post it next week.")
        return f"/blog/{alice.username}/{post.slug}"

    return server.run(_write)


def test_blog_pages_have_no_wcag_violations(tour):
    alice = tour.person("alice.author", personal_disclaimer="I write as a member of the union executive.")
    bob = tour.person("bob.reader")
    tour.person("carol.colleague")
    post_path = write_blogs(tour.server)

    page = tour.sign_in(alice)
    tour.go("/blog/")
    expect(page.locator("nav.tag-cloud")).to_be_visible()
    tour.check("blog index")
    tour.go("/blog/?tag=data&lang=fr")
    tour.check("blog index, filtered")
    tour.go(f"/blog/{alice.username}/")
    expect(page.locator("#own-heading")).to_be_visible()
    expect(page.locator(".panel li a")).to_have_attribute("lang", "en")  # a draft's title, in its language
    tour.check("a person's blog, seen by its author (with a draft)")

    tour.go(post_path)
    expect(page.locator(".replies .comment")).to_have_count(1)
    tour.check("a post with comments and replies, seen by its author")
    page.locator("details.reply summary").first.click()
    expect(page.locator("details.reply textarea").first).to_be_visible()
    tour.check("a post with a reply form open")
    tour.go(post_path + "/versions")
    expect(page.locator("section.panel")).to_have_count(1)
    tour.check("earlier versions of a post")

    tour.go(post_path)
    page.locator(".comment-actions a[href$='/edit']").click()
    tour.check("editing a comment")
    page.locator("#f-body").fill("   ")
    tour.submit(page.locator("main form button[type=submit]"), 400)
    tour.check("editing a comment, with an error")
    page.locator("#f-body").fill("Thanks! I will post the checklist next week.")
    tour.submit(page.locator("main form button[type=submit]"), 200)
    page.locator(".comment-actions a[href$='/versions']").click()
    expect(page.locator("pre.plain")).to_have_count(1)
    tour.check("earlier versions of a comment")

    tour.go("/blog/new")
    tour.check("the post editor, empty")
    page.locator("#f-title").fill("A draft about data")
    page.locator("#f-body").fill(POST_BODY)
    tour.submit(page.locator("button[value=preview]"), 200)
    expect(page.locator("section.preview")).to_be_visible()
    tour.check("the post editor, with a preview")
    page.locator("#f-title").fill("")
    tour.submit(page.locator("button[value=publish]"), 400)
    expect(page.locator(".error-summary")).to_be_visible()
    tour.check("the post editor, with an error")
    tour.go(post_path + "/edit")
    tour.check("the post editor, editing a published post")

    page = tour.sign_in(bob)
    tour.go(f"/blog/{alice.username}/")
    expect(page.locator(".toolbar form button").first).to_be_visible()
    tour.check("a person's blog, seen by a colleague (follow button)")
    tour.go(post_path)
    tour.check("a post, seen by a colleague who commented")
    page.locator("#f-comment").fill("   ")  # not empty for the browser; empty for the site
    tour.submit(page.locator(".comment-form button[type=submit]"), 400)
    expect(page.locator(".error-summary")).to_be_visible()
    tour.check("a comment that was not sent")

    page = tour.anonymous()
    tour.go(post_path)
    expect(page.locator(".comments a[href*='/login']")).to_be_visible()
    tour.check("a post, seen by a reader who is not signed in")
    tour.assert_clean()


def test_people_and_notification_pages_have_no_wcag_violations(tour, tmp_path):
    alice = tour.person("alice.author", title="Policy analyst", department="Finance",
                        personal_disclaimer="I write as a member of the union executive.")
    tour.person("bob.reader")
    tour.person("carol.colleague")
    write_blogs(tour.server)

    def complete_alice():
        user = user_named("alice.author")
        users.update_profile(user, display_name=user.display_name, preferred_language=user.preferred_language,
                             title=user.title, department=user.department, location="Ottawa",
                             personal_disclaimer=user.personal_disclaimer, languages_spoken=["en", "fr"],
                             bio="I work on **open data**.", expertise="open data, procurement")
        people.set_avatar(user, people.prepare_avatar(picture_bytes()))
        wiki.save_page("Procurement rules", author=user, body="Three written quotes over ten thousand dollars.")

    tour.server.run(complete_alice)

    page = tour.sign_in(alice)
    tour.go(f"/people/{alice.username}")
    expect(page.locator("img.avatar--large")).to_be_visible()
    tour.check("a profile with a picture, activity and the disclaimer (its owner's)")
    tour.go("/people/carol.colleague")
    expect(page.locator(".avatar--initials").first).to_be_visible()
    tour.check("a profile without a picture (with the follow button)")
    tour.go("/people/")
    tour.check("the people directory")
    tour.go("/people/?name=&department=Finance&expertise=open+data")
    tour.check("the people directory, filtered")

    expect(page.locator(".bell__count")).to_be_visible()
    tour.go("/notifications/")
    expect(page.locator("li.notification--unread")).not_to_have_count(0)
    tour.check("notifications, unread")
    page.locator("main form:not(.inline-form) button").click()
    expect(page.locator("li.notification--unread")).to_have_count(0)
    tour.check("notifications, all read")

    tour.go("/settings/profile")
    expect(page.locator("#f-remove_avatar")).to_be_attached()
    tour.check("profile settings, with a picture")
    not_a_picture = tmp_path / "holiday.png"
    not_a_picture.write_text("<html><body>Not a picture</body></html>")
    page.locator("#f-avatar").set_input_files(not_a_picture)
    tour.submit(page.locator("main form button[type=submit]"), 400)
    expect(page.locator("#f-avatar-error")).to_be_visible()
    tour.check("profile settings, refusing an upload")
    tour.assert_clean()


def test_search_pages_have_no_wcag_violations(tour):
    alice = tour.person("alice.author")
    bob = tour.person("bob.reader")
    tour.person("carol.colleague")
    write_blogs(tour.server)

    def write_pages():
        author = user_named(alice.username)
        wiki.save_page("Onboarding guide", author=author, body="Collect your badge, then read the procurement rules.")
        wiki.save_page("Procurement rules", author=author, body="Every procurement needs three written quotes.")
        wiki.save_page("Guide d'accueil", author=author, language="fr",
                       body="Lisez les règles de procurement avant votre premier achat.")

    tour.server.run(write_pages)

    page = tour.sign_in(bob)
    tour.go("/search")
    tour.check("the search page, empty")
    tour.go("/search?q=procurement")
    expect(page.locator(".snippet mark").first).to_be_visible()
    expect(page.locator("nav.facets a").first).to_be_visible()
    tour.check("search results with facets and highlights")
    tour.go("/search?q=procurement&type=page&lang=en")
    expect(page.locator("nav.facets [aria-current]")).to_have_count(2)
    tour.check("search results narrowed by type and language")
    tour.go("/search?q=procuremnt")
    expect(page.locator("main a[href*='q=procurement']")).to_be_visible()
    tour.check("no results, with Did you mean")
    tour.go("/search?q=" + "procurement OR data OR onboarding")
    tour.check("search results of several kinds")

    box = page.locator("#site-search-q")
    box.fill("")  # on the results page the box holds the search
    box.press_sequentially("Onbo")
    expect(page.locator("#site-search-suggestions")).to_be_visible()
    box.press("ArrowDown")
    expect(page.locator("#site-search-suggestions [aria-selected=true]")).to_have_count(1)
    tour.check("the search box with its suggestions open")
    tour.assert_clean()


def test_search_pagination_has_no_wcag_violations(live_server, axe_source, new_page):
    """A second page of results (twenty a page: twenty-one people match)."""
    tour = Tour(live_server, axe_source, "en", new_page)
    for number in range(21):
        live_server.create_user(f"analyst{number}", title="Data analyst")
    tour.anonymous()
    tour.go("/search?q=analyst&page=2")
    expect(tour.page.locator("nav.pagination a[rel=prev]")).to_be_visible()
    tour.check("the second page of search results")
    tour.assert_clean()
