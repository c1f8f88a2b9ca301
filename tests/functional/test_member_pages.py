"""Pages shared by members: one rendering per audience, each member's own parts filled in. Whatever a member
gets from a page another member's request rendered must be what a page rendered for them alone would show:
their name, bell and buttons, their own comments' controls, what their role lets them see, and nothing of
anyone else's."""
import re

import pytest
from flask import render_template_string
from flask_login import current_user
from sqlalchemy import func, select

from opsspace import create_app, member_pages, page_cache
from opsspace.access import access
from opsspace.extensions import db
from opsspace.models import Follow, Notification
from opsspace.services import blog, comments, social, status, wiki
from tests.conftest import BrowserLikeClient, settings_for
from tests.factories import make_user

pytestmark = pytest.mark.dbs
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def signed_in(app, user):
    client = app.test_client()
    assert client.login(user.username).status_code == 302
    client.get("/policy")  # shows the welcome message once: pages after it have nothing pending
    return client


def shared_keys(app) -> list:
    return [key for key in app.extensions[page_cache.EXTENSION].entries if "member" in key]


def without_tokens(html: str) -> str:
    return TOKEN.sub('name="csrf_token" value=""', html)


@pytest.fixture
def site(app, users):
    """A wiki page with comments (one hidden), a post with a comment, and members who watch, follow and have
    notifications waiting: everything that differs from one member to the next."""
    people = {**users, "colleague": make_user("cole.colleague"), "newcomer": make_user("nina.newcomer")}
    page = wiki.save_page("Handbook", body="Read the **first** edition.", author=people["employee"]).page
    comments.add("page", page.id, people["admin"], "Ada notes the handbook.")
    hidden = comments.add("page", page.id, people["responder"], "Rae remarks, later hidden.")
    status.change(hidden, "hidden", people["moderator"], clause="1", reason="Off topic", action="hide")
    post = blog.save_post(people["employee"], title="Quarterly update", body="We shipped **it**.", tags="",
                          language="en", publish=True).post
    comments.add("post", post.id, people["moderator"], "Mo says well done.")
    social.set_watching(people["colleague"], page, True)
    social.set_following(people["colleague"], people["employee"], True)
    db.session.add(Notification(user_id=people["colleague"].id, kind="mention", actor_id=people["admin"].id,
                                target_type="page", target_id=page.id, title="Handbook"))
    db.session.commit()
    urls = ["/wiki/Handbook", f"/blog/emma.employee/{post.slug}", "/", "/people/emma.employee",
            "/people/mo.moderator"]
    return people, urls


def test_every_member_gets_what_a_page_rendered_for_them_alone_shows(app, site):
    people, urls = site
    # The newcomer reads first, so every page is rendered for the stand-in of an employee and kept; then each
    # member reads each page twice: what they get must equal the page rendered for them without sharing.
    order = ["newcomer", "colleague", "employee", "admin", "moderator", "responder"]
    clients = {name: signed_in(app, people[name]) for name in order}
    for url in urls:
        for name in order:
            shared = [clients[name].get(url) for _ in range(2)]
            app.config["PAGE_CACHE_MEMBERS"] = False
            alone = clients[name].get(url)
            app.config["PAGE_CACHE_MEMBERS"] = True
            for response in shared:
                assert response.status_code == alone.status_code == 200, (url, name)
                assert response.headers["Cache-Control"] == "private, no-store"
                assert without_tokens(response.get_data(as_text=True)) == without_tokens(alone.get_data(as_text=True)), (url, name)
    assert len(shared_keys(app)) >= len(urls)  # every page was shared (once per role that read it)
    # What tells the pages apart, so the comparison above compared something.
    colleague = clients["colleague"].get("/wiki/Handbook").get_data(as_text=True)
    newcomer = clients["newcomer"].get("/wiki/Handbook").get_data(as_text=True)
    assert "Cole Colleague" in colleague and "Cole Colleague" not in newcomer
    assert "Watching this page" in colleague and "Watch this page" in newcomer
    assert 'class="bell__count">1<' in colleague and "bell__count" not in newcomer
    assert "Rae remarks" not in newcomer and "Rae remarks" in clients["moderator"].get(
        "/wiki/Handbook").get_data(as_text=True)


def test_a_member_gets_the_controls_of_what_they_wrote_on_a_page_others_share(app, site):
    people, _urls = site
    reader = signed_in(app, people["newcomer"])
    assert "Ada notes" in reader.get("/wiki/Handbook").get_data(as_text=True)
    theirs = signed_in(app, people["admin"]).get("/wiki/Handbook").get_data(as_text=True)
    mine = signed_in(app, people["responder"]).get("/wiki/Handbook").get_data(as_text=True)
    own_comment = comments_of(people["admin"])[0]
    assert f"/comments/{own_comment.id}/edit" in theirs
    assert f"/comments/{own_comment.id}/edit" not in reader.get("/wiki/Handbook").get_data(as_text=True)
    assert "Rae remarks" in mine  # hidden from everyone but its author and moderators


def comments_of(user):
    from opsspace.models import Comment

    return db.session.scalars(select(Comment).where(Comment.author_id == user.id)).all()


