"""Blogs, profiles and notifications as employees use them in a real browser: completing a profile with a
picture, writing a draft only its author sees, publishing it, being followed, commented on, mentioned and
replied to, reading the notifications that follow, and the disclaimer beside everything an author publishes,
in English and in French; a file that is not a picture is refused without losing what was typed; readers
narrow the blogs by tag and language."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import BlogPost, User
from opsspace.services import blog, comments
from opsspace.services.policy import BUILT_IN

pytestmark = pytest.mark.browser

FRENCH_CATALOG = Path(__file__).resolve().parents[2] / "opsspace/translations/fr/LC_MESSAGES/messages.mo"
SITE_DISCLAIMER = BUILT_IN["disclaimer"]
PERSONAL_LINE = "I write as a member of the union executive."
NOT_A_PICTURE = "That file is not a picture we can use: choose a JPEG, PNG, GIF or WebP image."


def french(msgid: str) -> str:
    """The French translation of a message (the catalog is compiled with the app)."""
    from babel.support import Translations

    with FRENCH_CATALOG.open("rb") as fh:
        text = Translations(fh).gettext(msgid)
    assert text and text != msgid, f"the French catalog has no translation of {msgid!r}"
    return text


def message(page):
    """The messages the site shows after an action (at the top of the main content)."""
    return page.get_by_role("main").get_by_role("status")


def open_account_menu(page, person):
    page.get_by_role("banner").locator("summary", has_text=person.display_name).click()


def unread_badge(page):
    return page.get_by_role("banner").locator(".bell__count")


def disclaimer(page, name: str = "Disclaimer"):
    return page.get_by_role("complementary", name=name)


def follow_button(page, person, following: bool):
    label = "Following" if following else "Follow"
    return page.get_by_role("button", name=f"{label} {person.display_name}", exact=True)


def picture(tmp_path, name: str = "me.png", colour=(30, 90, 160)) -> Path:
    """A small real PNG, as a phone or a drawing program would save it."""
    from PIL import Image

    path = tmp_path / name
    Image.new("RGB", (120, 80), colour).save(path, format="PNG")
    return path


def text_box(page):
    """The post's text ("Text (required)")."""
    return page.get_by_label(re.compile(r"^Text\b"))


