"""Bad input gets a clear 4xx with a message, and nothing already saved is harmed: oversized bodies, invalid
UTF-8, NUL characters, huge tag lists, very long titles and names, malformed query strings, invalid dates and ids."""
import pytest

from opsspace.extensions import db
from opsspace.services import blog, comments, wiki

pytestmark = pytest.mark.dbs  # PostgreSQL refuses NUL characters and huge integers that SQLite takes


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.moderation", "plugins.flagging", "plugins.stats"]}


@pytest.fixture
def saved(app, users):
    """A page, a post and a comment by the employee, as they were before each bad request."""
    page = wiki.save_page("Safe_page", body="The saved text.", author=users["employee"])
    post = blog.save_post(users["employee"], title="Safe post", body="The saved post.", tags="kept", publish=True)
    comment = comments.add("post", post.post.id, users["employee"], "The saved comment.")
    return {"revision": page.revision.id, "post": post.post.id, "slug": post.post.slug, "comment": comment.id}


def unharmed(saved) -> None:
    db.session.rollback()
    page, _ = wiki.find("Safe_page")
    assert page.current_revision.id == saved["revision"] and page.current_revision.body == "The saved text."
    post = db.session.get(blog.BlogPost, saved["post"])
    assert (post.title, post.body, post.tags, post.version) == ("Safe post", "The saved post.", ",kept,", 1)
    assert db.session.get(comments.Comment, saved["comment"]).body == "The saved comment."


def says(response, status: int, *words: str) -> str:
    text = response.get_data(as_text=True)
    assert response.status_code == status, f"{response.status_code} instead of {status}: {text[:300]}"
    for word in words:
        assert word in text, f"{word!r} is not in the answer"
    return text


def edit_page(client, saved, **fields):
    data = {"title": "Safe page", "body": "The saved text.", "summary": "", "language": "en",
            "base_revision_id": str(saved["revision"]), "action": "save", **fields}
    return client.post("/wiki/Safe_page/edit", data=data)


def edit_post(client, saved, **fields):
    data = {"title": "Safe post", "body": "The saved post.", "tags": "kept", "language": "en",
            "base_version": "1", "action": "publish", **fields}
    return client.post(f"/blog/emma.employee/{saved['slug']}/edit", data=data)


def test_an_oversized_body_is_refused_with_a_message(app, client, users, login, saved):
    login(users["employee"])
    response = edit_page(client, saved, body="x" * (app.config["MAX_CONTENT_LENGTH"] + 1))
    says(response, 413, "larger than the site accepts")
    unharmed(saved)


def test_text_over_the_limits_is_refused_and_kept_in_the_form(client, users, login, saved):
    login(users["employee"])
    text = says(edit_page(client, saved, body="y" * (wiki.MAX_BODY + 1)), 400, "The text is too long")
    assert "y" * 1000 in text  # what was typed is still in the editor
    says(edit_page(client, saved, title="T" * 5000), 400, "The title can have 200 characters at most.")
    says(edit_page(client, saved, summary="S" * 5000), 400, "The summary can have 500 characters at most.")
    says(edit_post(client, saved, title="T" * 5000), 400, "The title can have 200 characters at most.")
    says(edit_post(client, saved, body="y" * (blog.MAX_BODY + 1)), 400, "The text is too long")
    says(client.post("/comments/", data={"target_type": "post", "target_id": str(saved["post"]),
                                         "body": "c" * (comments.MAX_BODY + 1)}), 400, "at most")
    says(client.post("/settings/profile", data={"display_name": "D" * 5000}), 400, "Your display name is too long")
    says(client.post("/settings/profile", data={"display_name": "Emma", "bio": "b" * 50_000}), 400,
         "Your introduction is too long")
    unharmed(saved)


def test_huge_tag_lists_are_refused(client, users, login, saved):
    login(users["employee"])
    many = ",".join(f"tag{n}" for n in range(5000))
    says(edit_post(client, saved, tags=many), 400, "Use 12 tags at most.")
    says(edit_post(client, saved, tags="t" * 5000), 400, "A tag can have 40 characters at most.")
    says(client.post("/settings/profile", data={"display_name": "Emma", "expertise": many}), 400, "12 tags at most")
    unharmed(saved)


def test_nul_characters_are_refused_everywhere(client, users, login, saved):
    login(users["employee"])
    says(edit_page(client, saved, body="a\x00b"), 400, "NUL character")
    says(edit_page(client, saved, title="a\x00b"), 400, "NUL character")
    says(edit_post(client, saved, body="a\x00b"), 400, "NUL character")
    says(edit_post(client, saved, tags="a\x00b"), 400, "NUL character")
    says(client.post("/comments/", data={"target_type": "post", "target_id": str(saved["post"]),
                                         "body": "a\x00b"}), 400, "NUL character")
    for field in ("display_name", "bio", "title", "department", "location", "expertise", "personal_disclaimer"):
        says(client.post("/settings/profile", data={"display_name": "Emma", field: "a\x00b"}), 400, "NUL character")
    says(client.get("/search?q=a%00b"), 400, "NUL character")
    says(client.get("/people/?name=a%00b"), 400, "NUL character")
    says(client.post("/login", data={"username": "a\x00b", "password": "x"}), 400, "NUL character")
    unharmed(saved)


