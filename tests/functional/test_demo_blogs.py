"""The demo blogs (`opsspace.demo_blogs`): complete profiles, bilingual posts with comments and replies,
follows and watches, all built through the services, readable on the site, and safe to build twice."""
import re
import time

import feedparser
import pytest
from markupsafe import escape
from sqlalchemy import func, select

from opsspace.demo import PEOPLE
from opsspace.demo_blogs import FOLLOWS, PAGE_COMMENTS, POSTS, PROFILES, WATCHES, create_blogs
from opsspace.demo_wiki import create_wiki
from opsspace.extensions import db
from opsspace.models import BlogPost, Comment, Follow, Notification, PageWatch, User
from opsspace.services import blog, content, rendering, wiki
from tests.factories import make_user

USERNAMES = {username for username, *_ in PEOPLE}
FRENCH_SPEAKERS = {username for username, _name, _role, _title, _dept, language, _r in PEOPLE if language == "fr"}
DRAFTS = [spec["title"] for spec in POSTS if spec.get("publish") is False]
COUNTED = (BlogPost, Comment, Follow, PageWatch, Notification, User)


@pytest.fixture
def people(app):
    """The nine demo people as `opsspace demo` creates them; the last three have not accepted the policy yet."""
    return {
        username: make_user(username, role=role, display_name=name, title=title, department=department,
                            preferred_language=language, email=f"{username}@example.org", responder=responder,
                            accepted_policy=index < 6)
        for index, (username, name, role, title, department, language, responder) in enumerate(PEOPLE)
    }


@pytest.fixture
def quick(monkeypatch):
    """Leave search-index work queued instead of applying it after every save, which takes most of the time.
    The search index is not what these tests are about; test_create_blogs_fills_in_the_site keeps it on."""
    monkeypatch.setattr(content, "update_index", lambda: None, raising=False)


@pytest.fixture
def site(app, quick, people):
    """The demo wiki, then the demo blogs (posts link to wiki pages, a few comments go on them)."""
    create_wiki(people)
    return create_blogs(people)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def counts() -> dict:
    return {model.__name__: count(model) for model in COUNTED}


def threads():
    yield from (spec.get("comments", []) for spec in POSTS)
    yield from (thread for _path, thread in PAGE_COMMENTS)


def test_the_data_is_consistent():
    """Known authors, realistic lengths, replies that answer an earlier comment, tidy profiles."""
    assert len({spec["title"] for spec in POSTS}) == len(POSTS)
    assert POSTS[0].get("publish", True)  # the first post is how a second run knows to stop
    for spec in POSTS:
        assert spec["author"] in USERNAMES and spec["language"] in ("en", "fr") and spec["tags"]
        assert 120 <= len(spec["body"].split()) <= 500, spec["title"]
        assert "lorem" not in spec["body"].lower()
        if spec["language"] == "fr":
            assert spec["author"] in FRENCH_SPEAKERS, spec["title"]
        assert not spec.get("comments") or spec.get("publish", True), "a draft cannot be commented on"
    for thread in threads():
        for index, (author, text, *answering) in enumerate(thread):
            assert author in USERNAMES and text.strip()
            if answering:
                assert 0 <= answering[0] < index and len(thread[answering[0]]) == 2, "reply to an earlier comment"
    assert set(PROFILES) == USERNAMES
    for username, profile in PROFILES.items():
        assert 2 <= len(profile["expertise"].split(",")) <= 5, username
        assert 2 <= len(re.findall(r"[.!?](?:\s|$)", profile["bio"])) <= 4, username
        assert profile["languages"] and profile["location"]
    assert 2 <= sum(bool(profile.get("disclaimer")) for profile in PROFILES.values()) <= 3
    assert set(FOLLOWS) == USERNAMES
    assert all(2 <= len(set(others)) <= 4 and username not in others and set(others) <= USERNAMES
               for username, others in FOLLOWS.items())
    assert set(WATCHES) <= USERNAMES


