"""Moderation as moderators, authors and reporters live it: reports, auto-hide, claims, decisions with
reasons, appeals to another moderator, the audit trail, and held content."""
import re

import pytest
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import AuditEvent, BlogPost, Comment, Notification, User
from opsspace.services import blog, comments, search, wiki
from plugins.moderation import service
from plugins.moderation.models import Action, Item, Report
from tests.factories import make_user

pytestmark = pytest.mark.dbs


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.moderation", "tests.plugins.holder"]}


@pytest.fixture
def thread(app, users):
    post = blog.save_post(users["moderator"], title="Team news", body="Hello team", publish=True).post
    comment = comments.add("post", post.id, users["employee"], "Jo in finance is an idiot")
    return post, comment


def reporters(n):
    return [make_user(f"reporter{i}") for i in range(n)]


def test_three_reports_hide_a_comment_until_a_moderator_reviews_it(client, app, users, thread):
    post, comment = thread
    people = reporters(3)
    for number, person in enumerate(people):
        other = app.test_client()
        other.login(person.username)
        response = other.post("/report", data={"content_type": "comment", "content_id": comment.id, "clause": "1",
                                               "details": "insult", "next": "/blog/mo.moderator/team-news"},
                              follow_redirects=True)
        assert "your report was sent to the moderators" in response.get_data(as_text=True)
        assert db.session.get(Comment, comment.id).status == ("hidden" if number == 2 else "published")
    reader_page = app.test_client().get("/blog/mo.moderator/team-news").get_data(as_text=True)
    assert "is an idiot" not in reader_page
    assert search.search("idiot", None).total == 0
    item = db.session.scalars(select(Item)).one()
    assert item.auto_hidden and item.state == "open"
    assert db.session.scalars(select(Action.action)).all() == ["auto_hide"]


def test_a_second_report_by_the_same_person_updates_the_first(app, users, thread):
    _post, comment = thread
    service.report(users["responder"], "comment", comment.id, "1", "first")
    service.report(users["responder"], "comment", comment.id, "2", "second thoughts")
    rows = db.session.scalars(select(Report)).all()
    assert [(r.clause, r.details) for r in rows] == [("2", "second thoughts")]


def test_staff_content_is_not_auto_hidden_by_non_staff_reports(app, users, thread):
    post, _comment = thread  # written by the moderator
    for person in reporters(3):
        service.report(person, "post", post.id, "1")
    assert db.session.get(BlogPost, post.id).status == "published"


def test_claims_keep_a_second_moderator_out_and_say_who_holds_it(client, app, users, thread, login):
    _post, comment = thread
    item = service.report(users["responder"], "comment", comment.id, "1")
    second = make_user("nat.moderator", role="moderator")
    login(users["moderator"])
    client.post(f"/moderation/items/{item.id}/claim")
    other = app.test_client()
    other.login(second.username)
    page = other.get(f"/moderation/items/{item.id}").get_data(as_text=True)
    assert "Mo Moderator is working on this item" in page
    response = other.post(f"/moderation/items/{item.id}/act", data={"decision": "hide", "clause": "1",
                                                                     "reason": "insult"})
    assert response.status_code == 400 and "Mo Moderator is working on this item" in response.get_data(as_text=True)
    assert db.session.get(Comment, comment.id).status == "published"