def test_invalid_utf8_is_refused_with_a_message(client, users, login, saved):
    login(users["employee"])
    token = client.csrf_token()
    body = f"csrf_token={token}&title=Safe+page&body=%C3%28%FF&language=en&action=save".encode()
    response = client.post("/wiki/Safe_page/edit", data=body, content_type="application/x-www-form-urlencoded",
                           csrf=False)
    says(response, 400, "not valid UTF-8")
    says(client.get("/search?q=%FF%FE"), 400, "not valid UTF-8")
    says(client.get("/wiki/Safe_page?x=%C3%28"), 400, "not valid UTF-8")
    unharmed(saved)


@pytest.mark.parametrize("path, status, message", [
    ("/search?q=%", 200, None), ("/search?q=%%%%&page=abc", 200, None), ("/search?page=-5&q=text", 200, None),
    ("/search?q=text&page=99999999999999999999999", 200, None), ("/search?q=" + "a" * 10_000, 200, None),
    ("/search?q=text&type=nonsense&lang=xx", 200, None), ("/search/suggest?q=%25%25%25", 200, None),
    ("/blog/?page=99999999999999999999999", 200, None), ("/recent?page=-1&type=zzz&lang=zz", 200, None),
    ("/people/?page=abc&department=%25", 200, None), ("/wiki/?prefix=%2F%2F..", 200, None),
    ("/wiki/Safe_page/diff?from=a&to=b", 400, "Choose two revisions to compare."),
    ("/wiki/Safe_page/diff?from=1", 400, "Choose two revisions to compare."),
    ("/wiki/Safe_page/diff?from=1&to=99999999999999999999999", 404, "This page has no revision"),
    # a number no database holds is no id: the address leads nowhere
    ("/wiki/Safe_page/revisions/99999999999999999999999", 404, None),
    ("/wiki/Safe_page/revisions/0", 404, "This page has no revision"),
    ("/comments/99999999999999999999999/versions", 404, "There is nothing at this address."),
    ("/comments/99999999999999999999999/edit", 404, "There is nothing at this address."),
    ("/comments/2147483647/edit", 404, "There is no such comment."),
    ("/admin/audit?since=2024-13-45", 400, "Write the date as YYYY-MM-DD."),
    ("/admin/audit?until=yesterday&target_id=%00", 400, None),
    ("/admin/audit?page=99999999999999999999999", 200, None),
])
def test_malformed_queries_and_ids(client, users, login, saved, path, status, message):
    login(users["admin"])
    says(client.get(path), status, *([message] if message else []))
    unharmed(saved)


@pytest.mark.parametrize("form, message", [
    ({"target_type": "post", "target_id": "abc", "body": "x"}, "Bad request"),
    ({"target_type": "post", "target_id": "99999999999999999999999", "body": "x"}, "There is nothing to comment on"),
    ({"target_type": "nonsense", "target_id": "1", "body": "x"}, "There is nothing to comment on"),
    ({"target_type": "post", "target_id": "1", "parent_id": "x", "body": "x"}, "Bad request"),
    ({"target_type": "post", "target_id": "1", "parent_id": "99999999999999999999999", "body": "x"},
     "The comment you answered is not on this page."),
])
def test_invalid_ids_in_forms(client, users, login, saved, form, message):
    login(users["admin"])
    response = client.post("/comments/", data=form)
    assert 400 <= response.status_code < 500 and message in response.get_data(as_text=True), (
        response.status_code, response.get_data(as_text=True)[:300])
    says(client.post("/notifications/read", data={"id": "99999999999999999999999"}), 302)
    assert client.post("/wiki/Safe_page/revert/99999999999999999999999", data={}).status_code in (404, 405)
    says(client.post("/wiki/Safe_page/revert/2147483647", data={}), 404, "This page has no revision")
    unharmed(saved)


@pytest.mark.parametrize("content_id", ["99999999999999999999999", "-3", "abc", ""])
def test_reports_of_no_such_content_say_so(client, users, login, saved, content_id):
    login(users["admin"])
    response = client.post("/report", data={"content_type": "post", "content_id": content_id, "clause": "1",
                                            "next": "/blog/"}, follow_redirects=True)
    assert response.status_code in (200, 400), response.status_code
    if response.status_code == 200:
        assert "Your report was not sent" in response.get_data(as_text=True)
    unharmed(saved)
