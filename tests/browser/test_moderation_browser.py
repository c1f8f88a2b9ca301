"""Moderation in real browsers, as the issue tells it: three employees report a comment with the Report
control beside it, and the third report hides it until a moderator reviews it; a moderator finds it in the
queue, claims it and reads the evidence, while a second moderator is told who holds it; a moderator hides a
comment with a clause and a reason the author reads (in the thread and in the notifications); the author
appeals from "Moderation decisions about my content"; the moderator who decided cannot decide the appeal, a
second one grants it and the comment is public again; the administrator reads every step in the audit log.

Then axe-core's WCAG 2.1 A/AA rules, in English and in French, on every moderation page in the states people
see it: the queue with items, an item free, held by oneself, held by someone else, refused for want of a
reason, and with an appeal to decide; the Report control open on a post; the decisions about one's content;
the appeal form (empty, refused, and once sent); the list of clauses (also refused)."""
import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import Comment, User
from opsspace.services import blog, comments
from plugins.moderation import service

from .conftest import LiveServer
from .tour import AxeTour

pytestmark = pytest.mark.browser

POST_TITLE = "Team news"
INSULT = "Jo in finance is an idiot."
REPORT_DETAILS = "It names a colleague and insults him."
CLAUSE_ONE = re.compile(r"^1\. Respect colleagues")
AUTO_REASON = "Hidden automatically after 3 reports, until a moderator reviews it."
REASON = "An insult aimed at a named colleague."
NO_REASON = "Give a reason: the author will read it, and it is kept in the audit log."
APPEAL = "It was a line from a film the whole team watched; Jo quoted it first."
NO_APPEAL = "Explain your appeal in 1 to 5000 characters."
GRANT = "A quotation everyone knew, not an insult: Jo confirmed it."
REFUSED = "Another moderator must decide this appeal: you made the decision it appeals."
HIDE = "Hide it (its author still sees it, with the reason)"


@pytest.fixture
def app_settings():
    return {"EXTRA_PLUGINS": ["plugins.moderation"]}


# --- helpers ----------------------------------------------------------------------------------