def test_the_whole_story_hide_appeal_restore_with_a_full_audit_trail(client, app, users, thread, login):
    _post, comment = thread
    item = service.report(users["responder"], "comment", comment.id, "1", "names a colleague")
    login(users["moderator"])
    client.post(f"/moderation/items/{item.id}/claim")
    refused = client.post(f"/moderation/items/{item.id}/act", data={"decision": "hide", "clause": "1", "reason": ""})
    assert refused.status_code == 400 and "Give a reason" in refused.get_data(as_text=True)
    client.post(f"/moderation/items/{item.id}/act", data={"decision": "hide", "clause": "1",
                                                           "reason": "Insult aimed at a named colleague"})
    assert db.session.get(Comment, comment.id).status == "hidden"
    author = app.test_client()
    author.login("emma.employee")
    own = author.get("/blog/mo.moderator/team-news").get_data(as_text=True)
    assert "is an idiot" in own and "Insult aimed at a named colleague" in own
    notes = author.get("/notifications/").get_data(as_text=True)
    assert "A moderator hid" in notes and "Insult aimed at a named colleague" in notes
    action = db.session.scalars(select(Action).where(Action.action == "hide")).one()
    assert "Appeal this decision" in author.get("/moderation/mine").get_data(as_text=True)
    author.post(f"/moderation/appeals/{action.id}", data={"text": "It was a quote from a film."})
    again = author.post(f"/moderation/appeals/{action.id}", data={"text": "Twice?"})
    assert "You already appealed" in again.get_data(as_text=True) or "You appealed on" in again.get_data(as_text=True)
    # The moderator who acted cannot decide the appeal; another one can.
    client.post(f"/moderation/appeals/{action.id}/decide", data={"decision": "grant", "clause": "1", "reason": "x"})
    assert db.session.get(Comment, comment.id).status == "hidden"
    second = make_user("nat.moderator", role="moderator")
    other = app.test_client()
    other.login(second.username)
    other.post(f"/moderation/appeals/{action.id}/decide", data={"decision": "grant", "clause": "1",
                                                                "reason": "A quotation, not an insult"})
    assert db.session.get(Comment, comment.id).status == "published"
    trail = db.session.execute(select(AuditEvent.action, User.username, AuditEvent.policy_clause, AuditEvent.reason)
                               .outerjoin(User, AuditEvent.actor_id == User.id)
                               .where(AuditEvent.action.like("moderation.%")).order_by(AuditEvent.id)).all()
    actions = [row[0] for row in trail]
    assert actions == ["moderation.reported", "moderation.hide", "moderation.appealed", "moderation.appeal_granted"]
    assert ("moderation.hide", "mo.moderator", "1", "Insult aimed at a named colleague") in trail
    assert ("moderation.appeal_granted", "nat.moderator", "1", "A quotation, not an insult") in trail
    audit_page = app.test_client()
    audit_page.login("ada.admin")
    assert "Insult aimed at a named colleague" in audit_page.get("/admin/audit").get_data(as_text=True)


def test_reporters_hear_the_outcome_without_the_moderators_name(app, users, thread):
    _post, comment = thread
    item = service.report(users["responder"], "comment", comment.id, "1")
    service.act(item, users["moderator"], "keep", "1", "Criticism of work, not of a person")
    note = db.session.scalars(select(Notification).where(Notification.user_id == users["responder"].id)).one()
    assert note.kind == "report_outcome" and note.detail == "dismissed" and note.actor_id is None


def test_reporter_weight_follows_their_record(app, users):
    poster = make_user("poster")
    reporter = users["responder"]
    assert service.reporter_weight(reporter) == 1.0
    for n in range(3):
        post = blog.save_post(poster, title=f"Post {n}", body="x", publish=True).post
        item = service.report(reporter, "post", post.id, "1")
        service.act(item, users["moderator"], "keep", "1", "no breach")
    assert service.reporter_weight(reporter) < 1.0


def test_held_content_waits_in_the_queue_and_is_released_or_rejected(client, app, users, login):
    post = blog.save_post(users["employee"], title="Risky", body="HOLDME words", publish=True).post
    assert post.status == "held"
    login(users["moderator"])
    queue = client.get("/moderation/").get_data(as_text=True)
    assert "Risky" in queue
    item = db.session.scalars(select(Item).where(Item.content_type == "post")).one()
    page = client.get(f"/moderation/items/{item.id}").get_data(as_text=True)
    assert "Release: publish it" in page and "<mark>HOLDME</mark>" in page
    client.post(f"/moderation/items/{item.id}/act", data={"decision": "release", "clause": "1",
                                                           "reason": "Fine in context"})
    assert db.session.get(BlogPost, post.id).status == "published"
    assert app.test_client().get("/blog/emma.employee/risky").status_code == 200


def test_hiding_a_wiki_revision_keeps_the_history_entry(app, users, client, login):
    first = wiki.save_page("Team", body="Good text", author=users["moderator"])
    bad = wiki.save_page("Team", body="Bad words here", author=users["employee"],
                         base_revision_id=first.revision.id)
    item = service.report(users["responder"], "revision", bad.revision.id, "1")
    service.act(item, users["moderator"], "hide", "1", "Insulting edit")
    reader = app.test_client()
    assert "Good text" in reader.get("/wiki/Team").get_data(as_text=True)
    history = reader.get("/wiki/Team/history").get_data(as_text=True)
    assert "hidden by a moderator" in history
    assert "Bad words" not in reader.get("/wiki/Team/revisions/2").get_data(as_text=True)


