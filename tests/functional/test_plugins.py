"""The plugin contract: discovery, blocking, safe mode, loud failures, and every hook firing in order."""
import pytest

from opsspace import create_app
from opsspace.plugins import UnknownSlot, manager
from opsspace.services import rendering
from tests.conftest import settings_for
from tests.plugins import recorder

RECORDER = "tests.plugins.recorder"


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": [RECORDER]}


@pytest.fixture(autouse=True)
def clear_calls():
    recorder.CALLS.clear()
    yield
    recorder.CALLS.clear()


def names():
    return [name for name, _ in recorder.CALLS]


def test_setup_hook_runs_once_and_the_plugin_blueprint_serves(app, client):
    assert names().count("opsspace_setup") == 1
    response = client.get("/recorder/")
    assert response.status_code == 200
    assert "plugin's own template" in response.get_data(as_text=True)


def test_each_request_fires_slots_in_page_order_then_request_finished(app, client, users, login):
    login(users["admin"])
    recorder.CALLS.clear()
    page = client.get("/people/emma.employee").get_data(as_text=True)
    slots = [call[1]["slot"] for call in recorder.CALLS if call[0] == "template_slot"]
    # The layout's slots, in the order they appear on the page; the profile slot inside the content.
    assert slots == ["head", "header_nav", "account_menu", "aup_notice", "before_content", "profile",
                     "disclaimer", "after_content", "footer"]
    assert names()[-1] == "request_finished"
    assert recorder.CALLS[-1][1] == {"path": "/people/emma.employee", "status": 200, "user": "ada.admin"}
    assert '<li class="recorder-footer">Recorder footer</li>' in page
    assert '<p class="recorder-profile">Profile of emma.employee</p>' in page


def test_admin_hooks_feed_the_admin_home(app, client, users, login):
    login(users["admin"])
    page = client.get("/admin/").get_data(as_text=True)
    assert "Recorded calls" in page and "42" in page
    assert 'href="/recorder/"' in page
    assert {"admin_menu", "admin_stats"} <= set(names())


def test_content_rendered_runs_before_the_sanitizer(app):
    html = rendering.render_markdown("Hello", content=object())
    assert "rendered by recorder" in html
    assert "<script" not in html  # what a plugin adds is sanitized like the rest
    assert names()[-1] == "content_rendered"


def test_content_hooks_are_callable_with_their_documented_arguments(app, users):
    hook = manager(app).hook
    signals = hook.content_submitted(content="draft", author=users["employee"])
    hook.content_published(content="draft", is_new=True)
    assert signals == [[{"kind": "recorder", "score": 0.0, "evidence": [], "policy_clause": None, "action": "flag"}]]
    assert names()[-2:] == ["content_submitted", "content_published"]


def test_unknown_slot_name_is_an_error(app):
    template = app.jinja_env.from_string("{{ slot('sidebarr') }}")
    with app.test_request_context("/"), pytest.raises(UnknownSlot, match="sidebarr"):
        template.render()


def test_disabled_plugin_is_not_loaded(tmp_path, database_url):
    app = create_app(settings_for(tmp_path, database_url, EXTRA_PLUGINS=[RECORDER], DISABLED_PLUGINS=[RECORDER]))
    assert not manager(app).has_plugin(RECORDER)
    assert "recorder.index" not in app.view_functions


def test_safe_mode_loads_no_plugin(tmp_path, database_url):
    app = create_app(settings_for(tmp_path, database_url, EXTRA_PLUGINS=[RECORDER], SAFE_MODE=True))
    assert manager(app).list_name_plugin() == []


def test_a_misspelled_hook_fails_at_start_up(tmp_path, database_url):
    with pytest.raises(Exception, match="content_publised"):
        create_app(settings_for(tmp_path, database_url, EXTRA_PLUGINS=["tests.plugins.misspelled"]))
