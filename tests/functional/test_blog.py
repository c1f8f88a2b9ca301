"""Blogs as their readers and writers see them: drafts, publishing, versions, deletion, listings, feeds."""
import feedparser
import pytest
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import BlogPost
from opsspace.services import blog, policy
from tests.factories import make_user

pytestmark = pytest.mark.dbs


def write(client, title="Open data at work", body="We published **three** data sets.", action="publish", **extra):
    data = {"title": title, "body": body, "tags": extra.pop("tags", "data, open government"),
            "language": extra.pop("language", "en"), "action": action, **extra}
    return client.post(extra.pop("url", "/blog/new"), data=data)


def test_draft_is_private_until_published(client, users, login, app):
    login(users["employee"])
    response = write(client, action="draft")
    assert response.status_code == 302
    url = response.headers["Location"]
    assert url == "/blog/emma.employee/open-data-at-work"
    assert "This is a draft" in client.get(url).get_data(as_text=True)
    reader = app.test_client()
    assert reader.get(url).status_code == 404
    assert "Open data at work" not in reader.get("/blog/").get_data(as_text=True)
    assert "Open data at work" not in reader.get("/feeds/blog.atom").get_data(as_text=True)
    own_blog = client.get("/blog/emma.employee/").get_data(as_text=True)
    assert "Only you can see these" in own_blog and "Open data at work" in own_blog
    client.post(url + "/edit", data={"title": "Open data at work", "body": "We published **three** data sets.",
                                     "tags": "data", "language": "en", "action": "publish", "base_version": "1"})
    assert "<strong>three</strong>" in reader.get(url).get_data(as_text=True)
    assert "Open data at work" in reader.get("/blog/").get_data(as_text=True)


def test_editing_a_published_post_keeps_every_earlier_version(client, users, login, app):
    login(users["employee"])
    url = write(client, body="First text.").headers["Location"]
    client.post(url + "/edit", data={"title": "Open data at work", "body": "Second text.", "tags": "data",
                                     "language": "en", "action": "update", "base_version": "1"})
    assert "Second text." in client.get(url).get_data(as_text=True)
    versions = client.get(url + "/versions").get_data(as_text=True)
    assert "First text." in versions
    moderator = app.test_client()
    moderator.login("mo.moderator")
    assert "First text." in moderator.get(url + "/versions").get_data(as_text=True)
    other = app.test_client()
    other.login("rae.responder")
    assert other.get(url + "/versions").status_code == 403
    assert app.test_client().get(url + "/versions").status_code == 302


def test_a_stale_editor_does_not_overwrite_and_keeps_the_text(client, users, login):
    login(users["employee"])
    url = write(client).headers["Location"]
    client.post(url + "/edit", data={"title": "Open data at work", "body": "Newer text.", "language": "en",
                                     "action": "update", "base_version": "1"})
    response = client.post(url + "/edit", data={"title": "Open data at work", "body": "My stale text.",
                                                "language": "en", "action": "update", "base_version": "1"})
    assert response.status_code == 409
    assert "My stale text." in response.get_data(as_text=True)
    assert db.session.scalars(select(BlogPost.body)).one() == "Newer text."


def test_bad_input_keeps_what_was_typed(client, users, login):
    login(users["employee"])
    response = write(client, title="", body="Kept body", tags=", ".join(f"t{n}" for n in range(20)))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Give the post a title." in page and "Use 12 tags at most." in page and "Kept body" in page
    assert db.session.scalars(select(BlogPost)).first() is None


def test_delete_is_soft_and_admins_restore(client, users, login, app):
    login(users["employee"])
    url = write(client).headers["Location"]
    client.post(url + "/delete")
    reader = app.test_client()
    assert reader.get(url).status_code == 404
    assert "Open data at work" not in reader.get("/feeds/blog.atom").get_data(as_text=True)
    assert db.session.scalars(select(BlogPost.status)).one() == "deleted"  # still in the database
    admin = app.test_client()
    admin.login("ada.admin")
    assert "This post is deleted" in admin.get(url).get_data(as_text=True)
    admin.post(url + "/restore", data={"reason": "deleted by mistake"})
    assert reader.get(url).status_code == 200


def test_listing_filters_and_paginates(client, users, login, app):
    login(users["employee"])
    for n in range(3):
        write(client, title=f"English post {n}", tags="data")
    write(client, title="Billet en français", language="fr", tags="données")
    index = client.get("/blog/?lang=fr").get_data(as_text=True)
    assert "Billet en français" in index and "English post" not in index
    assert "English post 1" in client.get("/blog/?tag=data").get_data(as_text=True)
    assert "Billet" not in client.get("/blog/?tag=data").get_data(as_text=True)


