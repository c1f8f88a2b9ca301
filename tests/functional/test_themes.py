"""Themes: the loader chain, static fallback, plugin template overrides, and the slots no theme may drop."""
from pathlib import Path

import pytest

from opsspace import create_app
from opsspace.config import PROJECT_ROOT
from opsspace.themes import ThemeError, discover
from tests.conftest import settings_for
from tests.factories import make_user

TEST_THEMES = str(Path(__file__).resolve().parent.parent / "themes")
THEMES_PATH = [str(PROJECT_ROOT / "themes"), TEST_THEMES]


def themed_app(tmp_path, database_url, theme, **extra):
    from opsspace.extensions import db

    app = create_app(settings_for(tmp_path, database_url, THEME=theme, THEMES_PATH=THEMES_PATH, **extra))
    from tests.conftest import BrowserLikeClient

    app.test_client_class = BrowserLikeClient
    with app.app_context():
        db.create_all()
    return app


def test_theme_overrides_a_template_and_falls_back_for_the_rest(tmp_path, database_url):
    app = themed_app(tmp_path, database_url, "testtheme")
    client = app.test_client()
    assert "Home from the test theme" in client.get("/").get_data(as_text=True)
    login_page = client.get("/login").get_data(as_text=True)  # not in the test theme: the default's
    assert 'name="password"' in login_page


def test_theme_overrides_a_plugin_template(tmp_path, database_url):
    app = themed_app(tmp_path, database_url, "testtheme", EXTRA_PLUGINS=["tests.plugins.recorder"])
    page = app.test_client().get("/recorder/").get_data(as_text=True)
    assert "theme override of a plugin template" in page


def test_static_files_come_from_the_theme_or_fall_back_to_default(tmp_path, database_url):
    app = themed_app(tmp_path, database_url, "testtheme")
    client = app.test_client()
    with client.get("/themes/testtheme/static/css/extra.css") as own:
        assert own.status_code == 200 and b".testtheme" in own.data
    with client.get("/themes/testtheme/static/css/site.css") as inherited:
        assert inherited.status_code == 200 and b"--brand" in inherited.data
    assert client.get("/themes/testtheme/static/css/missing.css").status_code == 404
    assert client.get("/themes/testtheme/static/../theme.toml").status_code == 404
    assert client.get("/themes/othertheme/static/css/site.css").status_code == 404


def test_unknown_theme_fails_with_a_clear_message(tmp_path, database_url):
    with pytest.raises(ThemeError, match="THEME setting"):
        create_app(settings_for(tmp_path, database_url, THEME="nonesuch"))


def test_a_theme_that_drops_the_required_slots_is_refused(tmp_path, database_url):
    with pytest.raises(ThemeError, match="disclaimer"):
        create_app(settings_for(tmp_path, database_url, THEME="broken", THEMES_PATH=THEMES_PATH))


@pytest.mark.parametrize("theme", sorted(discover([str(PROJECT_ROOT / "themes")])))
@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_installed_theme_shows_the_disclaimer_and_the_policy_notice(tmp_path, database_url, theme, language):
    from opsspace.services import policy

    app = themed_app(tmp_path, database_url, theme)
    with app.app_context():
        make_user("author.person", personal_disclaimer="I write as a union steward.", accepted_policy=True)
        make_user("new.person", accepted_policy=False, preferred_language=language)
    client = app.test_client()
    client.post("/login", data={"username": "new.person", "password": "correct horse battery staple"})
    page = client.get("/people/author.person").get_data(as_text=True)
    assert policy.BUILT_IN["disclaimer"][language] in page
    assert "I write as a union steward." in page
    assert 'class="aup-notice"' in page
