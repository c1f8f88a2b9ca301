"""The acceptable-use policy: versions, acceptance before contributing, the disclaimer on profiles."""
import pytest
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import AuditEvent, User
from opsspace.services import policy
from tests.factories import make_user

pytestmark = pytest.mark.dbs


def test_new_user_accepts_the_policy_and_returns_to_their_page(client, login):
    user = make_user("new.hire", accepted_policy=False)
    login(user)
    assert 'class="aup-notice"' in client.get("/").get_data(as_text=True)
    page = client.get("/policy?next=/settings/profile").get_data(as_text=True)
    assert "I have read this policy and I accept it" in page
    response = client.post("/policy", data={"version": "0", "next": "/settings/profile"})
    assert response.headers["Location"] == "/settings/profile"
    assert 'class="aup-notice"' not in client.get("/").get_data(as_text=True)
    user = db.session.get(User, user.id)
    assert user.accepted_policy_version == 0 and user.accepted_policy_at is not None
    assert db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)).all() == ["policy.accepted"]


def test_contribution_waits_for_acceptance_and_keeps_nothing_half_done(client, login):
    user = make_user("new.hire", accepted_policy=False)
    login(user)
    response = client.post("/settings/profile", data={"display_name": "New Hire", "personal_disclaimer": "My own line."})
    assert response.status_code == 302 and response.headers["Location"].startswith("/policy?next=")
    assert db.session.get(User, user.id).personal_disclaimer is None


def test_a_new_policy_version_asks_everyone_again(client, users, login):
    policy.publish("aup", text_en="## Rules\n\nBe kind.", text_fr="## Règles\n\nSoyez bienveillant.",
                   summary="Shorter", actor=users["admin"])
    login(users["employee"])
    assert 'class="aup-notice"' in client.get("/").get_data(as_text=True)
    page = client.get("/policy").get_data(as_text=True)
    assert "<h2" in page and "Be kind." in page  # Markdown, rendered and sanitized
    assert client.post("/policy", data={"version": "0"}).status_code == 302  # a stale version is refused
    assert "changed while you were reading" in client.get("/policy").get_data(as_text=True)
    client.post("/policy", data={"version": "1"})
    assert 'class="aup-notice"' not in client.get("/").get_data(as_text=True)


def test_policy_is_shown_in_the_readers_language(client, users):
    page = client.get("/policy", headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    assert "Utilisation acceptable" in page


def test_admin_publishes_both_texts_and_each_change_is_audited(client, users, login):
    login(users["admin"])
    response = client.post("/admin/policy", data={"kind": "disclaimer", "disclaimer_text_en": "My views, not my employer's.",
                                                   "disclaimer_text_fr": "Mes opinions, pas celles de mon employeur.",
                                                   "disclaimer_summary": "Plainer words"})
    assert response.status_code == 302
    page = client.get("/people/emma.employee").get_data(as_text=True)
    assert "My views, not my employer&#39;s." in page
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "policy.disclaimer_published")).all()
    assert [(e.actor.username, e.reason) for e in events] == [("ada.admin", "Plainer words")]


def test_admin_policy_form_keeps_text_on_error(client, users, login):
    login(users["admin"])
    response = client.post("/admin/policy", data={"kind": "aup", "aup_text_en": "Draft rules I typed",
                                                   "aup_text_fr": "", "aup_summary": "x"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The French text is required." in page and "Draft rules I typed" in page


def test_employee_cannot_publish_a_policy(client, users, login):
    login(users["employee"])
    assert client.post("/admin/policy", data={"kind": "aup", "aup_text_en": "x", "aup_text_fr": "y"}).status_code == 403
    assert policy.current("aup").number == 0


@pytest.mark.parametrize("language", ["en", "fr"])
def test_profile_shows_site_disclaimer_in_reader_language_and_personal_line(client, language):
    make_user("writer", personal_disclaimer="I write as a union steward.")
    page = client.get("/people/writer", headers={"Accept-Language": language}).get_data(as_text=True)
    assert policy.BUILT_IN["disclaimer"][language].replace("'", "&#39;") in page
    assert "I write as a union steward." in page


def test_personal_disclaimer_is_saved_from_settings(client, users, login):
    login(users["employee"])
    response = client.post("/settings/profile", data={"display_name": "Emma E.", "email": "emma@example.org",
                                                      "preferred_language": "fr", "title": "Analyst",
                                                      "department": "Finance",
                                                      "personal_disclaimer": "Views mine alone."})
    assert response.status_code == 302
    assert "Views mine alone." in client.get("/people/emma.employee").get_data(as_text=True)


def test_profile_form_keeps_what_was_typed_on_error(client, users, login):
    login(users["employee"])
    response = client.post("/settings/profile", data={"display_name": "Emma", "email": "not-an-address",
                                                      "personal_disclaimer": "x" * 300, "title": "Keep this title"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "That does not look like an e-mail address." in page
    assert "Keep this title" in page and "not-an-address" in page and "x" * 300 in page