def user_named(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def test_employee_completes_a_profile_blogs_and_hears_from_colleagues(live_server, new_page, sign_in, tmp_path):
    alice = live_server.create_user("alice.author")
    bob = live_server.create_user("bob.reader")
    carol = live_server.create_user("carol.colleague")

    # Alice completes her profile, with a picture.
    author = sign_in(new_page(), alice)
    open_account_menu(author, alice)
    author.get_by_role("banner").get_by_role("link", name="Settings", exact=True).click()
    expect(author).to_have_url(live_server("/settings/profile"))
    author.get_by_label("Job title").fill("Policy analyst")
    author.get_by_label("Department").fill("Finance")
    author.get_by_label("About you").fill("I work on **open data** in public procurement.")
    author.get_by_label("Expertise").fill("Open data, procurement")
    author.get_by_label("Your disclaimer line").fill(PERSONAL_LINE)
    author.get_by_label("Your picture").set_input_files(picture(tmp_path))
    author.get_by_role("button", name="Save", exact=True).click()
    expect(message(author)).to_contain_text("Your profile is saved.")
    expect(author.get_by_label("Remove my picture")).not_to_be_checked()

    open_account_menu(author, alice)
    author.get_by_role("banner").get_by_role("link", name="My profile").click()
    expect(author).to_have_url(live_server(f"/people/{alice.username}"))
    photo = author.get_by_role("img", name=f"Picture of {alice.display_name}")
    expect(photo).to_be_visible()
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 256, "the picture did not load"
    profile = author.get_by_role("article")
    expect(profile.locator(".lead")).to_have_text("Policy analyst, Finance")
    expect(profile.get_by_role("region", name="About").locator("strong")).to_have_text("open data")
    expect(profile.get_by_role("link", name="open data", exact=True)).to_be_visible()
    expect(profile.get_by_role("link", name="procurement", exact=True)).to_be_visible()
    expect(disclaimer(author)).to_contain_text(SITE_DISCLAIMER["en"])
    expect(disclaimer(author)).to_contain_text(PERSONAL_LINE)

    # She writes a draft: only she can see it.
    open_account_menu(author, alice)
    author.get_by_role("banner").get_by_role("link", name="Write a post").click()
    expect(author).to_have_url(live_server("/blog/new"))
    expect(author.get_by_label("Language of the post")).to_have_value("en")
    author.get_by_label("Title").fill("Open data in procurement")
    text_box(author).fill("Three ways **open data** makes tendering fairer.")
    author.get_by_label("Tags").fill("data, procurement")
    author.get_by_role("button", name="Save as draft").click()
    expect(message(author)).to_contain_text("Your draft is saved. Only you can see it.")
    expect(author).to_have_url(re.compile(r"/blog/alice\.author/open-data-in-procurement$"))
    post_path = live_server.path(author.url)
    expect(author.get_by_role("main")).to_contain_text("This is a draft: only you can see it.")
    expect(author.get_by_role("region", name="Comments")).to_have_count(0)

    colleague = sign_in(new_page(), bob)
    response = colleague.goto(live_server(post_path))
    assert response.status == 404, "a draft must be hidden from everyone but its author"
    colleague.goto(live_server(f"/blog/{alice.username}/"))
    expect(colleague.get_by_role("main")).to_contain_text("No posts yet.")
    expect(colleague.get_by_role("region", name="Only you can see these")).to_have_count(0)

    author.goto(live_server(f"/blog/{alice.username}/"))
    own = author.get_by_role("region", name="Only you can see these")
    expect(own.get_by_role("link", name="Open data in procurement")).to_be_visible()
    own.get_by_role("link", name="Open data in procurement").click()

    # She publishes it, then improves it: the text people read first is kept.
    author.get_by_role("link", name="Edit", exact=True).click()
    expect(author).to_have_url(live_server(post_path + "/edit"))
    author.get_by_role("button", name="Publish").click()
    expect(message(author)).to_contain_text("Your post is published.")
    expect(author.get_by_role("main")).not_to_contain_text("This is a draft")
    author.get_by_role("link", name="Edit", exact=True).click()
    expect(author.get_by_role("button", name="Publish")).to_have_count(0)
    text_box(author).fill("Four ways **open data** makes tendering fairer.")
    author.get_by_role("button", name="Save changes").click()
    expect(message(author)).to_contain_text("Your post is updated.")
    author.get_by_role("link", name="Earlier versions").click()
    expect(author).to_have_url(live_server(post_path + "/versions"))
    expect(author.get_by_role("main")).to_contain_text("Three ways open data makes tendering fairer.")

    # Carol was first to comment (set up through the service).
    def carol_comments():
        post = db.session.scalars(select(BlogPost).where(BlogPost.slug == post_path.rsplit("/", 1)[1])).one()
        return comments.add("post", post.id, user_named(carol.username), "Which data sets do you use?").id

    carol_comment = live_server.run(carol_comments)

    # Bob finds Alice in the directory by her expertise, follows her blog, comments and replies.
    colleague.goto(live_server("/people/"))
    colleague.get_by_label("Expertise").fill("open data")
    colleague.get_by_role("button", name="Find").click()
    expect(colleague).to_have_url(re.compile(r"/people/\?.*expertise=open\+data"))
    cards = colleague.locator(".person-card")
    expect(cards).to_have_count(1)
    cards.get_by_role("link", name=alice.display_name).click()
    expect(colleague).to_have_url(live_server(f"/people/{alice.username}"))
    colleague.get_by_role("link", name="1 blog post").click()
    expect(colleague).to_have_url(live_server(f"/blog/{alice.username}/"))

    follow_button(colleague, alice, following=False).click()
    expect(message(colleague)).to_contain_text(f"You follow {alice.display_name}'s blog")
    expect(colleague).to_have_url(live_server(f"/blog/{alice.username}/"))
    expect(follow_button(colleague, alice, following=True)).to_be_visible()

    colleague.get_by_role("link", name="Open data in procurement").click()
    expect(colleague).to_have_url(live_server(post_path))
    expect(follow_button(colleague, alice, following=True)).to_be_visible()
    colleague.get_by_label("Add a comment").fill(f"Very useful, @{alice.username}: could you share the checklist?")
    colleague.get_by_role("button", name="Send the comment").click()
    expect(message(colleague)).to_contain_text("Your comment is published.")
    expect(colleague).to_have_url(re.compile(re.escape(post_path) + r"#comment-\d+$"))
    mention_comment = int(colleague.url.rsplit("-", 1)[1])
    mentioning = colleague.locator(f"#comment-{mention_comment}")
    expect(mentioning.get_by_role("link", name=f"@{alice.username}")).to_be_visible()

    answered = colleague.locator(f"#comment-{carol_comment}")
    answered.locator("summary", has_text="Reply").click()
    answered.get_by_label("Your reply").fill("The supplier registry, mostly.")
    answered.get_by_role("button", name="Send the reply").click()
    expect(message(colleague)).to_contain_text("Your comment is published.")
    reply_id = int(colleague.url.rsplit("-", 1)[1])
    thread = colleague.locator(".comment-thread", has=colleague.locator(f"#comment-{carol_comment}"))
    expect(thread.locator(".replies").locator(f"#comment-{reply_id}")).to_contain_text("The supplier registry")

    # Alice hears of it all in the header, reads the notifications, opens one and marks the rest read.
    author.reload()
    expect(unread_badge(author)).to_have_text("3")
    expect(author.get_by_role("banner").get_by_role("link", name="Notifications 3 unread")).to_be_visible()
    author.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(author).to_have_url(live_server("/notifications/"))
    notes = author.locator("li.notification")
    expect(notes).to_have_count(3)
    expect(author.locator("li.notification--unread")).to_have_count(3)
    title = "“Open data in procurement”"
    expect(notes.filter(has_text=f"{carol.display_name} commented on {title}")).to_have_count(1)
    expect(notes.filter(has_text=f"{bob.display_name} commented on {title}")).to_have_count(1)
    mention = notes.filter(has_text=f"{bob.display_name} mentioned you in {title}")
    expect(mention).to_have_count(1)

    mention.get_by_role("button", name=re.compile("^Open")).click()
    expect(author).to_have_url(live_server(f"{post_path}#comment-{mention_comment}"))
    expect(author.locator(f"#comment-{mention_comment}")).to_be_in_viewport()
    expect(unread_badge(author)).to_have_text("2")

    author.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(author.locator("li.notification--unread")).to_have_count(2)
    author.get_by_role("button", name="Mark all as read").click()
    expect(author).to_have_url(live_server("/notifications/"))
    expect(unread_badge(author)).to_have_count(0)
    expect(author.get_by_role("banner").get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(author.locator("li.notification--unread")).to_have_count(0)
    expect(notes).to_have_count(3)

    # A reader who is not signed in sees the disclaimer beside her post, blog and profile, in both languages.
    reader = new_page()
    for path in (post_path, f"/blog/{alice.username}/", f"/people/{alice.username}"):
        reader.goto(live_server(path))
        expect(disclaimer(reader)).to_contain_text(SITE_DISCLAIMER["en"])
        expect(disclaimer(reader).locator(".disclaimer__personal")).to_contain_text(PERSONAL_LINE)
    reader.get_by_role("banner").get_by_role("button", name="Français").click()
    expect(reader.locator("html")).to_have_attribute("lang", "fr")
    expect(reader).to_have_url(live_server(f"/people/{alice.username}"))
    for path in (f"/people/{alice.username}", post_path, f"/blog/{alice.username}/"):
        if live_server.path(reader.url) != path:
            reader.goto(live_server(path))
        aside = disclaimer(reader, french("Disclaimer"))
        expect(aside).to_contain_text(SITE_DISCLAIMER["fr"])
        expect(aside).not_to_contain_text(SITE_DISCLAIMER["en"])
        expect(aside.locator(".disclaimer__personal")).to_contain_text(PERSONAL_LINE)
    reader.get_by_role("banner").get_by_role("button", name="English").click()
    expect(reader.locator("html")).to_have_attribute("lang", "en")
    expect(disclaimer(reader)).to_contain_text(SITE_DISCLAIMER["en"])

    # Alice's next post reaches Bob, who follows her; then he stops following her.
    live_server.run(lambda: blog.save_post(user_named(alice.username), title="Checklist for open tenders",
                                           body="As promised.", publish=True))
    colleague.reload()
    expect(unread_badge(colleague)).to_have_text("1")
    colleague.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(colleague.locator("li.notification")).to_have_text(
        [re.compile(f"{alice.display_name} published “Checklist for open tenders”")])
    colleague.goto(live_server(f"/blog/{alice.username}/"))
    follow_button(colleague, alice, following=True).click()
    expect(message(colleague)).to_contain_text(f"You no longer follow {alice.display_name}.")
    expect(follow_button(colleague, alice, following=False)).to_be_visible()


def shown_colour(page, name: str) -> tuple:
    """The colour in the middle of a picture as the browser shows it."""
    photo = page.get_by_role("img", name=name)
    expect(photo).to_be_visible()
    photo.evaluate("img => img.decode()")
    return tuple(photo.evaluate("""img => {
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 4;
        const context = canvas.getContext('2d');
        context.drawImage(img, 0, 0, 4, 4);
        return Array.from(context.getImageData(2, 2, 1, 1).data.slice(0, 3));
    }"""))


def test_employee_replaces_their_picture_and_sees_the_new_one(live_server, page, sign_in, tmp_path):
    emma = live_server.create_user("emma.employee")
    sign_in(page, emma, next_path="/settings/profile")
    for name, colour in (("red.png", (200, 0, 0)), ("blue.png", (0, 0, 200))):
        page.goto(live_server("/settings/profile"))
        page.get_by_label("Your picture").set_input_files(picture(tmp_path, name, colour))
        page.get_by_role("button", name="Save", exact=True).click()
        expect(message(page)).to_contain_text("Your profile is saved.")
        page.goto(live_server(f"/people/{emma.username}"))
        assert shown_colour(page, f"Picture of {emma.display_name}") == colour, f"after uploading {name}"


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_saved(live_server, page, sign_in, tmp_path):
    emma = live_server.create_user("emma.employee")
    fake = tmp_path / "holiday.png"
    fake.write_text("<html><body><script>alert('hello')</script>Not a picture at all</body></html>")
    sign_in(page, emma, next_path="/settings/profile")

    page.get_by_label("Job title").fill("Team lead")
    page.get_by_label("Your picture").set_input_files(fake)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Save", exact=True).click()
    assert navigation.value.status == 400

    summary = page.locator(".error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=NOT_A_PICTURE)).to_have_attribute("href", "#f-avatar")
    upload = page.get_by_label("Your picture")
    expect(upload).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#f-avatar-error")).to_have_text(NOT_A_PICTURE)
    expect(upload).to_have_accessible_description(re.compile(re.escape(NOT_A_PICTURE)))
    expect(page.get_by_label("Job title")).to_have_value("Team lead")  # what was typed is still there
    expect(message(page)).not_to_contain_text("Your profile is saved.")

    page.goto(live_server(f"/people/{emma.username}"))
    expect(page.get_by_role("article")).not_to_contain_text("Team lead")
    expect(page.get_by_role("img", name=f"Picture of {emma.display_name}")).to_have_count(0)
    expect(page.locator(".profile__header .avatar--initials")).to_be_visible()
    saved = live_server.run(lambda: (lambda u: (u.title, u.has_avatar))(user_named(emma.username)))
    assert saved == (None, False), f"the refused form saved something: {saved}"


def test_reader_narrows_the_blogs_by_tag_and_language_and_pages_through_them(live_server, page):
    live_server.create_user("alice.author")
    live_server.create_user("florence.francais")

    def write_posts():
        alice, florence = user_named("alice.author"), user_named("florence.francais")
        for number in range(1, 20):
            blog.save_post(alice, title=f"Weekly note {number}", body=f"Note number {number}.", tags="weekly",
                           publish=True)
        blog.save_post(alice, title="Budget basics", body="Where the money goes.", tags="budget, data",
                       publish=True)
        blog.save_post(florence, title="Les données ouvertes", body="Pourquoi publier nos données.",
                       tags="data", language="fr", publish=True)

    live_server.run(write_posts)
    page.goto(live_server("/blog/"))
    posts = page.get_by_role("main").locator("article.post-summary")
    expect(posts).to_have_count(20)
    expect(page.get_by_role("navigation", name="Pages")).to_contain_text("Page 1 of 2")
    page.get_by_role("navigation", name="Pages").get_by_role("link", name="Next").click()
    expect(page).to_have_url(live_server("/blog/?page=2"))
    expect(posts).to_have_count(1)

    page.get_by_role("navigation", name="Popular tags").get_by_role("link", name=re.compile(r"^#data")).click()
    expect(page).to_have_url(live_server("/blog/?tag=data"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Posts tagged #data")
    expect(posts).to_have_count(2)
    expect(page.get_by_role("navigation", name="Popular tags").get_by_role("link", name=re.compile(r"^#data")))\
        .to_have_attribute("aria-current", "page")

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(re.compile(r"/blog/\?tag=data&lang=fr$"))
    expect(posts).to_have_count(1)
    expect(posts.get_by_role("link", name="Les données ouvertes")).to_be_visible()
    expect(posts.first).to_have_attribute("lang", "fr")


def test_colleague_corrects_then_deletes_a_comment(live_server, new_page, sign_in):
    alice = live_server.create_user("alice.author")
    bob = live_server.create_user("bob.reader")
    post_path = live_server.run(lambda: "/blog/alice.author/" + blog.save_post(
        user_named(alice.username), title="Budget basics", body="Where the money goes.", publish=True).post.slug)

    colleague = sign_in(new_page(), bob, next_path=post_path)
    colleague.get_by_label("Add a comment").fill("The figures for 2025 look wrong, @alice.author.")
    colleague.get_by_role("button", name="Send the comment").click()
    comment = colleague.locator(f"#comment-{colleague.url.rsplit('-', 1)[1]}")
    author = sign_in(new_page(), alice)
    expect(unread_badge(author)).to_have_text("1")

    comment.get_by_role("link", name="Edit your comment").click()
    expect(colleague.get_by_role("heading", level=1)).to_have_text("Edit your comment")
    colleague.get_by_label("Your comment").fill("The figures for 2026 look wrong, @alice.author.")
    colleague.get_by_role("button", name="Save", exact=True).click()
    expect(message(colleague)).to_contain_text("Your comment is updated; the earlier version is kept.")
    expect(comment.locator(".prose")).to_contain_text("The figures for 2026 look wrong")
    expect(comment.locator(".meta")).to_contain_text("edited")
    comment.get_by_role("link", name="Earlier versions").click()
    expect(colleague.get_by_role("main").locator("pre")).to_have_text("The figures for 2025 look wrong, @alice.author.")
    colleague.get_by_role("link", name="Back to the comment").click()
    expect(colleague).to_have_url(re.compile(re.escape(post_path) + r"#comment-\d+$"))

    comment.get_by_role("button", name="Delete your comment").click()
    expect(message(colleague)).to_contain_text("The comment is deleted.")
    expect(comment.locator(".badge")).to_have_text("deleted")  # its author still sees it, marked
    expect(comment.get_by_role("link", name="Edit your comment")).to_have_count(0)

    author.goto(live_server(post_path))
    comments_region = author.get_by_role("region", name="Comments")
    expect(comments_region).to_contain_text("No comments yet.")
    expect(comments_region).not_to_contain_text("figures")
    expect(unread_badge(author)).to_have_count(0)  # the mention went with the comment
    author.goto(live_server("/notifications/"))
    expect(author.locator("li.notification")).to_have_count(0)
