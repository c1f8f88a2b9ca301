"""Security headers on every kind of response (pages, errors, feeds, JSON, images, stylesheets), cookie flags,
and every `next`-style redirect parameter walked with a table of tricky values."""
from urllib.parse import quote, urlsplit

import pytest

from opsspace.security import CONTENT_SECURITY_POLICY
from opsspace.services import blog, people, wiki
from tests.factories import PASSWORD

#: values a browser could be sent off-site by, or that are not a plain path of this site
TRICKY_NEXT = [
    "//evil.example", "///evil.example", "/\\evil.example", "\\\\evil.example", "\\/evil.example",
    "https:evil.example", "https://evil.example", "http:/evil.example", "HTTPS://evil.example",
    "javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "evil.example", " //evil.example",
    "\t//evil.example", "/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "\x00//evil.example",
    "%2F%2Fevil.example", "%2f%2fevil.example", "/%2F/evil.example", "%5C%5Cevil.example", "/%5Cevil.example",
    "/%09/evil.example", "//evil.example/%2F..", "/..//evil.example", "//evil.example@site", "/ /evil.example",
    "\u3000//evil.example", "／／evil.example",
]


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.moderation", "plugins.flagging", "plugins.stats"]}


def off_site(location: str) -> bool:
    """Would a browser following this Location leave the site?"""
    # Browsers drop tabs and newlines anywhere and spaces and control characters at the ends, read "\" as "/",
    # and decode nothing else before deciding where to go.
    cleaned = location.strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f \t\r\n")
    cleaned = cleaned.replace("\t", "").replace("\n", "").replace("\r", "").replace("\\", "/")
    parts = urlsplit(cleaned)
    return bool(parts.scheme or parts.netloc or cleaned.startswith("//") or not cleaned.startswith("/"))


def redirects(client, users, login, app) -> dict:
    """Each route that follows a next-like parameter, as a function of the value: returns the response."""
    author = users["admin"]
    wiki.save_page("Here", body="A page.", author=author)
    post = blog.save_post(author, title="Reported", body="A post to report.", publish=True).post
    return {
        "sign-in form": lambda value: client.post("/login?next=" + quote(value, safe=""),
                                                  data={"username": "emma.employee", "password": PASSWORD}),
        "sign-in while signed in": lambda value: client.get("/login?next=" + quote(value, safe="")),
        "language toggle": lambda value: client.get("/lang/fr?next=" + quote(value, safe="")),
        "language toggle (POST)": lambda value: client.post("/lang/en", data={"next": value}),
        "policy accepted": lambda value: client.post("/policy?next=" + quote(value, safe=""),
                                                     data={"version": "1"}),
        "follow": lambda value: client.post("/people/ada.admin/follow", data={"follow": "1", "next": value}),
        "notification read": lambda value: client.post("/notifications/read", data={"go": value}),
        "comment refused": lambda value: client.post("/comments/", data={"target_type": "page", "target_id": "1",
                                                                         "body": "", "next": value}),
        "report": lambda value: client.post("/report", data={"content_type": "post", "content_id": str(post.id),
                                                             "clause": "1", "next": value}),
    }


@pytest.mark.parametrize("value", TRICKY_NEXT)
def test_next_values_never_lead_off_site(app, client, users, login, value):
    routes = redirects(client, users, login, app)
    first = routes.pop("sign-in form")(value)  # signs in too
    checked = [("sign-in form", first)]
    for name, follow in routes.items():
        checked.append((name, follow(value)))
    for name, response in checked:
        assert response.status_code < 500, f"{name} with next={value!r}: {response.status_code}"
        page = response.get_data(as_text=True)
        location = response.headers.get("Location", "")
        assert not (response.status_code in (301, 302, 303, 307, 308) and off_site(location)), (
            f"{name} with next={value!r} sends the browser to {location!r}")
        assert 'href="//evil' not in page and "href=\"https://evil" not in page, name


def test_the_off_site_check_itself(app):
    assert off_site("//evil.example") and off_site("/\\evil.example") and off_site("https:x") and off_site(" //x")
    assert off_site("/\t/evil.example") and off_site("x")
    assert not off_site("/wiki/Here") and not off_site("/%2F%2Fevil.example") and not off_site("/search?q=//x")


@pytest.mark.parametrize("value", ["/wiki/Here", "/search?q=%2F%2Fx", "/people/ada.admin#posts"])
def test_site_paths_are_followed(app, client, users, login, value):
    response = client.post("/login?next=" + quote(value, safe=""),
                           data={"username": "emma.employee", "password": PASSWORD})
    assert response.headers["Location"] == value


# --- headers ------------------------------------------------------------------------------------

