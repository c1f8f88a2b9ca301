"""Every registered route, walked by every role. A route missing from EXPECTED fails the build:
whoever adds a route must say here who may reach it."""
import pytest

from opsspace.access import level_of

#: endpoint -> the access level its view must declare
EXPECTED = {
    "main.home": "reader",
    "main.set_language": "public",
    "main.policy": "public",
    "auth.login": "public",
    "auth.logout": "public",
    "settings.profile": "user",
    "settings.password": "user",
    "people.profile": "reader",
    "admin.home": "admin",
    "admin.user_list": "admin",
    "admin.user_detail": "admin",
    "admin.policy_texts": "admin",
    "admin.audit_log": "admin",
    "theme_static": "public",
    "wiki.index": "reader",
    "wiki.new": "user",
    "wiki.page": "reader",
    "wiki.edit": "user",
    "wiki.history": "reader",
    "wiki.revision": "reader",
    "wiki.compare": "reader",
    "wiki.revert": "user",
    "wiki.move": "user",
    "wiki.backlinks": "reader",
    "wiki.protect": "moderator",
    "wiki.translation": "user",
    "wiki.watch": "user",
    "recent.changes": "reader",
    "feeds.recent_changes": "reader",
    "feeds.all_posts": "reader",
    "feeds.person": "reader",
    "blog.index": "reader",
    "blog.person": "reader",
    "blog.new": "user",
    "blog.post": "reader",
    "blog.edit": "user",
    "blog.versions": "user",
    "blog.delete": "user",
    "blog.restore": "admin",
    "comments.add": "user",
    "comments.edit": "user",
    "comments.delete": "user",
    "comments.versions": "user",
    "people.index": "reader",
    "people.avatar": "reader",
    "people.follow": "user",
    "notifications.index": "user",
    "notifications.mark_read": "user",
    "search.results": "reader",
    "search.suggest": "reader",
    # the bundled moderation plugin
    "moderation.report": "user",
    "moderation.queue": "moderator",
    "moderation.item": "moderator",
    "moderation.claim": "moderator",
    "moderation.act": "moderator",
    "moderation.mine": "user",
    "moderation.appeal": "user",
    "moderation.decide": "moderator",
    "moderation.clauses": "admin",
    "flagging.terms": "moderator",
    "flagging.term": "moderator",
    "flagging.try_text": "moderator",
    "wellbeing.index": "responder",
    "wellbeing.alert": "responder",
    "wellbeing.support": "user",
    "wellbeing.contacts": "admin",
    "stats.dashboard": "admin",
    "stats.export": "admin",
}

ROLES = ["anonymous", "employee", "moderator", "responder", "admin"]
ALLOWED = {
    "public": set(ROLES),
    "reader": set(ROLES),
    "user": {"employee", "moderator", "responder", "admin"},
    "moderator": {"moderator", "admin"},
    "admin": {"admin"},
    "responder": {"responder"},
}
# Routes about one person's own things: the sample post and comment belong to the employee, so other
# signed-in roles are refused (403) even though the route's level lets them in.
OWNER_ROUTES = {
    "blog.edit": {"employee"},
    "comments.edit": {"employee"},
    "blog.delete": {"employee", "admin"},
    "comments.delete": {"employee", "admin"},
    "blog.versions": {"employee", "moderator", "admin"},
    "comments.versions": {"employee", "moderator", "admin"},
}

SAMPLE_ARGS = {"code": "fr", "username": "emma.employee", "theme": "default", "filename": "css/site.css",
               "path": "Sample_page", "number": "1", "slug": "sample-post", "comment_id": "1", "item_id": "1",
               "action_id": "1", "term_id": "1", "alert_id": "1", "table": "daily"}


@pytest.fixture
def app_settings():
    """Every bundled plugin on: their routes are walked too."""
    return {"EXTRA_PLUGINS": ["plugins.moderation", "plugins.flagging", "plugins.stats"]}


def routes(app):
    for rule in app.url_map.iter_rules():
        url = rule.rule
        for name in rule.arguments:
            for converter in ("", "path:", "int:"):
                url = url.replace(f"<{converter}{name}>", SAMPLE_ARGS[name])
        yield rule, url


def test_every_route_declares_the_expected_level(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = endpoints - EXPECTED.keys()
    assert not missing, f"routes with no expectation in this test: {sorted(missing)}"
    assert not EXPECTED.keys() - endpoints, "EXPECTED names routes that no longer exist"
    for endpoint, level in EXPECTED.items():
        assert level_of(app, endpoint) == level, f"{endpoint} declares {level_of(app, endpoint)}, expected {level}"


def refused(response, role) -> bool:
    if role == "anonymous":
        return response.status_code == 302 and response.headers["Location"].startswith("/login")
    return response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_every_route_with_every_role(app, client, users, login, role):
    from opsspace.services import wiki

    from opsspace.services import blog, comments

    wiki.save_page("Sample_page", body="A page to walk.", author=users["admin"])
    post = blog.save_post(users["employee"], title="Sample post", body="Text", publish=True).post
    comments.add("post", post.id, users["employee"], "A comment")
    if role != "anonymous":
        login(users[role])
    for rule, url in routes(app):
        allowed = role in OWNER_ROUTES.get(rule.endpoint, ALLOWED[EXPECTED[rule.endpoint]])
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            if rule.endpoint == "auth.logout" and method == "POST":
                continue  # would end this walk's session; sign-out is tested on its own
            response = client.open(url, method=method) if method == "GET" else client.post(url, data={})
            response.close()
            assert refused(response, role) != allowed, (
                f"{method} {url} as {role}: {response.status_code} {response.headers.get('Location')}")
            assert response.status_code < 500, f"{method} {url} as {role} crashed"


@pytest.mark.parametrize("app_settings", [{"READ_REQUIRES_LOGIN": True}])
def test_reading_can_require_sign_in(app, client, users, login):
    assert client.get("/").headers["Location"].startswith("/login")
    assert client.get("/people/emma.employee").status_code == 302
    assert client.get("/login").status_code == 200 and client.get("/policy").status_code == 200
    login(users["employee"])
    assert client.get("/").status_code == 200


def test_a_route_without_a_declaration_is_refused_to_everyone(app, client, users, login):
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    login(users["admin"])
    assert client.get("/undeclared").status_code == 403
