"""The foundation's main journeys, as people go through them in a real browser: signing in, accepting the
acceptable-use policy, switching language, administering, and signing out."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

FRENCH_CATALOG = Path(__file__).resolve().parents[2] / "opsspace/translations/fr/LC_MESSAGES/messages.mo"


def french(msgid: str) -> str | None:
    """The French translation of a message, or None while the French catalog lacks it (it is being written)."""
    if not FRENCH_CATALOG.exists():
        return None
    from babel.support import Translations

    with FRENCH_CATALOG.open("rb") as fh:
        text = Translations(fh).gettext(msgid)
    return text if text and text != msgid else None


def flash(page):
    """The messages the site shows at the top of the main content after an action."""
    return page.get_by_role("main").get_by_role("status")


def policy_notice(page):
    return page.get_by_role("region", name="Acceptable-use policy")


def open_account_menu(page, person):
    page.get_by_role("banner").locator("summary", has_text=person.display_name).click()


def test_employee_signs_in_accepts_the_policy_and_returns_to_where_they_were(live_server, page):
    emma = live_server.create_user("emma.employee", accepted_policy=False)
    profile = f"/people/{emma.username}"

    page.goto(live_server(profile))
    page.get_by_role("banner").get_by_role("link", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("User name").fill(emma.username)
    page.get_by_label("Password").fill(emma.password)
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(live_server(profile))
    expect(flash(page)).to_contain_text(f"Welcome, {emma.display_name}.")
    notice = policy_notice(page)
    expect(notice).to_be_visible()
    notice.get_by_role("link", name="Read the policy").click()

    expect(page).to_have_url(re.compile(r"/policy\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text("Acceptable-use policy")
    page.get_by_role("button", name="I have read this policy and I accept it").click()

    expect(page).to_have_url(live_server(profile))
    expect(flash(page)).to_contain_text("you accepted version 0 of the acceptable-use policy")
    expect(policy_notice(page)).to_have_count(0)
    page.goto(live_server("/policy"))
    expect(page.get_by_role("main")).to_contain_text("You accepted this version")
    expect(page.get_by_role("button", name="I have read this policy and I accept it")).to_have_count(0)


def test_reader_switches_to_french_and_back_on_the_same_page(live_server, page):
    emma = live_server.create_user("emma.employee")
    profile = f"/people/{emma.username}"
    html = page.locator("html")

    page.goto(live_server(profile))
    expect(html).to_have_attribute("lang", "en")
    page.get_by_role("banner").get_by_role("button", name="Français").click()

    expect(html).to_have_attribute("lang", "fr")
    expect(page).to_have_url(live_server(profile))
    expect(page.get_by_role("heading", level=1)).to_have_text(emma.display_name)
    if sign_in_fr := french("Sign in"):
        expect(page.get_by_role("banner").get_by_role("link", name=sign_in_fr)).to_be_visible()
    page.get_by_role("banner").get_by_role("button", name="English").click()

    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url(live_server(profile))
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()


def test_employee_choice_of_french_follows_them_to_another_browser(live_server, new_page, sign_in):
    emma = live_server.create_user("emma.employee")
    first = sign_in(new_page(), emma)
    first.goto(live_server("/settings/profile"))
    first.get_by_role("banner").get_by_role("button", name="Français").click()
    expect(first.locator("html")).to_have_attribute("lang", "fr")
    expect(first).to_have_url(live_server("/settings/profile"))

    elsewhere = sign_in(new_page(locale="en-CA"), emma)
    expect(elsewhere.locator("html")).to_have_attribute("lang", "fr")


def test_admin_reaches_every_admin_page_through_the_navigation(live_server, page, sign_in):
    ada = live_server.create_user("ada.admin", role="admin")
    emma = live_server.create_user("emma.employee")
    sign_in(page, ada)

    open_account_menu(page, ada)
    page.get_by_role("banner").get_by_role("link", name="Administration", exact=True).click()
    expect(page).to_have_url(live_server("/admin/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Administration")
    admin_nav = page.get_by_role("navigation", name="Administration")

    admin_nav.get_by_role("link", name="Users", exact=True).click()
    expect(page).to_have_url(live_server("/admin/users"))
    expect(admin_nav.get_by_role("link", name="Users", exact=True)).to_have_attribute("aria-current", "page")
    page.get_by_role("table").get_by_role("link", name=emma.display_name).click()

    expect(page).to_have_url(live_server(f"/admin/users/{emma.username}"))
    expect(page.get_by_role("heading", level=1)).to_have_text(emma.display_name)

    admin_nav.get_by_role("link", name="Policy and disclaimer", exact=True).click()
    expect(page).to_have_url(live_server("/admin/policy"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Policy and disclaimer")

    admin_nav.get_by_role("link", name="Audit log", exact=True).click()
    expect(page).to_have_url(live_server("/admin/audit"))
    expect(page.get_by_role("table")).to_contain_text("policy.accepted")

    admin_nav.get_by_role("link", name="Overview", exact=True).click()
    expect(page).to_have_url(live_server("/admin/"))


def test_employee_cannot_reach_the_admin_pages(live_server, page, sign_in):
    emma = live_server.create_user("emma.employee")
    sign_in(page, emma)

    open_account_menu(page, emma)
    menu = page.get_by_role("banner").locator(".account-menu")
    expect(menu.get_by_role("link", name="Settings", exact=True)).to_be_visible()
    expect(menu.get_by_role("link", name="Administration", exact=True)).to_have_count(0)

    response = page.goto(live_server("/admin/"))
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_contain_text("Access denied")


def test_reader_who_is_not_signed_in_is_asked_to_sign_in_for_the_admin_pages(live_server, page):
    page.goto(live_server("/admin/users"))
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)admin(/|%2F)users$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")


def test_new_policy_version_asks_employees_to_accept_again(live_server, new_page, sign_in):
    ada = live_server.create_user("ada.admin", role="admin")
    emma = live_server.create_user("emma.employee")
    emma_page = sign_in(new_page(), emma)
    expect(flash(emma_page)).to_contain_text("Welcome")
    expect(policy_notice(emma_page)).to_have_count(0)

    admin = sign_in(new_page(), ada, next_path="/admin/policy")
    expect(admin).to_have_url(live_server("/admin/policy"))
    aup = admin.get_by_role("main").get_by_role("region", name="Acceptable-use policy")
    aup.get_by_label("English text").fill("## Acceptable use\n\nBe kind to colleagues, always.")
    aup.get_by_label("French text").fill("## Utilisation acceptable\n\nSoyez bienveillant envers vos collègues.")
    aup.get_by_label("What changed").fill("A shorter policy")
    aup.get_by_role("button", name="Publish a new version").click()
    expect(flash(admin)).to_contain_text("Version 1 of the acceptable-use policy is published")
    expect(admin.get_by_role("main")).to_contain_text("A shorter policy")

    emma_page.reload()
    notice = policy_notice(emma_page)
    expect(notice).to_be_visible()
    notice.get_by_role("link", name="Read the policy").click()
    expect(emma_page.get_by_role("main")).to_contain_text("Be kind to colleagues, always.")
    emma_page.get_by_role("button", name="I have read this policy and I accept it").click()
    expect(flash(emma_page)).to_contain_text("you accepted version 1")
    expect(policy_notice(emma_page)).to_have_count(0)


def test_employee_signs_out_through_the_account_menu(live_server, page, sign_in):
    emma = live_server.create_user("emma.employee")
    sign_in(page, emma)
    sign_out = page.get_by_role("button", name="Sign out")
    expect(sign_out).to_be_hidden()

    open_account_menu(page, emma)
    sign_out.click()

    expect(page).to_have_url(live_server("/"))
    expect(flash(page)).to_contain_text("You are signed out.")
    expect(page.get_by_role("banner").get_by_role("link", name="Sign in")).to_be_visible()
    page.goto(live_server("/settings/profile"))
    expect(page).to_have_url(re.compile(r"/login\?next=(/|%2F)settings(/|%2F)profile$"))