def test_feeds_validate_and_carry_only_published_posts(client, users, login):
    login(users["employee"])
    write(client, title="Réunion d'équipe", language="fr", body="Ordre du jour")
    write(client, title="Secret draft", action="draft")
    for url in ("/feeds/blog.atom", "/blog/emma.employee/feed.atom", "/feeds/recent.atom"):
        feed = feedparser.parse(client.get(url).get_data())
        assert not feed.bozo and feed.version == "atom10", url
        titles = [entry.title for entry in feed.entries]
        assert "Réunion d'équipe" in titles and "Secret draft" not in titles, url
        assert feed.entries[0].author == "Emma Employee"


def test_post_page_blog_and_profile_show_the_disclaimer_in_both_languages(client, users, login):
    users["employee"].personal_disclaimer = "I write as a union steward."
    db.session.commit()
    login(users["employee"])
    url = write(client).headers["Location"]
    for language in ("en", "fr"):
        for page_url in (url, "/blog/emma.employee/", "/people/emma.employee"):
            page = _page_in(client, page_url, language)
            assert policy.BUILT_IN["disclaimer"][language].replace("'", "&#39;") in page, (page_url, language)
            assert "I write as a union steward." in page


def _page_in(client, url, language):
    client.post(f"/lang/{language}", data={"next": url})
    return client.get(url).get_data(as_text=True)


def test_mentions_link_to_profiles(client, users, login):
    login(users["employee"])
    url = write(client, body="Thanks @mo.moderator and @nobody.here, write to a@example.org").headers["Location"]
    page = client.get(url).get_data(as_text=True)
    assert '<a class="mention" href="/people/mo.moderator"' in page
    assert "@nobody.here" in page and 'href="/people/nobody.here"' not in page
    assert 'href="/people/example.org"' not in page


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["tests.plugins.holder"]}


def test_held_post_is_seen_by_author_and_moderators_only(client, users, login, app):
    make_user("fan")
    fan = app.test_client()
    fan.login("fan")
    fan.post("/people/emma.employee/follow", data={"follow": "1"})
    login(users["employee"])
    assert write(client, body="HOLDME please").status_code == 200  # the warning first: nothing saved yet
    url = write(client, body="HOLDME please", action="", confirm_hold="publish").headers["Location"]
    assert "waiting for a moderator" in client.get(url).get_data(as_text=True)
    assert app.test_client().get(url).status_code == 404
    moderator = app.test_client()
    moderator.login("mo.moderator")
    assert moderator.get(url).status_code == 200
    for listing in ("/blog/", "/feeds/blog.atom", "/feeds/recent.atom", "/recent", "/blog/emma.employee/"):
        assert "Open data at work" not in fan.get(listing).get_data(as_text=True), listing
    assert "Open data at work" not in fan.get("/notifications/").get_data(as_text=True)


def test_service_refuses_edits_by_others(app, users):
    post = blog.save_post(users["employee"], title="Mine", body="x", publish=True).post
    from opsspace.services import PermissionDenied

    with pytest.raises(PermissionDenied):
        blog.save_post(users["moderator"], title="Mine", body="changed", post=post)


def test_hidden_post_is_absent_for_readers_everywhere_and_present_for_author_and_moderators(app, users):
    from opsspace.services import comments, social

    make_user("fan2")
    follower = app.test_client()
    follower.login("fan2")
    follower.post("/people/emma.employee/follow", data={"follow": "1"})
    post = blog.save_post(users["employee"], title="Soon hidden", body="Text @fan2", publish=True).post
    comments.add("post", post.id, users["moderator"], "A comment on it")
    # What the moderation plugin does when it hides content (the core owns the status).
    post.status, post.status_reason = "hidden", "Clause 1: derogatory remark"
    social.withdraw("post", post.id)
    db.session.commit()
    url = "/blog/emma.employee/soon-hidden"
    for listing in ("/blog/", "/feeds/blog.atom", "/feeds/recent.atom", "/recent", "/blog/emma.employee/",
                    "/notifications/", "/people/emma.employee"):
        assert "Soon hidden" not in follower.get(listing).get_data(as_text=True), listing
    assert follower.get(url).status_code == 404
    author = app.test_client()
    author.login("emma.employee")
    page = author.get(url).get_data(as_text=True)
    assert "A moderator hid this post" in page and "Clause 1: derogatory remark" in page
    moderator = app.test_client()
    moderator.login("mo.moderator")
    assert moderator.get(url).status_code == 200
