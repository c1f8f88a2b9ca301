"""Held revisions (a plugin asks to hold), and English/French page pairs."""
import pytest
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import Revision, WikiPage
from opsspace.models.content import HELD
from opsspace.services import wiki

pytestmark = pytest.mark.dbs


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["tests.plugins.holder"]}


def test_held_edit_is_seen_by_its_author_and_moderators_only(app, client, users, login):
    first = wiki.save_page("Team", body="Our team page.", author=users["moderator"])
    result = wiki.save_page("Team", body="Our team page. HOLDME", author=users["employee"],
                            base_revision_id=first.revision.id)
    assert result.held and result.revision.status == HELD
    reader = app.test_client()
    assert "HOLDME" not in reader.get("/wiki/Team").get_data(as_text=True)
    login(users["employee"])
    own = client.get("/wiki/Team").get_data(as_text=True)
    assert "HOLDME" in own and "waiting for a moderator" in own
    history = reader.get("/wiki/Team/history").get_data(as_text=True)
    assert "awaiting review" in history
    assert reader.get("/wiki/Team/revisions/2").get_data(as_text=True).count("HOLDME") == 0
    moderator = app.test_client()
    moderator.login("mo.moderator")
    assert "HOLDME" in moderator.get("/wiki/Team/revisions/2").get_data(as_text=True)
    assert "HOLDME" not in reader.get("/feeds/recent.atom").get_data(as_text=True)
    assert "HOLDME" not in reader.get("/wiki/Team/diff?from=1&to=2").get_data(as_text=True)


def test_held_new_page_does_not_exist_for_readers(app, users):
    wiki.save_page("Secret", body="HOLDME please", author=users["employee"])
    assert app.test_client().get("/wiki/Secret").status_code == 404
    assert "Secret" not in app.test_client().get("/wiki/").get_data(as_text=True)


def test_editor_warns_first_then_says_the_edit_is_held(client, users, login):
    login(users["employee"])
    form = {"title": "Held", "body": "HOLDME", "language": "en", "base_revision_id": "", "action": "save"}
    warned = client.post("/wiki/Held/edit", data=form)
    assert warned.status_code == 200 and "<mark>HOLDME</mark>" in warned.get_data(as_text=True)
    assert wiki.find("Held")[0] is None
    response = client.post("/wiki/Held/edit", data={**form, "confirm_hold": "save"}, follow_redirects=True)
    assert "waiting for a moderator" in response.get_data(as_text=True)


def pair(users):
    en = wiki.save_page("Benefits", body="Dental and health benefits.", language="en", author=users["employee"])
    fr = wiki.save_page("Avantages_sociaux", title="Avantages sociaux", body="Soins dentaires et de santé.",
                        language="fr", author=users["employee"])
    wiki.link_translation(en.page, "Avantages sociaux", users["employee"])
    return en.page, fr.page


def test_language_toggle_on_a_paired_page_goes_to_the_other_page(client, users, login):
    en, fr = pair(users)
    page = client.get("/wiki/Benefits").get_data(as_text=True)
    assert 'name="next" value="/wiki/Avantages_sociaux"' in page
    response = client.post("/lang/fr", data={"next": "/wiki/Avantages_sociaux"})
    assert response.headers["Location"] == "/wiki/Avantages_sociaux"
    french = client.get("/wiki/Avantages_sociaux").get_data(as_text=True)
    assert '<html lang="fr">' in french and '<article class="wiki-page" lang="fr">' in french
    assert 'name="next" value="/wiki/Benefits"' in french


def test_a_later_edit_on_one_side_flags_both_sides(client, users):
    en, fr = pair(users)
    assert "may be out of date" not in client.get("/wiki/Benefits").get_data(as_text=True)
    wiki.save_page("Benefits", body="Dental, vision and health benefits.", author=users["employee"],
                   base_revision_id=en.current_revision_id)
    french_page = client.get("/wiki/Avantages_sociaux").get_data(as_text=True)
    english_page = client.get("/wiki/Benefits").get_data(as_text=True)
    assert "This page may be out of date" in french_page
    assert "version may be out of date" in english_page
    # The translator brings the French page in line, saying so: both notes go.
    fr = db.session.get(WikiPage, fr.id)
    wiki.save_page("Avantages_sociaux", body="Soins dentaires, de la vue et de santé.", author=users["employee"],
                   base_revision_id=fr.current_revision_id, sync_translation=True)
    assert "out of date" not in client.get("/wiki/Avantages_sociaux").get_data(as_text=True)
    assert "out of date" not in client.get("/wiki/Benefits").get_data(as_text=True)


def test_page_in_one_language_says_so_in_both(client, users):
    wiki.save_page("Only_english", body="English only.", author=users["employee"])
    page = client.get("/wiki/Only_english", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert '<p lang="en">This page is only available in English.</p>' in page
    assert "<p lang=\"fr\">Cette page n'existe qu'en anglais.</p>" in page
    assert '<article class="wiki-page" lang="en">' in page


def test_pairing_is_checked_and_audited(client, users, login):
    en, fr = pair(users)
    login(users["employee"])
    wiki.save_page("Other_english", body="x", author=users["employee"])
    response = client.post("/wiki/Benefits/translation", data={"action": "link", "other_path": "Other english"})
    assert response.status_code == 400 and "other language" in response.get_data(as_text=True)
    client.post("/wiki/Benefits/translation", data={"action": "unlink"})
    assert db.session.get(WikiPage, en.id).translation_id is None
    assert db.session.get(WikiPage, fr.id).translation_id is None
