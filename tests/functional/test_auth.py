"""Signing in and out: passwords, deactivation, remember-me, throttling, redirects, session cookies."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from opsspace.extensions import db
from opsspace.models import LoginAttempt
from opsspace.services import users as user_service
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.dbs


def test_right_password_signs_in_and_wrong_one_keeps_the_user_name(client, users):
    response = client.login("emma.employee", "not the password")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Wrong user name or password." in page
    assert 'value="emma.employee"' in page  # what the user typed is kept
    assert client.login("emma.employee").status_code == 302
    assert "<summary>Emma Employee</summary>" in client.get("/").get_data(as_text=True)


def test_deactivated_account_cannot_sign_in_and_is_signed_out(client, users, login):
    login(users["employee"])
    user_service.set_active(users["admin"], users["employee"], False, "left the organization")
    assert "<summary>Emma Employee</summary>" not in client.get("/").get_data(as_text=True)  # the open session ended
    response = client.login("emma.employee")
    assert response.status_code == 400
    assert "deactivated" in response.get_data(as_text=True)


def test_remember_me_lasts_at_most_fourteen_days_with_safe_flags(app, client, users):
    response = client.login("emma.employee", remember="1")
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    remember = cookies["opsspace_remember"]
    assert "HttpOnly" in remember and "SameSite=Lax" in remember
    assert app.config["REMEMBER_COOKIE_DURATION"] <= timedelta(days=14)
    session_cookie = cookies["opsspace_session"]
    assert "HttpOnly" in session_cookie and "SameSite=Lax" in session_cookie


def test_cookies_are_secure_unless_plain_http(tmp_path, database_url):
    from opsspace import create_app
    from tests.conftest import settings_for

    app = create_app(settings_for(tmp_path, database_url, PLAIN_HTTP=False))
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]


def test_login_is_throttled_after_repeated_failures(app, client, users):
    limit = app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]
    for _ in range(limit):
        assert client.login("emma.employee", "wrong password").status_code == 400
    response = client.login("emma.employee")  # even the right password waits
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.get_data(as_text=True)
    # Another account from another address is not affected.
    assert client.login("mo.moderator", environ_base={"REMOTE_ADDR": "10.1.1.1"}).status_code == 302


def test_throttle_ends_after_the_window(app, client, users):
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
        client.login("emma.employee", "wrong password")
    window = app.config["LOGIN_THROTTLE_WINDOW"]
    for attempt in db.session.scalars(select(LoginAttempt)):
        attempt.created_at -= window + timedelta(seconds=1)
    db.session.commit()
    assert client.login("emma.employee").status_code == 302


def test_unknown_user_names_are_throttled_too_and_nothing_in_clear_is_stored(app, client):
    for _ in range(app.config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]):
        client.login("nobody.here", "guess")
    assert client.login("nobody.here", "guess").status_code == 429
    keys = db.session.execute(select(LoginAttempt.account_key, LoginAttempt.address_key)).all()
    assert keys and all("nobody" not in a and "127.0.0.1" not in b for a, b in keys)


def test_address_limit_holds_across_accounts(app, client):
    app.config["LOGIN_MAX_FAILURES_PER_ADDRESS"] = 3
    for n in range(3):
        client.login(f"guess{n}", "guess")
    make_user("real.person")
    assert client.login("real.person").status_code == 429
    assert db.session.scalar(select(func.count()).select_from(LoginAttempt)) == 3


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example", "/\\evil.example",
                                    "https:evil.example", "%2F%2Fevil.example"])
def test_next_never_leaves_the_site(client, users, target):
    response = client.post(f"/login?next={target}", data={"username": "emma.employee", "password": PASSWORD})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_to_a_site_path_is_followed(client, users):
    response = client.post("/login?next=/settings/profile", data={"username": "emma.employee", "password": PASSWORD})
    assert response.headers["Location"] == "/settings/profile"


def test_protected_page_sends_readers_to_sign_in_and_back(client, users):
    response = client.get("/settings/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=/settings/profile")


def test_sign_out_needs_a_post(client, users, login):
    login(users["employee"])
    assert "Sign out of OPSspace" in client.get("/logout").get_data(as_text=True)
    assert "<summary>Emma Employee</summary>" in client.get("/").get_data(as_text=True)
    client.post("/logout")
    assert "<summary>Emma Employee</summary>" not in client.get("/").get_data(as_text=True)


def test_password_change_keeps_this_session_and_ends_others(app, users, login, client):
    other = app.test_client()
    other.login("emma.employee")
    login(users["employee"])
    response = client.post("/settings/password", data={"current_password": PASSWORD,
                                                       "new_password": "a much better password",
                                                       "confirm_password": "a much better password"})
    assert response.status_code == 302
    assert "<summary>Emma Employee</summary>" in client.get("/").get_data(as_text=True)
    assert "<summary>Emma Employee</summary>" not in other.get("/").get_data(as_text=True)
    assert client.post("/logout") and client.login("emma.employee", "a much better password").status_code == 302


def test_password_change_errors_are_shown(client, users, login):
    login(users["employee"])
    response = client.post("/settings/password", data={"current_password": "nope", "new_password": "short",
                                                       "confirm_password": "short"})
    assert response.status_code == 400
    assert "Your current password is not right." in response.get_data(as_text=True)