def test_admins_suspend_an_account(app, users, thread, client):
    _post, comment = thread
    item = service.report(users["responder"], "comment", comment.id, "1")
    with pytest.raises(Exception):
        service.act(item, users["moderator"], "suspend", "1", "repeat", suspend_days=3)
    service.act(item, users["admin"], "suspend", "1", "Third insult this month", suspend_days=3)
    response = client.login("emma.employee")
    assert response.status_code == 400 and "suspended until" in response.get_data(as_text=True)


def test_figures_for_the_admin_dashboard(app, users, thread, client, login):
    _post, comment = thread
    item = service.report(users["responder"], "comment", comment.id, "1")
    service.act(item, users["moderator"], "hide", "1", "insult")
    figures = service.figures()
    assert figures["opened"] == 1 and figures["actioned"] == 1 and figures["backlog"] == 0
    login(users["admin"])
    page = client.get("/admin/").get_data(as_text=True)
    assert "Moderation items opened (30 days)" in page and "Median hours to first action" in page


def test_only_moderators_reach_the_queue(app, users, client, login):
    assert client.get("/moderation/").status_code == 302
    login(users["employee"])
    assert client.get("/moderation/").status_code == 403
    assert client.get("/moderation/items/1").status_code == 403


def test_report_control_is_beside_content_and_on_profiles(app, users, thread, client, login):
    login(users["responder"])
    post, comment = thread
    post_page = client.get("/blog/mo.moderator/team-news").get_data(as_text=True)
    forms = [dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', form))
             for form in re.findall(r'<form method="post" action="/report".*?</form>', post_page, re.S)]
    # One per piece of content (the form is rendered once and filled in), each sent as the browser sends it.
    assert [(form["content_type"], form["content_id"]) for form in forms] == [("post", str(post.id)),
                                                                             ("comment", str(comment.id))]
    assert all(form["next"] == "/blog/mo.moderator/team-news" for form in forms)
    assert f'id="report-comment-{comment.id}-1"' in post_page
    answer = client.post("/report", data={**forms[1], "clause": "1"}, follow_redirects=True)
    assert "your report was sent to the moderators" in answer.get_data(as_text=True)
    reported = db.session.execute(select(Item.content_type, Item.content_id, Report.reporter_id)
                                  .join(Report, Report.item_id == Item.id)).all()
    assert reported == [("comment", comment.id, users["responder"].id)]
    assert 'action="/report"' in client.get("/people/emma.employee").get_data(as_text=True)
    assert 'action="/report"' not in client.get("/people/rae.responder").get_data(as_text=True)  # not oneself


def test_a_moderator_confirms_an_automatic_hide_with_their_own_reason(app, users, thread):
    _post, comment = thread
    for person in reporters(3):
        service.report(person, "comment", comment.id, "1")
    item = db.session.scalars(select(Item)).one()
    service.act(item, users["moderator"], "hide", "1", "Confirmed: an insult aimed at a colleague")
    assert db.session.get(Comment, comment.id).status_reason == "Confirmed: an insult aimed at a colleague"
    assert db.session.scalars(select(AuditEvent.reason).where(AuditEvent.action == "moderation.hide")).all() == [
        "Confirmed: an insult aimed at a colleague"]


def test_a_bad_number_of_days_is_a_clear_error(client, users, thread, login):
    _post, comment = thread
    item = service.report(users["responder"], "comment", comment.id, "1")
    login(users["admin"])
    response = client.post(f"/moderation/items/{item.id}/act", data={"decision": "warn", "clause": "1",
                                                                     "reason": "x", "days": "seven"})
    assert response.status_code == 400 and "whole number" in response.get_data(as_text=True)
    assert client.post("/report", data={"content_type": "comment", "content_id": "abc", "clause": "1"}).status_code == 400


@pytest.mark.parametrize("app_settings", [{"EXTRA_PLUGINS": ["plugins.moderation"],
                                           "MODERATION_REPORTS_PER_HOUR": 3}])
def test_reports_are_limited_per_person_per_hour(client, app, users, login):
    posts = [blog.save_post(users["moderator"], title=f"Note {n}", body="Hello", publish=True).post
             for n in range(4)]
    login(users["employee"])
    for post in posts:
        response = client.post("/report", data={"content_type": "post", "content_id": post.id, "clause": "1",
                                                "next": "/"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Your report was not sent" in page and "3 reports in the last hour" in page
    assert len(db.session.scalars(select(Report)).all()) == 3
    assert service.report(users["responder"], "post", posts[3].id, "1")  # others are not held back
