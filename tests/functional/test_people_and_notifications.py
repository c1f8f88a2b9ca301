"""Comments, follows, watches, mentions and notifications; profiles, avatars and the directory."""
import html
import io
import re

import pytest
from PIL import Image
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import Avatar, Comment, CommentVersion, Notification, User
from opsspace.services import blog, comments, social, wiki
from tests.factories import make_user

pytestmark = pytest.mark.dbs


def kinds(user):
    return sorted(n.kind for n in db.session.scalars(social.for_user(user)))


def test_comment_reply_and_mention_notify_the_right_people(app, users):
    post = blog.save_post(users["employee"], title="Team news", body="Hello", publish=True).post
    first = comments.add("post", post.id, users["moderator"], "Nice one @rae.responder")
    comments.add("post", post.id, users["admin"], "I agree", parent_id=first.id)
    assert kinds(users["employee"]) == ["comment", "comment"]
    assert kinds(users["moderator"]) == ["reply"]
    assert kinds(users["responder"]) == ["mention"]
    assert kinds(users["admin"]) == []  # nobody hears of their own act


def test_replies_stay_one_level_deep(app, users):
    post = blog.save_post(users["employee"], title="Thread", body="x", publish=True).post
    first = comments.add("post", post.id, users["moderator"], "first")
    reply = comments.add("post", post.id, users["admin"], "reply", parent_id=first.id)
    deeper = comments.add("post", post.id, users["employee"], "reply to the reply", parent_id=reply.id)
    assert deeper.parent_id == first.id


def test_comment_edit_keeps_versions_and_delete_is_soft(client, users, login):
    post = blog.save_post(users["employee"], title="Edits", body="x", publish=True).post
    login(users["moderator"])
    client.post("/comments/", data={"target_type": "post", "target_id": post.id, "body": "first words"})
    comment = db.session.scalars(select(Comment)).one()
    client.post(f"/comments/{comment.id}/edit", data={"body": "better words"})
    page = client.get("/blog/emma.employee/edits").get_data(as_text=True)
    assert "better words" in page and "first words" not in page
    assert db.session.scalars(select(CommentVersion.body)).all() == ["first words"]
    assert "first words" in client.get(f"/comments/{comment.id}/versions").get_data(as_text=True)
    client.post(f"/comments/{comment.id}/delete")
    reader_page = client.application.test_client().get("/blog/emma.employee/edits").get_data(as_text=True)
    assert "better words" not in reader_page
    assert db.session.get(Comment, comment.id).status == "deleted"


def test_an_empty_comment_is_refused_and_nothing_is_lost(client, users, login):
    post = blog.save_post(users["employee"], title="Empty", body="x", publish=True).post
    login(users["moderator"])
    response = client.post("/comments/", data={"target_type": "post", "target_id": post.id, "body": "   "})
    assert response.status_code == 400 and "Write a comment before sending it." in response.get_data(as_text=True)
    long_text = "x" * 20_001
    response = client.post("/comments/", data={"target_type": "post", "target_id": post.id, "body": long_text})
    assert response.status_code == 400 and long_text in response.get_data(as_text=True)


def test_comments_on_wiki_pages_use_the_same_code(client, users, login):
    page = wiki.save_page("Team", body="Our team.", author=users["employee"]).page
    login(users["moderator"])
    client.post("/comments/", data={"target_type": "page", "target_id": page.id, "body": "Welcome, @emma.employee!"})
    assert "Welcome," in client.get("/wiki/Team").get_data(as_text=True)
    assert kinds(users["employee"]) == ["mention"]


def test_followers_hear_of_new_posts_and_watchers_of_page_edits(client, users, login):
    login(users["moderator"])
    client.post("/people/emma.employee/follow", data={"follow": "1"})
    page = wiki.save_page("Watched", body="v1", author=users["employee"]).page
    client.post("/wiki/Watched/watch", data={"watch": "1"})
    blog.save_post(users["employee"], title="A draft", body="x")  # drafts notify nobody
    assert kinds(users["moderator"]) == []
    out_now = blog.save_post(users["employee"], title="Out now", body="x", publish=True).post
    wiki.save_page("Watched", body="v2", author=users["employee"], base_revision_id=page.current_revision_id)
    assert kinds(users["moderator"]) == ["new_post", "page_edit"]
    listing = client.get("/notifications/").get_data(as_text=True)
    assert "Emma Employee published “Out now”" in listing
    assert "Emma Employee edited “Watched”, a page you watch" in listing
    # Each leads where it happened: the post, the change to the page, a comment in its place.
    comment = comments.add("post", out_now.id, users["employee"], "Thanks @mo.moderator")
    goes = re.findall(r'name="go" value="([^"]*)"', client.get("/notifications/").get_data(as_text=True))
    assert sorted(html.unescape(go) for go in goes) == sorted([
        "/blog/emma.employee/out-now", "/wiki/Watched/diff?to=2&from=1",
        f"/blog/emma.employee/out-now#comment-{comment.id}"])


