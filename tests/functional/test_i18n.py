"""Language choice: preference, then the session toggle, then Accept-Language (negotiated), then English."""
import pytest
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User

LANG_RE = '<html lang="{}">'


@pytest.mark.parametrize("header, expected", [
    ("fr-CA, en-US;q=0.7, en;q=0.3", "fr"),
    ("fr", "fr"),
    ("en-CA,fr;q=0.5", "en"),
    ("de-DE, fr;q=0.4", "fr"),
    ("de-DE", "en"),
])
def test_accept_language_is_negotiated(client, header, expected):
    page = client.get("/login", headers={"Accept-Language": header}).get_data(as_text=True)
    assert LANG_RE.format(expected) in page


def test_toggle_returns_to_the_same_page_and_wins_over_the_header(client):
    response = client.post("/lang/fr", data={"next": "/policy?x=1"})
    assert response.headers["Location"] == "/policy?x=1"
    page = client.get("/policy", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert LANG_RE.format("fr") in page
    client.get("/lang/en?next=/policy")
    assert LANG_RE.format("en") in client.get("/policy", headers={"Accept-Language": "fr"}).get_data(as_text=True)


def test_toggle_never_redirects_off_site(client):
    assert client.post("/lang/fr", data={"next": "//evil.example"}).headers["Location"] == "/"
    assert client.get("/lang/fr", headers={"Referer": "https://evil.example/x"}).headers["Location"] == "/"
    assert client.get("/lang/xx").status_code == 404


def test_signed_in_toggle_saves_the_preference(client, users, login):
    login(users["employee"])
    client.post("/lang/fr", data={"next": "/"})
    assert db.session.scalar(select(User.preferred_language).where(User.username == "emma.employee")) == "fr"
    other_browser = client.application.test_client()
    other_browser.login("emma.employee")
    assert LANG_RE.format("fr") in other_browser.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_user_preference_comes_before_the_header(client, users, login):
    users["employee"].preferred_language = "fr"
    db.session.commit()
    login(users["employee"])
    assert LANG_RE.format("fr") in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


def test_error_page_speaks_both_languages_when_the_language_is_unknown(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "de"}).get_data(as_text=True)
    assert 'lang="en"' in page and '<section class="error-page" lang="fr">' in page
    assert page.count('class="error-page"') == 2


def test_error_page_uses_the_known_language_only(client):
    page = client.get("/no-such-page", headers={"Accept-Language": "fr-CA"}).get_data(as_text=True)
    assert page.count('class="error-page"') == 1 and LANG_RE.format("fr") in page


def test_templates_translate_escape_and_format_dates_in_the_language_in_force(app):
    """_() and ngettext() are Jinja's newstyle gettext (escaped variables, "%%" read as "%"), and a date is
    kept formatted per language: the same date in English, then in French, then in English again."""
    from datetime import datetime

    from flask_babel import force_locale

    template = app.jinja_env.from_string(
        "{{ _('Blogs') }}|{{ _('100%% <b>%(who)s</b>', who='<i>') }}|{{ ngettext('%(num)d result', "
        "'%(num)d results', n) }}|{{ when|dateformat('long') }}|{{ when|datetimeformat('short') }}")
    when = datetime(2026, 3, 4, 17, 6)
    with app.test_request_context("/"):
        english = template.render(n=2, when=when)
        with force_locale("fr"):
            french = template.render(n=2, when=when)
        assert template.render(n=2, when=when) == english
    assert english.split("|")[:4] == ["Blogs", "100% <b>&lt;i&gt;</b>", "2 results", "March 4, 2026"]
    assert french.split("|")[:4] == ["Blogues", "100% <b>&lt;i&gt;</b>", "2 résultats", "4 mars 2026"]
    assert english.split("|")[4] != french.split("|")[4]
