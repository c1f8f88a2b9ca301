"""Administration: users and roles, deactivation, wellbeing responders, and the append-only audit log."""
import pytest
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import AuditEvent, User
from opsspace.models.audit import AuditLogIsAppendOnly
from tests.factories import make_user

pytestmark = pytest.mark.dbs


def test_admin_finds_a_user_and_changes_their_role_with_a_reason(client, users, login):
    login(users["admin"])
    page = client.get("/admin/users?q=emma").get_data(as_text=True)
    assert "Emma Employee" in page and "Mo Moderator" not in page
    response = client.post("/admin/users/emma.employee", data={"change": "role", "role": "moderator",
                                                                "reason": "Joins the moderation team"})
    assert response.status_code == 302
    assert db.session.get(User, users["employee"].id).role == "moderator"
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "user.role_changed")).one()
    assert (event.actor.username, event.target_id, event.reason, event.details) == (
        "ada.admin", "emma.employee", "Joins the moderation team", {"before": "employee", "after": "moderator"})
    assert "Joins the moderation team" in client.get("/admin/audit?action=user.role_changed").get_data(as_text=True)


def test_a_change_without_a_reason_is_refused_and_nothing_changes(client, users, login):
    login(users["admin"])
    response = client.post("/admin/users/emma.employee", data={"change": "role", "role": "admin", "reason": " "})
    assert response.status_code == 400
    assert "Give a reason" in response.get_data(as_text=True)
    assert db.session.get(User, users["employee"].id).role == "employee"


def test_deactivate_and_reactivate_are_audited(client, users, login):
    login(users["admin"])
    client.post("/admin/users/emma.employee", data={"change": "active", "active": "0", "reason": "Left"})
    assert db.session.get(User, users["employee"].id).active is False
    client.post("/admin/users/emma.employee", data={"change": "active", "active": "1", "reason": "Returned"})
    assert db.session.get(User, users["employee"].id).active is True
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.target_id == "emma.employee")
                                 .order_by(AuditEvent.id)).all()
    assert actions[-2:] == ["user.deactivated", "user.activated"]


def test_admin_cannot_lock_themselves_out(client, users, login):
    login(users["admin"])
    assert client.post("/admin/users/ada.admin", data={"change": "active", "active": "0", "reason": "x"}).status_code == 400
    assert client.post("/admin/users/ada.admin", data={"change": "role", "role": "employee", "reason": "x"}).status_code == 400


def test_mark_a_wellbeing_responder(client, users, login):
    login(users["admin"])
    client.post("/admin/users/emma.employee", data={"change": "responder", "responder": "1", "reason": "EAP liaison"})
    assert db.session.get(User, users["employee"].id).is_wellbeing_responder is True
    assert "wellbeing responder" in client.get("/admin/users?q=emma").get_data(as_text=True)


def test_audit_log_filters_by_actor_action_and_date(client, users, login):
    login(users["admin"])
    for name in ("a.one", "b.two"):
        make_user(name)
    client.post("/admin/users/a.one", data={"change": "role", "role": "moderator", "reason": "first"})
    page = client.get("/admin/audit?actor=ada.admin&action=user.role_changed").get_data(as_text=True)
    assert "a.one" in page and "1 event" in page
    assert "0 events" in client.get("/admin/audit?since=2999-01-01").get_data(as_text=True)
    bad = client.get("/admin/audit?since=yesterday")
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.get_data(as_text=True)


def test_user_list_paginates(client, users, login, app):
    app.config["PAGE_SIZE"] = 2
    login(users["admin"])
    page = client.get("/admin/users?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in page
    assert "Page 2 of 2" in client.get("/admin/users?page=99").get_data(as_text=True)  # past the end: last page
    assert client.get("/admin/users?page=abc").status_code == 200


def test_audit_events_cannot_be_changed_or_deleted(users, client, login):
    login(users["admin"])
    client.post("/admin/users/emma.employee", data={"change": "role", "role": "moderator", "reason": "x"})
    event = db.session.scalars(select(AuditEvent)).first()
    event.reason = "rewritten history"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
    db.session.delete(db.session.scalars(select(AuditEvent)).first())
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.commit()
    db.session.rollback()