def test_bell_counts_unread_and_mark_read(client, users, login):
    post = blog.save_post(users["employee"], title="Count", body="x", publish=True).post
    comments.add("post", post.id, users["moderator"], "one")
    comments.add("post", post.id, users["admin"], "two")
    login(users["employee"])
    assert '<span class="bell__count">2</span>' in client.get("/").get_data(as_text=True)
    note = db.session.scalars(select(Notification)).first()
    response = client.post("/notifications/read", data={"id": note.id, "go": "/blog/emma.employee/count"})
    assert response.headers["Location"] == "/blog/emma.employee/count"
    assert '<span class="bell__count">1</span>' in client.get("/").get_data(as_text=True)
    client.post("/notifications/read")
    assert "bell__count" not in client.get("/").get_data(as_text=True)


def test_deleted_content_disappears_from_notifications(client, users, login):
    post = blog.save_post(users["employee"], title="Gone soon", body="x", publish=True).post
    comment = comments.add("post", post.id, users["moderator"], "hello @rae.responder")
    comments.delete(comment, users["moderator"])
    assert kinds(users["employee"]) == [] and kinds(users["responder"]) == []
    assert social.unread_count(users["employee"]) == 0


def picture(kind="PNG", size=(300, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 80, 160)).save(out, format=kind)
    return out.getvalue()


def profile_form(**extra):
    data = {"display_name": "Emma Employee", "title": "Analyst", "department": "Finance", "location": "Toronto",
            "languages_spoken": ["en", "fr"], "expertise": "Procurement, data analysis", "bio": "I **love** data."}
    data.update(extra)
    return data


def test_profile_with_avatar_bio_expertise(client, users, login):
    login(users["employee"])
    data = profile_form(avatar=(io.BytesIO(picture("JPEG")), "me.jpg"))
    response = client.post("/settings/profile", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    stored = db.session.get(Avatar, users["employee"].id)
    assert stored.mime == "image/png" and Image.open(io.BytesIO(stored.data)).size == (256, 256)
    served = client.get("/people/emma.employee/avatar")
    assert served.mimetype == "image/png" and served.headers["X-Content-Type-Options"] == "nosniff"
    assert "inline" in served.headers["Content-Disposition"]
    page = client.get("/people/emma.employee").get_data(as_text=True)
    assert "<strong>love</strong>" in page and "data analysis" in page and "Toronto" in page
    assert 'src="/people/emma.employee/avatar"' in page


@pytest.mark.parametrize("upload, message", [
    (b"<html><script>alert(1)</script></html>", "not a picture we can use"),
    (b"GIF89a" + b"\x00" * 20, "not a picture we can use"),
    (b"\x89PNG\r\n\x1a\n" + b"x" * 110_000, "The picture is too large: 0.1 MB at most."),
])
def test_a_bad_upload_gets_a_clear_error_and_nothing_is_saved(client, users, login, upload, message, monkeypatch):
    from opsspace.services import people

    # A small limit keeps the upload in memory (the test client spools large bodies to files it never closes).
    monkeypatch.setattr(people, "AVATAR_MAX_BYTES", 1024 * 1024 // 10)
    login(users["employee"])
    data = profile_form(title="Not saved", avatar=(io.BytesIO(upload), "me.png"))
    response = client.post("/settings/profile", data=data, content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert 'value="Not saved"' in page  # the form keeps what was typed
    user = db.session.get(User, users["employee"].id)
    assert user.title is None and not user.has_avatar
    assert db.session.get(Avatar, user.id) is None


def test_people_without_a_picture_show_their_initials(client, users):
    page = client.get("/people/emma.employee").get_data(as_text=True)
    assert 'avatar--initials" aria-hidden="true">EE</span>' in page


def test_directory_filters_by_name_department_and_expertise(client, users):
    make_user("li.wei", display_name="Li Wei", department="Finance")
    finance = make_user("jo.smith", display_name="Jo Smith", department="Finance")
    finance.expertise = ",procurement,"
    db.session.commit()
    assert "Li Wei" in client.get("/people/?name=wei").get_data(as_text=True)
    by_department = client.get("/people/?department=finance").get_data(as_text=True)
    assert "Li Wei" in by_department and "Jo Smith" in by_department and "Emma Employee" not in by_department
    by_expertise = client.get("/people/?expertise=procurement").get_data(as_text=True)
    assert "Jo Smith" in by_expertise and "Li Wei" not in by_expertise


def test_profile_lists_recent_activity(client, users):
    blog.save_post(users["employee"], title="My first post", body="x", publish=True)
    wiki.save_page("Handbook", body="x", summary="started the handbook", author=users["employee"])
    page = client.get("/people/emma.employee").get_data(as_text=True)
    assert "My first post" in page and "started the handbook" in page


def test_a_bad_picture_and_a_bad_field_are_reported_together(client, users, login):
    login(users["employee"])
    data = profile_form(display_name="", avatar=(io.BytesIO(b"not an image"), "me.png"))
    page = client.post("/settings/profile", data=data, content_type="multipart/form-data").get_data(as_text=True)
    assert "Your display name is required." in page and "not a picture we can use" in page


def test_a_new_picture_is_served_fresh(client, users, login):
    login(users["employee"])
    client.post("/settings/profile", data=profile_form(avatar=(io.BytesIO(picture()), "a.png")),
                content_type="multipart/form-data")
    first = client.get("/people/emma.employee/avatar")
    assert first.headers["Cache-Control"] == "private, no-cache" and first.headers["ETag"]
    again = client.get("/people/emma.employee/avatar", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