def user_named(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def a_post_with_a_comment(server: LiveServer, post_author: str, comment_author: str,
                          texts=(INSULT,)) -> tuple[str, list[int]]:
    """A published post by `post_author` with comments by `comment_author`: its path and the comments' ids."""

    def _write():
        post = blog.save_post(user_named(post_author), title=POST_TITLE, body="The new team starts on Monday.",
                              publish=True).post
        ids = [comments.add("post", post.id, user_named(comment_author), text).id for text in texts]
        return f"/blog/{post_author}/{post.slug}", ids

    return server.run(_write)


def flash(page):
    """The messages the site shows after an action (at the top of the main content)."""
    return page.get_by_role("main").locator(".flashes")


def open_account_menu(page, person):
    page.get_by_role("banner").locator("summary", has_text=person.display_name).click()


def comments_region(page):
    return page.get_by_role("region", name="Comments")


def report_through_the_control(page, comment_id: int, details: str = "") -> None:
    """Open the Report disclosure beside a comment, choose clause 1 and send the report."""
    comment = page.locator(f"#comment-{comment_id}")
    control = comment.locator("details.report")
    control.locator("summary", has_text="Report").click()
    expect(control).to_have_attribute("open", "")
    control.get_by_role("radio", name=CLAUSE_ONE).check()
    control.get_by_label("Details (optional)").fill(details)
    control.get_by_role("button", name="Send the report").click()
    expect(flash(page)).to_contain_text("Thank you: your report was sent to the moderators.")


def evidence(page):
    return page.get_by_role("region", name="The content")


def decision_form(page):
    return page.locator("form", has=page.get_by_role("button", name="Record the decision"))


def audit_row(page, action: str):
    """The audit log's row for one action (the test makes each action happen once)."""
    rows = page.get_by_role("region", name="Audit events").locator("tbody tr").filter(
        has=page.locator("code", has_text=re.compile(f"^{re.escape(action)}$")))
    expect(rows).to_have_count(1)
    return rows


def expect_audit_row(page, action: str, who: str, clause: str, reason: str | None = None) -> None:
    cells = audit_row(page, action).locator("td")
    expect(cells.nth(1)).to_have_text(who)
    expect(cells.nth(4)).to_contain_text(f"(clause {clause})")
    if reason is not None:
        expect(cells.nth(4)).to_contain_text(reason)


# --- the story --------------------------------------------------------------------------------

def test_three_reports_hide_a_comment_and_a_moderator_claims_it_while_another_waits(live_server, new_page,
                                                                                      sign_in):
    live_server.create_user("paula.poster")
    emma = live_server.create_user("emma.employee")
    reporters = [live_server.create_user(name) for name in ("ravi.reporter", "rita.reporter", "rosa.reporter")]
    mo = live_server.create_user("mo.moderator", display_name="Mo Moderator", role="moderator")
    nat = live_server.create_user("nat.moderator", display_name="Nat Moderator", role="moderator")
    post_path, (comment_id,) = a_post_with_a_comment(live_server, "paula.poster", emma.username)

    # Three colleagues report the comment; the third report hides it.
    for number, person in enumerate(reporters, 1):
        page = sign_in(new_page(), person, next_path=post_path)
        comment = page.locator(f"#comment-{comment_id}")
        expect(comment).to_contain_text(INSULT)
        report_through_the_control(page, comment_id, details=REPORT_DETAILS if number == 1 else "")
        expect(page).to_have_url(live_server(post_path))
        if number < 3:
            expect(comment).to_contain_text(INSULT)
        else:
            expect(comment).to_have_count(0)
            expect(comments_region(page)).not_to_contain_text(INSULT)
    hidden = live_server.run(lambda: db.session.get(Comment, comment_id).status)
    assert hidden == "hidden"

    reader = new_page()
    reader.goto(live_server(post_path))
    expect(comments_region(reader)).to_contain_text("No comments yet.")
    expect(comments_region(reader)).not_to_contain_text(INSULT)

    # Its author still sees it, marked and with the reason, and is told.
    author = sign_in(new_page(), emma, next_path=post_path)
    own = author.locator(f"#comment-{comment_id}")
    expect(own).to_contain_text(INSULT)
    expect(own.locator(".badge")).to_have_text("hidden")
    expect(own.locator(".notice")).to_have_text(f"Reason: {AUTO_REASON}")
    author.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    note = author.locator("li.notification", has_text=POST_TITLE)
    expect(note).to_have_count(1)
    expect(note.locator(".moderation-detail")).to_have_text(f"Clause 1: {AUTO_REASON}")

    # A moderator finds it in the queue, reads the evidence and claims it.
    first = sign_in(new_page(), mo)
    open_account_menu(first, mo)
    first.get_by_role("banner").get_by_role("link", name="Moderation queue").click()
    expect(first).to_have_url(live_server("/moderation/"))
    expect(first.get_by_role("main")).to_contain_text("1 item")
    items = first.get_by_role("region", name="Items")
    row = items.locator("tbody tr", has=first.get_by_role("link", name=POST_TITLE))
    expect(row.locator(".badge")).to_have_text(["comment", "hidden automatically"])
    expect(row.locator("td").nth(1)).to_have_text(emma.display_name)
    expect(row.locator("td").nth(2)).to_have_text("3.0")
    row.get_by_role("link", name=POST_TITLE).click()
    expect(first).to_have_url(re.compile(r"/moderation/items/\d+$"))
    item_path = live_server.path(first.url)
    expect(first.get_by_role("heading", level=1)).to_have_text(f"Moderation: {POST_TITLE}")
    expect(evidence(first)).to_contain_text(INSULT)
    reports = first.get_by_role("region", name="Reports").get_by_role("listitem")
    expect(reports).to_have_count(3)
    expect(reports.first).to_contain_text(f"{reporters[0].display_name} — clause 1")
    expect(reports.first).to_contain_text(f"“{REPORT_DETAILS}”")
    for person, listed in zip(reporters, reports.all()):
        expect(listed).to_contain_text(person.display_name)
    expect(first.get_by_role("region", name="Earlier decisions on this item")).to_contain_text(
        "hidden automatically (automatic), clause 1: 3 reports")
    first.get_by_role("button", name="Claim this item").click()
    expect(flash(first)).to_contain_text("The item is yours for 15 minutes.")
    expect(first.get_by_role("button", name="Claim this item")).to_have_count(0)
    expect(first.get_by_role("region", name="Decide")).to_contain_text("You hold this item until")
    expect(decision_form(first)).to_be_visible()

    # Meanwhile a second moderator sees who holds it, and cannot decide.
    second = sign_in(new_page(), nat, next_path="/moderation/")
    held = second.get_by_role("region", name="Items").locator("tbody tr", has_text=POST_TITLE)
    expect(held.locator("td").nth(4)).to_have_text(mo.display_name)
    held.get_by_role("link", name=POST_TITLE).click()
    expect(second).to_have_url(live_server(item_path))
    expect(second.get_by_role("region", name="Decide").get_by_role("status")).to_have_text(
        f"{mo.display_name} is working on this item. Wait until they finish, or until their claim expires.")
    expect(second.get_by_role("button", name="Claim this item")).to_have_count(0)
    expect(second.get_by_role("button", name="Record the decision")).to_have_count(0)


def test_a_moderator_hides_a_comment_and_a_second_grants_the_authors_appeal(live_server, new_page, sign_in):
    live_server.create_user("paula.poster")
    emma = live_server.create_user("emma.employee")
    live_server.create_user("ravi.reporter")
    mo = live_server.create_user("mo.moderator", display_name="Mo Moderator", role="moderator")
    nat = live_server.create_user("nat.moderator", display_name="Nat Moderator", role="moderator")
    ada = live_server.create_user("ada.admin", role="admin")
    post_path, (comment_id,) = a_post_with_a_comment(live_server, "paula.poster", emma.username)
    item_id = live_server.run(lambda: service.report(user_named("ravi.reporter"), "comment", comment_id, "1",
                                                     REPORT_DETAILS).id)
    item_path = f"/moderation/items/{item_id}"

    # The first moderator claims the item; the second, opening it meanwhile, is told who holds it.
    first = sign_in(new_page(), mo, next_path="/moderation/")
    first.get_by_role("region", name="Items").get_by_role("link", name=POST_TITLE).click()
    expect(first).to_have_url(live_server(item_path))
    first.get_by_role("button", name="Claim this item").click()
    expect(flash(first)).to_contain_text("The item is yours for 15 minutes.")
    second = sign_in(new_page(), nat, next_path=item_path)
    expect(second.get_by_role("main")).to_contain_text(f"{mo.display_name} is working on this item.")
    expect(second.get_by_role("button", name="Record the decision")).to_have_count(0)

    # The first moderator hides it with clause 1; a reason is required.
    expect(evidence(first)).to_contain_text(INSULT)
    first.get_by_role("radio", name=HIDE).check()
    first.get_by_label("Clause").select_option("1")
    with first.expect_navigation() as navigation:
        first.get_by_role("button", name="Record the decision").click()
    assert navigation.value.status == 400
    summary = first.locator(".error-summary")
    expect(summary.get_by_role("link", name=NO_REASON)).to_have_attribute("href", "#f-reason")
    reason_box = first.get_by_label("Reason (the author reads it; kept in the audit log)")
    expect(reason_box).to_have_attribute("aria-invalid", "true")
    expect(reason_box).to_have_accessible_description(NO_REASON)
    first.get_by_role("radio", name=HIDE).check()
    first.get_by_label("Clause").select_option("1")
    reason_box.fill(REASON)
    first.get_by_role("button", name="Record the decision").click()
    expect(flash(first)).to_contain_text("Your decision is recorded, and the author and the reporters are told.")
    expect(first).to_have_url(live_server("/moderation/"))

    reader = new_page()
    reader.goto(live_server(post_path))
    expect(comments_region(reader)).not_to_contain_text(INSULT)

    # The author still sees the comment, with the reason, and the notification; she appeals.
    author = sign_in(new_page(), emma, next_path=post_path)
    own = author.locator(f"#comment-{comment_id}")
    expect(own).to_contain_text(INSULT)
    expect(own.locator(".notice")).to_have_text(f"Reason: {REASON}")
    expect(author.get_by_role("banner").locator(".bell__count")).to_have_text("1")
    author.get_by_role("banner").get_by_role("link", name=re.compile("^Notifications")).click()
    note = author.locator("li.notification")
    expect(note).to_have_count(1)
    expect(note).to_contain_text(f"A moderator hid “{POST_TITLE}”. Readers no longer see it; you still do.")
    expect(note.locator(".moderation-detail")).to_have_text(f"Clause 1: {REASON}")

    open_account_menu(author, emma)
    author.get_by_role("banner").get_by_role("link", name="Moderation decisions about my content").click()
    expect(author).to_have_url(live_server("/moderation/mine"))
    decision = author.get_by_role("main").locator("li.notification")
    expect(decision).to_have_count(1)
    expect(decision).to_contain_text(f"{POST_TITLE} — hidden")
    expect(decision).to_contain_text(f"1. Respect colleagues: no insults, harassment or derogatory remarks: {REASON}")
    decision.get_by_role("link", name="Appeal this decision").click()
    expect(author).to_have_url(re.compile(r"/moderation/appeals/\d+$"))
    appeal_path = live_server.path(author.url)
    expect(author.get_by_role("main").locator("dl")).to_contain_text(REASON)
    with author.expect_navigation() as navigation:
        author.get_by_role("button", name="Send the appeal").click()
    assert navigation.value.status == 400
    expect(author.locator(".error-summary").get_by_role("link", name=NO_APPEAL)).to_have_attribute("href", "#f-text")
    why = author.get_by_label(re.compile("^Why the decision should change"))
    expect(why).to_have_attribute("aria-invalid", "true")
    why.fill(APPEAL)
    author.get_by_role("button", name="Send the appeal").click()
    expect(flash(author)).to_contain_text("Your appeal is sent. Another moderator will decide it.")
    expect(author).to_have_url(live_server(appeal_path))
    expect(author.get_by_role("main").locator(".notice")).to_contain_text("Another moderator will decide it.")
    expect(author.get_by_role("button", name="Send the appeal")).to_have_count(0)

    # The moderator who decided finds the appeal in the queue and is refused when trying to decide it.
    first.get_by_label("State").select_option("appealed")
    first.get_by_role("button", name="Filter").click()
    expect(first).to_have_url(re.compile(r"/moderation/\?.*state=appealed"))
    first.get_by_role("region", name="Items").get_by_role("link", name=POST_TITLE).click()
    expect(first).to_have_url(live_server(item_path))

    def decide_the_appeal(page, reason):
        appeal = page.locator("form", has=page.get_by_role("group", name="Decide the appeal"))
        expect(appeal.get_by_role("radio", name="Uphold the decision")).to_be_checked()
        appeal.get_by_role("radio", name="Grant the appeal (the content comes back)").check()
        expect(appeal.get_by_label("Clause")).to_have_value("1")
        appeal.get_by_label("Reason (the author reads it)").fill(reason)
        appeal.get_by_role("button", name="Decide", exact=True).click()

    earlier = first.get_by_role("region", name="Earlier decisions on this item")
    expect(earlier).to_contain_text(f"hidden ({mo.display_name}), clause 1: {REASON}")
    expect(earlier).to_contain_text(f"Appeal (waiting): {APPEAL}")
    decide_the_appeal(first, "I still think so.")
    expect(first).to_have_url(live_server(item_path))
    expect(flash(first)).to_contain_text(REFUSED)
    expect(earlier).to_contain_text("Appeal (waiting)")
    reader.reload()
    expect(comments_region(reader)).not_to_contain_text(INSULT)

    # The second moderator grants it: the comment is public again, and its author is told.
    second.goto(live_server(item_path))
    decide_the_appeal(second, GRANT)
    expect(flash(second)).to_contain_text("The appeal is decided, and the author is told.")
    expect(second).to_have_url(live_server("/moderation/"))
    reader.reload()
    expect(reader.locator(f"#comment-{comment_id}")).to_contain_text(INSULT)
    author.goto(live_server(post_path))
    expect(author.locator(f"#comment-{comment_id}").locator(".notice")).to_have_count(0)
    author.goto(live_server("/notifications/"))
    restored = author.locator("li.notification", has_text="public again")
    expect(restored).to_contain_text(f"A moderator made “{POST_TITLE}” public again.")
    expect(restored.locator(".moderation-detail")).to_have_text(f"Clause 1: {GRANT}")
    author.goto(live_server("/moderation/mine"))
    expect(author.get_by_role("main").locator("li.notification")).to_contain_text("Appeal (granted)")

    # The administrator reads every step in the audit log: who, which clause, why.
    admin = sign_in(new_page(), ada, next_path="/admin/audit")
    expect_audit_row(admin, "moderation.reported", "ravi.reporter", "1")
    expect_audit_row(admin, "moderation.hide", "mo.moderator", "1", REASON)
    expect(audit_row(admin, "moderation.hide").locator("td").nth(3)).to_have_text(f"comment: {comment_id}")
    expect(audit_row(admin, "moderation.appealed").locator("td").nth(1)).to_have_text("emma.employee")
    expect(audit_row(admin, "moderation.appealed").locator("td").nth(5)).to_contain_text("decision=hide")
    expect_audit_row(admin, "moderation.appeal_granted", "nat.moderator", "1", GRANT)
    admin.get_by_label("Target type").fill("comment")
    admin.get_by_label("Target", exact=True).fill(str(comment_id))
    admin.get_by_role("button", name="Filter").click()
    actions = admin.get_by_role("region", name="Audit events").locator("tbody td code")
    expect(actions).to_have_text(["moderation.appeal_granted", "moderation.appealed", "moderation.hide",
                                  "moderation.reported", "comment.created"])  # the refused attempt left nothing


def test_a_moderator_confirms_an_automatic_hide_with_a_clause_and_a_reason(live_server, new_page, sign_in):
    """The issue's story after the third report: the moderator hides the comment (it is hidden already,
    automatically) with clause 1 and a reason; the author reads that reason and appeals that decision."""
    live_server.create_user("paula.poster")
    emma = live_server.create_user("emma.employee")
    names = ("ravi.reporter", "rita.reporter", "rosa.reporter")
    for name in names:
        live_server.create_user(name)
    mo = live_server.create_user("mo.moderator", display_name="Mo Moderator", role="moderator")
    nat = live_server.create_user("nat.moderator", display_name="Nat Moderator", role="moderator")
    ada = live_server.create_user("ada.admin", role="admin")
    post_path, (comment_id,) = a_post_with_a_comment(live_server, "paula.poster", emma.username)

    def three_reports():
        for name in names:
            item = service.report(user_named(name), "comment", comment_id, "1")
        return item.id

    item_path = f"/moderation/items/{live_server.run(three_reports)}"
    first = sign_in(new_page(), mo, next_path=item_path)
    first.get_by_role("button", name="Claim this item").click()
    expect(flash(first)).to_contain_text("The item is yours for 15 minutes.")
    keep_hidden = decision_form(first).locator("input[name=decision][value=hide], input[name=decision][value=reject]")
    assert keep_hidden.count() >= 1, "no decision keeps the automatically hidden comment hidden"
    keep_hidden.first.check()
    first.get_by_label("Clause").select_option("1")
    first.get_by_label("Reason (the author reads it; kept in the audit log)").fill(REASON)
    first.get_by_role("button", name="Record the decision").click()
    expect(flash(first)).to_contain_text("Your decision is recorded")

    author = sign_in(new_page(), emma, next_path=post_path)
    expect(author.locator(f"#comment-{comment_id}").locator(".notice")).to_have_text(f"Reason: {REASON}")
    author.goto(live_server("/notifications/"))
    expect(author.locator("li.notification .moderation-detail", has_text=REASON)).to_have_count(1)
    author.goto(live_server("/moderation/mine"))
    mine = author.get_by_role("main").locator("li.notification", has_text=REASON)
    mine.get_by_role("link", name="Appeal this decision").click()
    author.get_by_label(re.compile("^Why the decision should change")).fill(APPEAL)
    author.get_by_role("button", name="Send the appeal").click()
    expect(flash(author)).to_contain_text("Your appeal is sent.")

    for moderator, refused in ((first, True), (sign_in(new_page(), nat), False)):
        moderator.goto(live_server(item_path))
        appeal = moderator.locator("form", has=moderator.get_by_role("group", name="Decide the appeal"))
        appeal.get_by_role("radio", name="Grant the appeal (the content comes back)").check()
        appeal.get_by_label("Reason (the author reads it)").fill(GRANT)
        appeal.get_by_role("button", name="Decide", exact=True).click()
        expect(flash(moderator)).to_contain_text(REFUSED if refused else "The appeal is decided")
    reader = new_page()
    reader.goto(live_server(post_path))
    expect(reader.locator(f"#comment-{comment_id}")).to_contain_text(INSULT)

    admin = sign_in(new_page(), ada, next_path="/admin/audit")
    expect(audit_row(admin, "moderation.auto_hide").locator("td").nth(1)).to_have_text("system")
    expect_audit_row(admin, "moderation.hide", "mo.moderator", "1", REASON)
    expect_audit_row(admin, "moderation.appeal_granted", "nat.moderator", "1", GRANT)


# --- accessibility ----------------------------------------------------------------------------

LANGUAGES = ["en", "fr"]


class Tour(AxeTour):
    """Someone going through the moderation pages in one language, with axe run on each state."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_moderation_pages_pass_axe(live_server, axe_source, new_page, lang):
    tour = Tour(live_server, axe_source, lang, new_page)
    people = {name: live_server.create_user(name, preferred_language=lang, **fields) for name, fields in (
        ("paula.poster", {}), ("emma.employee", {}), ("ravi.reporter", {}), ("rita.reporter", {}),
        ("mo.moderator", {"display_name": "Mo Moderator", "role": "moderator"}),
        ("nat.moderator", {"display_name": "Nat Moderator", "role": "moderator"}),
        ("ada.admin", {"role": "admin"}))}
    post_path, ids = a_post_with_a_comment(live_server, "paula.poster", "emma.employee", texts=(
        INSULT, "Finance never answers its email.", "Ask Jo, he knows nothing anyway.", "Useless as always."))

    def moderate():
        ravi, rita, mo = user_named("ravi.reporter"), user_named("rita.reporter"), user_named("mo.moderator")
        free = service.report(ravi, "comment", ids[0], "1", REPORT_DETAILS)
        held = service.report(rita, "comment", ids[1], "2")
        service.claim(held, mo)
        appealed = service.report(ravi, "comment", ids[2], "1")
        decided = service.act(appealed, mo, "hide", "1", REASON)
        service.appeal(decided, user_named("emma.employee"), APPEAL)
        to_appeal = service.act(service.report(rita, "comment", ids[3], "1"), mo, "hide", "1", REASON)
        return free.id, held.id, appealed.id, decided.id, to_appeal.id

    free, held, appealed, decided, to_appeal = live_server.run(moderate)

    # A second moderator: the queue, an item free, one held by someone else, one held, refused, an appeal.
    tour.sign_in(people["nat.moderator"])
    tour.go("/moderation/")
    expect(tour.page.get_by_role("region").locator("tbody tr")).to_have_count(3)
    tour.check("the queue with items")
    tour.go("/moderation/?state=appealed&order=score")
    tour.check("the queue, filtered")
    tour.go(f"/moderation/items/{held}")
    expect(tour.page.locator(".notice--warning")).to_contain_text("Mo Moderator")
    tour.check("an item another moderator holds")
    tour.go(f"/moderation/items/{free}")
    tour.check("an item nobody holds")
    tour.submit(tour.page.locator("form[action$='/claim'] button"), 200)
    expect(tour.page.locator("form[action$='/claim']")).to_have_count(0)
    tour.check("an item one holds")
    tour.submit(tour.page.locator("form[action$='/act'] button[type=submit]"), 400)
    expect(tour.page.locator(".error-summary")).to_be_visible()
    tour.check("an item, refused without a reason")
    tour.go(f"/moderation/items/{appealed}")
    expect(tour.page.locator(f"form[action$='/appeals/{decided}/decide']")).to_be_visible()
    tour.check("an item with an appeal to decide")

    # An employee opens the Report control beside a post.
    tour.sign_in(people["ravi.reporter"])
    tour.go(post_path)
    control = tour.page.locator("details.report").first
    control.locator("summary").click()
    expect(control.get_by_role("button")).to_be_visible()
    tour.check("a post with the Report control open")

    # The author: the decisions about her content, the appeal form (empty, refused), an appeal sent.
    tour.sign_in(people["emma.employee"])
    tour.go("/moderation/mine")
    expect(tour.page.locator(f"a[href$='/moderation/appeals/{to_appeal}']")).to_be_visible()
    tour.check("the decisions about my content")
    tour.go(f"/moderation/appeals/{to_appeal}")
    tour.check("the appeal form")
    tour.submit(tour.page.locator("main form button[type=submit]"), 400)
    expect(tour.page.locator(".error-summary")).to_be_visible()
    tour.check("the appeal form, refused")
    tour.go(f"/moderation/appeals/{decided}")
    tour.check("an appeal sent")

    # The administrator: the list of clauses, and a clause refused.
    tour.sign_in(people["ada.admin"])
    tour.go("/moderation/clauses")
    tour.check("the clauses")
    tour.submit(tour.page.locator("main form[method=post] button[type=submit]"), 400)
    expect(tour.page.locator(".error-summary")).to_be_visible()
    tour.check("the clauses, refused")
    tour.assert_clean()
