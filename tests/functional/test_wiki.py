"""The wiki as its users see it: create, edit, preview, history, diff, revert, move, backlinks, protection."""
import feedparser
import pytest
from sqlalchemy import func, select

from opsspace.extensions import db
from opsspace.models import AuditEvent, Revision, SearchOutbox, WikiPage
from opsspace.services import wiki
from tests.factories import make_user

pytestmark = pytest.mark.dbs


def save(client, path, body, base="", **extra):
    data = {"title": extra.pop("title", ""), "body": body, "summary": extra.pop("summary", ""),
            "language": extra.pop("language", "en"), "base_revision_id": base, "action": "save", **extra}
    return client.post(f"/wiki/{path}/edit", data=data)


def head_id(path):
    return db.session.scalar(select(WikiPage.current_revision_id).where(WikiPage.path == path))


def test_employee_creates_a_page_and_readers_see_it(client, users, login, app):
    login(users["employee"])
    response = save(client, "Onboarding", "# Welcome\n\nRead the **handbook**.", title="Onboarding guide",
                    summary="First version")
    assert response.status_code == 302 and response.headers["Location"] == "/wiki/Onboarding"
    page = client.get("/wiki/Onboarding").get_data(as_text=True)
    assert "<strong>handbook</strong>" in page and "Your changes are saved." in page
    reader = app.test_client()
    assert "<strong>handbook</strong>" in reader.get("/wiki/Onboarding").get_data(as_text=True)
    page_row = db.session.scalars(select(WikiPage)).one()
    assert page_row.title == "Onboarding guide"
    # The save wrote its audit event, and its search outbox row was applied to the index after commit.
    assert db.session.scalar(select(func.count()).select_from(SearchOutbox)) == 0
    assert "Onboarding guide" in reader.get("/search?q=handbook").get_data(as_text=True)
    assert db.session.scalars(select(AuditEvent.action).where(AuditEvent.target_type == "page")).all() == ["wiki.revision_saved"]


def test_paths_are_normalized_and_hierarchical(client, users, login):
    login(users["employee"])
    save(client, "Human resources", "HR home")
    save(client, "Human_resources/Onboarding", "Child page")
    assert client.get("/wiki/human%20resources").headers["Location"].endswith("/wiki/Human_resources")
    page = client.get("/wiki/Human_resources/Onboarding").get_data(as_text=True)
    assert 'aria-label="Breadcrumbs"' in page and 'href="/wiki/Human_resources"' in page
    parent = client.get("/wiki/Human_resources").get_data(as_text=True)
    assert "Pages below this one" in parent and "/wiki/Human_resources/Onboarding" in parent
    tree = client.get("/wiki/").get_data(as_text=True)
    assert "Human resources" in tree and "Onboarding" in tree


def test_preview_saves_nothing_and_keeps_the_text(client, users, login):
    login(users["employee"])
    response = client.post("/wiki/Draft/edit", data={"title": "Draft", "body": "Some *text* I typed",
                                                     "summary": "my summary", "language": "en",
                                                     "base_revision_id": "", "action": "preview"})
    page = response.get_data(as_text=True)
    assert "<em>text</em>" in page and "Some *text* I typed" in page and "my summary" in page
    assert db.session.scalar(select(func.count()).select_from(WikiPage)) == 0


def test_bad_input_is_refused_with_a_message_and_the_text_kept(client, users, login):
    login(users["employee"])
    response = save(client, "Long", "kept text", title="x" * 300)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "The title can have 200 characters at most." in page and "kept text" in page
    assert client.post("/wiki/A%23b/edit", data={"body": "x"}).status_code == 404


def test_history_diff_and_revert(client, users, login):
    login(users["employee"])
    save(client, "Policy", "The quick brown fox.\n\nSecond paragraph.", summary="v1")
    save(client, "Policy", "The quick red fox.\n\nSecond paragraph.", base=head_id("Policy"), summary="v2")
    history = client.get("/wiki/Policy/history").get_data(as_text=True)
    assert "v1" in history and "v2" in history
    diff = client.get("/wiki/Policy/diff?from=1&to=2").get_data(as_text=True)
    assert "<del>brown</del><ins>red</ins>" in diff
    old = client.get("/wiki/Policy/revisions/1").get_data(as_text=True)
    assert "This is an old revision" in old and "brown" in old
    response = client.post("/wiki/Policy/revert/1", data={"reason": "wrong colour"})
    assert response.status_code == 302
    current = client.get("/wiki/Policy").get_data(as_text=True)
    assert "brown" in current
    revisions = db.session.scalars(select(Revision).order_by(Revision.number)).all()
    assert [r.number for r in revisions] == [1, 2, 3]
    assert revisions[-1].summary == "Restored revision 1: wrong colour"
    assert client.get("/wiki/Policy/diff?from=x&to=2").status_code == 400
    assert client.get("/wiki/Policy/revisions/99").status_code == 404


def test_second_editor_gets_a_clean_merge_when_changes_do_not_overlap(client, users, login, app):
    login(users["employee"])
    save(client, "Shared", "Line one.\nLine two.\nLine three.\nLine four.\nLine five.")
    base = head_id("Shared")
    other = app.test_client()
    other.login("mo.moderator")
    save(other, "Shared", "Line one, edited by Mo.\nLine two.\nLine three.\nLine four.\nLine five.", base=base)
    response = save(client, "Shared", "Line one.\nLine two.\nLine three.\nLine four.\nLine five, edited by Emma.", base=base)
    assert response.status_code == 302
    assert "did not overlap" in client.get("/wiki/Shared").get_data(as_text=True)
    body = db.session.get(Revision, head_id("Shared")).body
    assert "edited by Mo" in body and "edited by Emma" in body