def test_create_blogs_fills_in_the_site(app, people):
    create_wiki(people)
    steps = []
    started = time.perf_counter()
    created = create_blogs(people, progress=steps.append)
    elapsed = time.perf_counter() - started
    print(f"create_blogs: {created} in {elapsed:.2f} s")

    assert sum(steps) == len(steps) == len(POSTS)
    assert all(user.accepted_policy_version is not None for user in people.values())

    # Posts: about a third in French, by French speakers; one or two drafts.
    posts = list(db.session.scalars(select(BlogPost)))
    assert created["posts"] == len(posts) == len(POSTS) >= 20
    published = [post for post in posts if post.status == "published"]
    drafts = [post for post in posts if post.status == "draft"]
    assert sorted(post.title for post in drafts) == sorted(DRAFTS) and 1 <= len(drafts) <= 2
    assert len(published) + len(drafts) == len(posts)
    french = [post for post in published if post.language == "fr"]
    assert 3 * len(french) >= len(published)
    assert {post.author.username for post in french} <= FRENCH_SPEAKERS
    assert len({post.author_id for post in published}) == len(people)

    # Wiki links lead to pages that exist, and some posts @mention colleagues.
    linked = mentioned = 0
    for post in published:
        result = rendering.render(post.body)
        assert all(wiki.find(path)[0] is not None for path in result.links), (post.title, result.links)
        assert ("<h2" in result.html or "<li>" in result.html) and not re.search(r"\[\[|\*\*", result.html), post.title
        linked += bool(result.links)
        mentioned += bool(result.mentions)
    assert linked >= len(published) * 2 // 3 and mentioned >= 8

    # Comments on posts and on wiki pages, replies among them, all published.
    rows = list(db.session.scalars(select(Comment)))
    assert created["comments"] == len(rows) >= 40
    assert all(comment.status == "published" for comment in rows)
    assert sum(comment.parent_id is not None for comment in rows) >= 10
    assert len({comment.target_id for comment in rows if comment.target_type == "page"}) >= 3
    assert len({comment.target_id for comment in rows if comment.target_type == "post"}) >= 15
    assert sum(bool(re.search(r"[éèàç]", comment.body)) for comment in rows) >= len(rows) // 3

    # Follows and watches; they were in place before the posts, so followers heard of them.
    assert created["follows"] == count(Follow) >= 2 * len(people)
    for user in people.values():
        assert 2 <= db.session.scalar(select(func.count()).select_from(Follow)
                                      .where(Follow.follower_id == user.id)) <= 4
    assert created["watches"] == count(PageWatch) >= 5
    kinds = set(db.session.scalars(select(Notification.kind)))
    assert {"new_post", "mention", "comment", "reply"} <= kinds

    # Profiles are complete, and what the person already had is kept.
    assert created["profiles"] == len(people)
    for username, name, _role, title, department, language, _responder in PEOPLE:
        user = people[username]
        assert (user.display_name, user.title, user.department, user.preferred_language, user.email) == (
            name, title, department, language, f"{username}@example.org")
        assert user.bio and user.location and user.languages_list and 2 <= len(user.expertise_list) <= 5
        assert "[[" not in rendering.render(user.bio).html
    assert 2 <= sum(bool(user.personal_disclaimer) for user in people.values()) <= 3


def test_drafts_stay_private(app, client, site):
    published = [spec["title"] for spec in POSTS if spec.get("publish", True)]
    for url in ("/blog/", "/blog/?page=2", "/blog/?lang=fr", "/feeds/blog.atom", "/blog/james.chen/",
                "/blog/daniel.lefebvre/"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert not any(title in page for title in DRAFTS), url
    everything = client.get("/blog/").get_data(as_text=True) + client.get("/blog/?page=2").get_data(as_text=True)
    assert all(str(escape(title)) in everything for title in published)


def test_running_it_twice_adds_nothing(app, people, site):
    before = counts()
    again = create_blogs(people)
    assert again == dict.fromkeys(site, 0)
    assert counts() == before


def test_the_pages_render(app, client, people, site):
    assert client.get("/blog/").status_code == 200

    farewell = db.session.scalars(select(BlogPost).where(BlogPost.title == "Bonne retraite, Francine!")).one()
    assert farewell.language == "fr"
    response = client.get(f"/blog/{farewell.author.username}/{farewell.slug}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Bonne retraite, Francine!" in html and 'class="mention"' in html
    assert str(escape("Merci pour ta patience et ta bonne humeur.")) in html  # a comment

    directory = client.get("/people/")
    assert directory.status_code == 200 and "Priya Sharma" in directory.get_data(as_text=True)
    profile = client.get("/people/sarah.obrien")
    assert profile.status_code == 200
    text = profile.get_data(as_text=True)
    assert "Halifax, Nova Scotia" in text and "I write as a member of the union executive." in text
    assert "Infrastructure Programs" in text
    french_profile = client.get("/people/jean-francois.roy").get_data(as_text=True)
    assert str(escape("Direction des statistiques")) in french_profile

    onboarding = client.get("/wiki/Human_resources/Onboarding").get_data(as_text=True)
    assert "This page was a lifesaver" in onboarding  # a comment on a wiki page

    feed = feedparser.parse(client.get("/feeds/blog.atom").get_data())
    assert not feed.bozo and feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == db.session.scalar(select(func.count()).select_from(blog.published().subquery()))
    assert "Bonne retraite, Francine!" in titles and not set(DRAFTS) & set(titles)


def test_an_author_missing_from_people_is_replaced(app, quick):
    only = {"marie.tremblay": make_user("marie.tremblay", role="admin", preferred_language="fr")}
    create_wiki(only)
    created = create_blogs(only)
    assert created["posts"] == count(BlogPost) == len(POSTS)
    assert created["profiles"] == 1 and created["follows"] == 0
    assert set(db.session.scalars(select(User.username).join(BlogPost, BlogPost.author_id == User.id))) \
        == {"marie.tremblay"}