def test_a_members_own_parts_follow_what_they_do_and_what_reaches_them(app, site):
    people, _urls = site
    signed_in(app, people["newcomer"]).get("/wiki/Handbook")  # shared from now on
    me = signed_in(app, people["employee"])
    page = me.get("/wiki/Handbook").get_data(as_text=True)
    assert "Watch this page" in page and "bell__count" in page  # the comments on her page and post
    me.post("/notifications/read", data={})
    me.get("/policy")
    page = me.get("/wiki/Handbook").get_data(as_text=True)
    assert "bell__count" not in page
    token = TOKEN.search(page).group(1)  # the token a shared page carries is this member's own, and works
    assert me.post("/wiki/Handbook/watch", data={"csrf_token": token, "watch": "1"}).status_code == 302
    me.get("/policy")
    assert "Watching this page" in me.get("/wiki/Handbook").get_data(as_text=True)
    comments.add("page", wiki.find("Handbook")[0].id, people["admin"], "@emma.employee have a look.")
    assert 'class="bell__count">' in me.get("/wiki/Handbook").get_data(as_text=True)
    me.get("/notifications/")
    me.post("/notifications/read", data={})
    me.get("/policy")
    assert "bell__count" not in me.get("/wiki/Handbook").get_data(as_text=True)


@pytest.fixture
def probes(app):
    """Views marked shared that depend on the member in ways a hole does not cover."""

    def name():
        return render_template_string("<p>{{ current_user.display_name }}</p>")

    def follows():
        return render_template_string("<p>{{ n }}</p>", n=social.is_following(current_user, 1))

    def counted():
        count = db.session.scalar(select(func.count()).select_from(Follow).where(Follow.follower_id == current_user.id))
        return render_template_string("<p>{{ n }}</p>", n=count)

    def compared():
        return render_template_string("<p>{{ 'mine' if mine else 'theirs' }}</p>", mine=current_user.id == 1)

    for view in (name, follows, counted, compared):
        app.add_url_rule(f"/probe/{view.__name__}", view.__name__, access("user")(member_pages.shared(view)))


def test_a_page_that_reads_the_member_beyond_its_holes_is_rendered_for_each_of_them(app, users, probes):
    emma, mo = signed_in(app, users["employee"]), signed_in(app, users["moderator"])
    assert users["employee"].id == 1
    social.set_following(users["moderator"], users["employee"], True)
    assert emma.get("/probe/name").get_data(as_text=True) == "<p>Emma Employee</p>"
    assert mo.get("/probe/name").get_data(as_text=True) == "<p>Mo Moderator</p>"
    assert emma.get("/probe/follows").get_data(as_text=True) == "<p>False</p>"
    assert mo.get("/probe/follows").get_data(as_text=True) == "<p>True</p>"
    assert emma.get("/probe/counted").get_data(as_text=True) == "<p>0</p>"
    assert mo.get("/probe/counted").get_data(as_text=True) == "<p>1</p>"
    assert not [key for key in shared_keys(app) if key[2].startswith(("/probe/name", "/probe/follows", "/probe/counted"))]
    # A comparison with the member's id is kept with the page: the one it names gets a page of their own.
    assert mo.get("/probe/compared").get_data(as_text=True) == "<p>theirs</p>"
    assert emma.get("/probe/compared").get_data(as_text=True) == "<p>mine</p>"
    assert mo.get("/probe/compared").get_data(as_text=True) == "<p>theirs</p>"
    assert [key for key in shared_keys(app) if "/probe/compared" in key[2]]


def test_a_members_own_change_made_in_another_worker_shows_on_their_next_page(app, tmp_path, database_url,
                                                                              site, monkeypatch):
    people, _urls = site
    monkeypatch.setattr(page_cache, "CHECK_EVERY", 3600.0)  # this worker would not look at the generation again
    here, newcomer = signed_in(app, people["colleague"]), signed_in(app, people["newcomer"])
    assert "Cole was here" not in here.get("/wiki/Handbook").get_data(as_text=True)
    other_worker = create_app(settings_for(tmp_path, database_url))
    other_worker.test_client_class = BrowserLikeClient
    there = other_worker.test_client()
    there.set_cookie("opsspace_session", here.get_cookie("opsspace_session").value)
    page_id = wiki.find("Handbook")[0].id
    assert there.post("/comments/", data={"target_type": "page", "target_id": page_id,
                                          "body": "Cole was here."}).status_code == 302
    there.get("/policy")  # the message about it, shown there
    # Another member gets the page this worker kept until it reads the generation again (here: not soon);
    # the one who wrote reads it at once.
    assert "Cole was here" not in newcomer.get("/wiki/Handbook").get_data(as_text=True)
    here.set_cookie("opsspace_session", there.get_cookie("opsspace_session").value)
    assert "Cole was here" in here.get("/wiki/Handbook").get_data(as_text=True)
    with other_worker.app_context():
        db.session.remove()
        db.engine.dispose()


def test_sharing_can_be_turned_off_alone(app, site, monkeypatch):
    people, urls = site
    app.config["PAGE_CACHE_MEMBERS"] = False
    for name in ("newcomer", "colleague"):
        for url in urls:
            assert signed_in(app, people[name]).get(url).status_code == 200
    assert shared_keys(app) == []
    assert app.extensions[page_cache.EXTENSION].parts == {}


def test_the_stand_in_notes_comparisons_and_refuses_what_is_personal(app, users):
    with app.test_request_context("/"):
        from flask import g

        render = g._shared_render = member_pages._Render()
        stand_in = member_pages.StandIn(users["moderator"])
        assert stand_in.is_moderator and not stand_in.is_admin and stand_in.has_role("employee")
        assert (stand_in.id == 7) is False and (7 != stand_in.id) is True and stand_in.id is not None
        assert render.involved == {7} and render.personal is None
        assert stand_in.username == "mo.moderator" and render.personal == "member's username read"
        for personal in (lambda: {stand_in.id: 1}, lambda: f"{stand_in.id}", lambda: str(stand_in.id)):
            render.personal = None
            personal()
            assert render.personal
        del g._shared_render