def test_second_editor_sees_conflict_and_keeps_text(client, users, login, app):
    login(users["employee"])
    save(client, "Shared", "The meeting is on Monday.")
    base = head_id("Shared")
    other = app.test_client()
    other.login("mo.moderator")
    save(other, "Shared", "The meeting is on Tuesday.", base=base)
    response = save(client, "Shared", "The meeting is on Wednesday.", base=base)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Edit conflict" in page and "The meeting is on Wednesday." in page and "The meeting is on Tuesday." in page
    assert db.session.get(Revision, head_id("Shared")).body == "The meeting is on Tuesday."  # nothing overwritten
    # The conflict form is based on the saved revision: saving it now goes through.
    new_base = head_id("Shared")
    assert f'name="base_revision_id" value="{new_base}"' in page
    assert save(client, "Shared", "The meeting is on Tuesday or Wednesday.", base=new_base).status_code == 302


def test_unchanged_save_makes_no_revision(client, users, login):
    login(users["employee"])
    save(client, "Same", "text")
    save(client, "Same", "text", base=head_id("Same"), title="Same")
    assert db.session.scalar(select(func.count()).select_from(Revision)) == 1


def test_move_leaves_a_redirect_and_links_still_resolve(client, users, login):
    login(users["employee"])
    save(client, "Old_name", "The page.")
    save(client, "Old_name/Child", "A child.")
    save(client, "Linker", "See [[Old name]] and [[Nowhere yet]].")
    response = client.post("/wiki/Old_name/move", data={"new_path": "New name", "reason": "clearer"})
    assert response.status_code == 302 and response.headers["Location"] == "/wiki/New_name"
    assert client.get("/wiki/Old_name").headers["Location"] == "/wiki/New_name"
    assert client.get("/wiki/Old_name/Child").headers["Location"] == "/wiki/New_name/Child"
    linker = client.get("/wiki/Linker").get_data(as_text=True)
    assert '<a class="wikilink" href="/wiki/Old_name"' in linker  # still a live link (through the redirect)
    assert '<a class="wikilink new" href="/wiki/Nowhere_yet/edit"' in linker
    backlinks = client.get("/wiki/New_name/backlinks").get_data(as_text=True)
    assert "/wiki/Linker" in backlinks
    assert client.post("/wiki/Linker/move", data={"new_path": "New name"}).status_code == 400


def test_missing_page_offers_creation(client, users, login):
    assert client.get("/wiki/Not_there").status_code == 404
    login(users["employee"])
    page = client.get("/wiki/Not_there").get_data(as_text=True)
    assert 'href="/wiki/Not_there/edit"' in page


def test_protected_page_is_edited_by_moderators_only(client, users, login, app):
    login(users["moderator"])
    save(client, "Rules", "Official rules.")
    client.post("/wiki/Rules/protect", data={"protected": "1", "reason": "vandalism"})
    employee = app.test_client()
    employee.login("emma.employee")
    assert save(employee, "Rules", "Vandalised.", base=head_id("Rules")).status_code == 403
    assert save(client, "Rules", "Official rules, updated.", base=head_id("Rules")).status_code == 302
    assert db.session.scalars(select(AuditEvent.reason).where(AuditEvent.action == "wiki.protected")).all() == ["vandalism"]


def test_editing_needs_a_signed_in_user_who_accepted_the_policy(client, app):
    assert client.get("/wiki/X/edit").headers["Location"].startswith("/login")
    newcomer = make_user("new.comer", accepted_policy=False)
    client.login(newcomer.username)
    assert client.get("/wiki/X/edit").headers["Location"].startswith("/policy?next=/wiki/X/edit")


def test_recent_changes_and_feed(client, users, login):
    login(users["employee"])
    save(client, "Réunion", "Ordre du jour", title="Réunion d'équipe", language="fr", summary="créée")
    save(client, "Meeting", "Agenda", language="en")
    page = client.get("/recent?lang=fr").get_data(as_text=True)
    assert "Réunion d&#39;équipe" in page and "/wiki/Meeting" not in page
    feed = feedparser.parse(client.get("/feeds/recent.atom").get_data())
    assert not feed.bozo and feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["Meeting (1)", "Réunion d'équipe (1)"]
    assert feed.entries[0].author == "Emma Employee"


def test_rendering_is_cached_per_revision(app, users):
    result = wiki.save_page("Cached", body="Hello", author=users["employee"])
    first = wiki.rendered(result.revision)[0]
    assert wiki.rendered(result.revision)[0] == first


def test_a_service_save_without_a_title_keeps_the_page_title(app, users):
    first = wiki.save_page("Named", title="A chosen title", body="one", author=users["employee"])
    second = wiki.save_page("Named", body="two", author=users["employee"], base_revision_id=first.revision.id)
    assert second.revision.title == "A chosen title"


def test_the_editor_keeps_a_leading_blank_line(client, users, login):
    wiki.save_page("Blank", body="\nStarts with a blank line", author=users["employee"])
    login(users["employee"])
    page = client.get("/wiki/Blank/edit").get_data(as_text=True)
    # Browsers drop the first newline after <textarea>: the template adds one so the text survives a round trip.
    assert ">\n\nStarts with a blank line</textarea>" in page