def assert_hardened(response, what: str) -> None:
    headers = response.headers
    assert headers.get("Content-Security-Policy") == CONTENT_SECURITY_POLICY, what
    policy = {part.split()[0]: part.split()[1:] for part in CONTENT_SECURITY_POLICY.split("; ")}
    assert policy["frame-ancestors"] == ["'none'"] and policy["script-src"] == ["'self'"], what
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"], what
    assert policy["default-src"] == ["'self'"] and policy["form-action"] == ["'self'"], what
    assert not any("unsafe" in value or "*" in value for values in policy.values() for value in values), what
    assert headers.get("X-Content-Type-Options") == "nosniff", what
    assert headers.get("X-Frame-Options") == "DENY", what
    assert headers.get("Referrer-Policy") == "same-origin", what


def test_headers_on_every_kind_of_response(app, client, users, login):
    author = users["employee"]
    wiki.save_page("Here", body="A page.", author=author)
    post = blog.save_post(author, title="A post", body="Text", publish=True).post
    from PIL import Image
    import io

    picture = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(picture, "PNG")
    people.set_avatar(author, people.prepare_avatar(picture.getvalue()))
    anonymous = {
        "home": ("/", 200, "text/html"), "wiki page": ("/wiki/Here", 200, "text/html"),
        "blog post": (f"/blog/emma.employee/{post.slug}", 200, "text/html"),
        "profile": ("/people/emma.employee", 200, "text/html"), "search": ("/search?q=page", 200, "text/html"),
        "suggestions": ("/search/suggest?q=he", 200, "application/json"),
        "feed": ("/feeds/blog.atom", 200, "application/atom+xml"),
        "avatar": ("/people/emma.employee/avatar", 200, "image/png"),
        "stylesheet": ("/themes/default/static/css/site.css", 200, "text/css"),
        "missing page": ("/no-such-page", 404, "text/html"), "missing wiki page": ("/wiki/Nothing_here", 404, "text/html"),
        "sign-in redirect": ("/settings/profile", 302, None), "wrong method": ("/notifications/read", 405, "text/html"),
    }
    for what, (path, status, mimetype) in anonymous.items():
        response = client.get(path)
        assert response.status_code == status, f"{what}: {path} answered {response.status_code}"
        response.close()  # a file response keeps its file open until closed
        if mimetype:
            assert response.mimetype == mimetype, what
        assert_hardened(response, what)
    assert client.post("/comments/", data={}, csrf=False).status_code == 400
    assert_hardened(client.post("/comments/", data={}, csrf=False), "refused form (CSRF)")
    for who, pages in [("employee", [("admin page refused", "/admin/", 403), ("settings", "/settings/profile", 200),
                                     ("editor", "/wiki/Here/edit", 200), ("own reports", "/moderation/mine", 200)]),
                       ("moderator", [("moderation queue", "/moderation/", 200), ("terms", "/moderation/terms", 200)]),
                       ("responder", [("wellbeing alerts", "/wellbeing/", 200)]),
                       ("admin", [("statistics", "/admin/stats", 200), ("audit log", "/admin/audit", 200)])]:
        client.post("/logout")
        login(users[who])
        for what, path, status in pages:
            response = client.get(path)
            assert response.status_code == status, f"{what}: {path} answered {response.status_code}"
            assert_hardened(response, what)
    avatar = client.get("/people/emma.employee/avatar")
    assert avatar.headers["Content-Disposition"].startswith("inline; filename=") and avatar.mimetype == "image/png"


@pytest.mark.parametrize("app_settings", [{"PLAIN_HTTP": False}])
def test_cookie_flags(app, client, users):
    response = client.post("/login", data={"username": "emma.employee", "password": PASSWORD, "remember": "1"})
    assert response.status_code == 302
    cookies = {header.split("=", 1)[0]: header for header in response.headers.getlist("Set-Cookie")}
    for name in ("opsspace_session", "opsspace_remember"):
        flags = [part.strip().lower() for part in cookies[name].split(";")]
        assert "httponly" in flags and "secure" in flags and "samesite=lax" in flags, cookies[name]
        assert "path=/" in flags, cookies[name]
    remember = cookies["opsspace_remember"].lower()
    assert "expires=" in remember and "max-age" not in remember or "max-age=1209600" in remember


def test_cookies_lose_only_secure_on_plain_http(app, client, users):
    response = client.post("/login", data={"username": "emma.employee", "password": PASSWORD})
    session = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("opsspace_session="))
    flags = [part.strip().lower() for part in session.split(";")]
    assert "httponly" in flags and "samesite=lax" in flags and "secure" not in flags
