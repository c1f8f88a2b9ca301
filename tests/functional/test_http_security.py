"""CSRF on every state-changing route, and security headers on every page type."""
import pytest

from opsspace.security import CONTENT_SECURITY_POLICY

STATE_CHANGING = {"POST", "PUT", "PATCH", "DELETE"}


def post_routes(app):
    for rule in app.url_map.iter_rules():
        if rule.methods & STATE_CHANGING:
            yield rule


def fill(rule) -> str:
    return (rule.rule.replace("<code>", "fr").replace("<username>", "emma.employee").replace("<path:filename>", "x")
            .replace("<path:path>", "Some_page").replace("<int:number>", "1").replace("<slug>", "a-post")
            .replace("<int:comment_id>", "1").replace("<int:item_id>", "1").replace("<int:action_id>", "1")
            .replace("<int:term_id>", "1").replace("<int:alert_id>", "1"))


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.moderation", "plugins.flagging"]}


@pytest.mark.parametrize("role", ["employee", "admin"])
def test_every_post_route_refuses_a_missing_or_wrong_token(app, client, users, login, role):
    login(users[role])
    routes = list(post_routes(app))
    assert len(routes) >= 6
    for rule in routes:
        for token in (None, "forged-token"):
            data = {} if token is None else {"csrf_token": token}
            response = client.post(fill(rule), data=data, csrf=False)
            assert response.status_code == 400, f"{rule.rule} accepted a POST with token {token!r}"
            assert "Your form expired or came from another site" in response.get_data(as_text=True)


def test_state_changes_only_by_post(app):
    for rule in app.url_map.iter_rules():
        assert not rule.methods & {"PUT", "PATCH", "DELETE"}, rule.rule


@pytest.mark.parametrize("path", ["/", "/login", "/policy", "/people/emma.employee", "/no-such-page", "/admin/"])
def test_security_headers_on_every_page_type(client, users, path):
    response = client.get(path)
    headers = response.headers
    assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"] and "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "same-origin"


def test_signed_in_pages_are_never_cached_by_shared_proxies(client, users, login):
    login(users["employee"])
    assert client.get("/").headers["Cache-Control"] == "private, no-store"


def test_pages_have_no_inline_script_or_style(client, users, login):
    login(users["admin"])
    for path in ("/", "/admin/", "/admin/users", "/settings/profile"):
        page = client.get(path).get_data(as_text=True)
        assert "<script>" not in page and " onclick=" not in page and " style=" not in page, path
