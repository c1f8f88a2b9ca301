"""Cross-site scripting, tried in a real browser: a corpus of our own vectors is saved as page text, as page
titles and as edit summaries, then every screen that shows them (the page, an old revision, the history,
diffs, the editor and its preview, the conflict screen, the page tree, backlinks, the move and translation
forms, recent changes) is opened in Chromium, and nothing may run or be left ready to run.

The site's Content-Security-Policy forbids inline scripts, which would hide a sanitizer's failure from a
"did an alert fire?" check. So this test's browser context ignores the CSP (Playwright's bypass_csp): what is
tested is that the HTML itself is harmless, the CSP being a second line of defence. Requests to any host but
the test server are refused, so the vectors cannot reach out.

Each screen is checked for: no dialog, no `window.__xss`, no `document.title == 'XSS'`, no <script> at all
(these screens have none of their own), no event-handler attribute (on*), no URL attribute starting with
javascript:, data: or vbscript:, no srcdoc, and no embedding or scripting element (iframe, object, embed, svg,
math, base, meta/link/style outside <head>, form controls inside authors' content).
"""
import re
import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User
from opsspace.services import search, wiki

from .conftest import TIMEOUT_MS, VIEWPORT, sign_in_through_form

pytestmark = pytest.mark.browser

# --- the corpus ----------------------------------------------------------------------------------
# Every vector would, if it got through, call alert(), set window.__xss or set document.title to 'XSS'.

SCRIPT_TAGS = [
    "<script>alert(1)</script>",
    "<ScRiPt>window.__xss=1</ScRiPt>",
    "<script src=\"data:text/javascript,window.__xss=1\"></script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>script>document.title='XSS'//<</script>/script>",
    "<script\n>alert(1)</script\n>",
    "<script type=\"module\">window.__xss=1</script>",
]

JAVASCRIPT_LINKS = [
    "[a markdown link](javascript:alert(1))",
    "[a mixed-case scheme](JaVaScRiPt:window.__xss=1)",
    "[a spaced destination](  javascript:alert(1)  )",
    "[an angle-bracket destination](<javascript:alert(1)>)",
    "[a titled destination](javascript:alert(1) \"a title\")",
    "[a named entity](javascript&colon;alert(1))",
    "[decimal entities](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[a hex entity](&#x6A;avascript:window.__xss=1)",
    "[a vbscript link](vbscript:msgbox(1))",
    "<javascript:alert(1)>",
    "<a href=\"javascript:alert(1)\">an HTML link</a>",
    "<a href=\"JAVASCRIPT:window.__xss=1\">an upper-case HTML link</a>",
    "<a href=\" &#14;  javascript:alert(1)\">leading control characters</a>",
    "<a href=\"jav&#x09;ascript:alert(1)\">an encoded tab</a>",
    "<a href=\"jav&#x0A;ascript:alert(1)\">an encoded newline</a>",
    "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058"
    "alert(1)\">padded entities without semicolons</a>",
    "<a href=\"javascript&#58;document.title='XSS'\">an encoded colon</a>",
    "<a href=\"vbscript:msgbox(1)\">a vbscript HTML link</a>",
    "<a href='javascript:alert(1)' title=\"x\">single quotes</a>",
]

EVENT_HANDLERS = [
    "<img src=x onerror=alert(1)>",
    "<img src=\"x\" OnErRoR=\"window.__xss=1\">",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror=\"&#97;lert(1)\">",
    "<img src=x:alert(1) onerror=eval(src)>",
    "<svg onload=alert(1)>",
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">svg link</text></a></svg>",
    "<details open ontoggle=alert(1)><summary>details</summary></details>",
    "<video><source onerror=alert(1)></video>",
    "<video src=x onerror=window.__xss=1 poster=javascript:alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<select autofocus onfocus=document.title='XSS'></select>",
    "<p onmouseover=\"alert(1)\">hover this paragraph</p>",
    "<div onclick=alert(1)>click this block</div>",
    "<marquee onstart=alert(1)>marquee</marquee>",
    "<a href=\"https://example.org\" onclick=\"alert(1)\">a real link with a handler</a>",
    "<table background=\"javascript:alert(1)\"><tr><td onmouseover=alert(1)>cell</td></tr></table>",
    "<b onpointerenter=alert(1)>bold</b> <i onfocusin=alert(1) tabindex=0>italic</i>",
    "<img src=x name=__xss id=__xss>",
    "<a id=__xss name=__xss href=#>clobbering</a>",
]

DATA_AND_EMBEDS = [
    "[a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![a data image](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<a href=\"DATA:text/html,<script>alert(1)</script>\">an upper-case data link</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>parent.__xss=1</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<form action=\"javascript:alert(1)\"><button>a form</button></form>",
    "<button formaction=\"javascript:alert(1)\">a button</button>",
    "<isindex action=javascript:alert(1) type=image>",
]

STYLES = [
    "<div style=\"background:url(javascript:alert(1))\">a styled block</div>",
    "<div style=\"width: expression(alert(1))\">an expression</div>",
    "<span style=\"behavior:url(x.htc)\">a behaviour</span>",
    "<style>@import 'javascript:alert(1)';</style>after an imported style",
    "<style>@keyframes x{}</style><p style=\"animation-name:x\" onanimationstart=\"alert(1)\">an animation</p>",
]

MUTATIONS = [
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<![CDATA[<img src=x onerror=alert(1)>]]>",
    "<xmp><p title=\"</xmp><img src=x onerror=alert(1)>\"></xmp>",
    "<textarea><img src=x onerror=alert(1)></textarea>",
    "</textarea><script>alert(1)</script>",
    "<img \"\"\"><script>alert(1)</script>\">",
    "<template><img src=x onerror=alert(1)></template>",
    "<iframe><img src=x onerror=alert(1)></iframe>",
    "<noembed><img title=\"</noembed><img src=x onerror=alert(1)>\"></noembed>",
    "<title><img src=x onerror=alert(1)></title>",
]

#: These leave an element or an attribute open, swallowing what follows them: each goes last in its batch.
GREEDY = [
    "<body onload=alert(1)>",
    "<div>a broken <img src=x onerror=alert(1) tag</div>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\nan attribute never closed",
    "<plaintext><img src=x onerror=alert(1)>",
    "<style><img src=x onerror=alert(1)>",
    "<!-- a comment never closed <img src=x onerror=alert(1)>",
]

MARKDOWN = [
    "![an image](javascript:alert(1))",
    "![alt\" onerror=\"alert(1)](x)",
    "![x](x\" onerror=\"alert(1))",
    "[a reference link][evil-one]\n\n[evil-one]: javascript:alert(1)",
    "[another reference][evil-two]\n\n[evil-two]: <javascript:window.__xss=1> \"a title\"",
    "![a reference image][evil-three]\n\n[evil-three]: javascript:alert(1)",
    "[a quote in the URL](https://example.org\" onclick=\"alert(1))",
    "[a quote in the title](https://example.org \"t\\\" onmouseover=\\\"alert(1)\")",
    "<https://example.org/\"onmouseover=\"alert(1)>",
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "**<img src=x onerror=alert(1)>**",
    "`<script>alert(1)</script>` in inline code",
    "```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```",
    "| a table |\n|---|\n| <img src=x onerror=alert(1)> |",
    "### <img src=x onerror=alert(1)> a heading with HTML",
    "### A heading with attributes {: onclick=\"alert(1)\" }",
    "<div markdown=\"1\" onclick=\"alert(1)\">*markdown in HTML*</div>",
    "[a link with attributes](https://example.org){: onclick=\"alert(1)\" }",
]

WIKI_LINKS = [
    "[[Welcome|<img src=x onerror=alert(1)>]]",
    "[[Welcome|<script>alert(1)</script>]]",
    "[[javascript:alert(1)]]",
    "[[Welcome#\"><img src=x onerror=alert(1)>|an anchor with HTML]]",
    "[[Welcome|\" onmouseover=\"alert(1)]]",
    "[[<svg onload=alert(1)>]]",
    "[[Welcome|[a link inside](javascript:alert(1))]]",
    "[[data:text/html,<script>alert(1)</script>]]",
]

VECTORS = SCRIPT_TAGS + JAVASCRIPT_LINKS + EVENT_HANDLERS + DATA_AND_EMBEDS + STYLES + MUTATIONS + MARKDOWN + WIKI_LINKS
BATCH_SIZE = 12


def batches() -> list[list[int]]:
    """Vector numbers (1-based, into VECTORS + GREEDY) grouped by page, a greedy vector closing each batch."""
    plain = list(range(1, len(VECTORS) + 1))
    greedy = list(range(len(VECTORS) + 1, len(VECTORS) + len(GREEDY) + 1))
    groups = [plain[i:i + BATCH_SIZE] for i in range(0, len(plain), BATCH_SIZE)]
    while len(groups) < len(greedy):
        groups.append([])
    for group, number in zip(groups, greedy):
        group.append(number)
    return groups


ALL = VECTORS + GREEDY


def section(number: int) -> str:
    """A vector under a heading of its own: the heading shows the vector was rendered, not swallowed."""
    return f"## Vector {number}\n\n{ALL[number - 1]}"


def body_of(numbers: list[int]) -> str:
    return "\n\n".join(section(n) for n in numbers)


def one_line(vector: str, limit: int) -> str:
    return " ".join(vector.split())[:limit]


# --- what the browser must never show --------------------------------------------------------------

INSPECT = """() => {
    const problems = [];
    const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster',
        'background', 'data', 'codebase', 'cite', 'dynsrc', 'lowsrc', 'longdesc', 'ping', 'manifest', 'icon',
        'values', 'to', 'from', 'by']);
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\\s+/g, '.') : '');
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const attribute = attr.name.toLowerCase();
            if (attribute.startsWith('on')) problems.push(`${name(el)} has ${attribute}="${attr.value}"`);
            if (attribute === 'srcdoc') problems.push(`${name(el)} has srcdoc="${attr.value}"`);
            if (URL_ATTRIBUTES.has(attribute) || attribute.endsWith(':href')) {
                const value = attr.value.replace(/[\\u0000-\\u0020\\u007f-\\u009f]+/g, '').toLowerCase();
                if (/^(javascript|data|vbscript):/.test(value)) {
                    problems.push(`${name(el)} has ${attribute}="${attr.value}"`);
                }
            }
        }
    }
    // The only scripts allowed are the site's own files (same origin, from the theme), with nothing inline.
    for (const script of document.querySelectorAll('script')) {
        const own = script.src && new URL(script.src).origin === location.origin &&
            new URL(script.src).pathname.includes('/static/') && !script.text.trim();
        if (!own) problems.push(`a <script> that is not one of the site's files: ${script.outerHTML.slice(0, 120)}`);
    }
    const forbidden = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math',
        'base', 'body style', 'body link', 'body meta', 'noscript', 'template',
        '.prose form', '.prose input', '.prose button', '.prose select', '.prose textarea', '.prose [style]',
        'table.diff *:not(del):not(ins):not(span):not(td):not(tr):not(th):not(thead):not(tbody):not(caption)'];
    for (const selector of forbidden) {
        for (const el of document.querySelectorAll(selector)) problems.push(`a <${name(el)}> (${selector})`);
    }
    if (typeof window.__xss !== 'undefined') problems.push(`window.__xss is ${String(window.__xss)}`);
    if (document.title === 'XSS') problems.push("document.title is 'XSS'");
    return problems;
}"""


class Inspector:
    """Opens screens in one page and records everything that should not be there."""

    def __init__(self, page, server):
        self.page, self.server = page, server
        self.dialogs: list[str] = []
        self.problems: list[str] = []
        self.screens = 0
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message!r}")
        dialog.dismiss()

    def check(self, where: str, headings: list[int] = ()) -> None:
        """Look at the screen as it is now (`headings`: vector numbers whose heading must be there)."""
        self.screens += 1
        found = self.page.evaluate(INSPECT)
        if self.dialogs:
            found = [f"a dialog opened ({d})" for d in self.dialogs] + found
            self.dialogs.clear()
        self.problems += [f"{where}: {problem}" for problem in found]
        if headings:
            present = set(self.page.evaluate(
                "() => [...document.querySelectorAll('[id^=h-vector-]')].map(h => h.id)"))
            lost = [n for n in headings if f"h-vector-{n}" not in present]
            assert not lost, f"{where}: the batch swallowed vectors {lost} (after vector {lost[0] - 1}); " \
                             f"mark the vector before them as greedy"

    def main_text(self) -> str:
        """The words of the main content as the reader sees them, spaces collapsed."""
        return " ".join(self.page.locator("main").inner_text().split())

    def visit(self, path: str, status: int = 200, headings: list[int] = ()) -> None:
        response = self.page.goto(self.server(path))
        assert response.status == status, f"{path} answered {response.status}, not {status}"
        self.check(path, headings)


@pytest.fixture
def csp_free_page(browser, live_server):
    """A page in a browser context of its own that ignores the site's CSP and reaches no other host."""
    context = browser.new_context(locale="en-CA", viewport=VIEWPORT, bypass_csp=True)
    context.set_default_timeout(TIMEOUT_MS)
    # A pattern (not a Python predicate): Playwright then lets the test server's requests through on its own.
    context.route(re.compile(rf"^(?!{re.escape(live_server.url)}/)"), lambda route: route.abort())
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_checks_see_a_planted_vector(live_server, csp_free_page):
    """The check itself works: with the CSP bypassed, a handler planted in a page runs and is reported."""
    page = csp_free_page
    inspector = Inspector(page, live_server)
    page.goto(live_server("/"))
    page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<img src=x onerror="window.__xss=1; alert(1)"><a href=" javascript:void(0)">x</a><svg></svg>')""")
    page.wait_for_function("() => window.__xss === 1")
    inspector.check("planted")
    report = "\n".join(inspector.problems)
    assert "planted: a dialog opened (alert: '1')" in report
    assert 'img has onerror="window.__xss=1; alert(1)"' in report
    assert 'a has href=" javascript:void(0)"' in report
    assert "a <svg> (svg)" in report
    assert "window.__xss is 1" in report


def test_no_vector_runs_anywhere_the_wiki_shows_it(live_server, csp_free_page, monkeypatch):
    started = time.monotonic()
    # Saves skip the search index (half of a save's time): no screen tested here reads it.
    monkeypatch.setattr(search, "after_commit", lambda: None)
    assert len(ALL) >= 60
    author = live_server.create_user("mallory.author", display_name="Mallory Author")
    live_server.create_user("olga.other", display_name="Olga Other")
    groups = batches()

    def seed():
        users = {u.username: u for u in db.session.scalars(select(User))}
        wiki.save_page("Welcome", body="The welcome page.", author=users["olga.other"])
        for index, numbers in enumerate(groups, start=1):
            path = f"Xss_batch_{index}"
            for count, number in enumerate(numbers, start=1):  # one revision per vector: text, title, summary
                vector = ALL[number - 1]
                base = wiki.find(path)[0].current_revision_id if count > 1 else None
                wiki.save_page(path, body=body_of(numbers[:count]), title=one_line(vector, wiki.MAX_TITLE),
                               summary=vector[:wiki.MAX_SUMMARY], author=users["mallory.author"],
                               base_revision_id=base)
            # Every line edited, so the word-by-word diff meets every vector too; then back to the text as written.
            edited = "\n".join(line + " edited" if line and not line.startswith("## Vector") else line
                               for line in body_of(numbers).split("\n"))
            first = ALL[numbers[0] - 1]
            for body in (edited, body_of(numbers)):  # edited, then back: the page shows the vectors as written
                wiki.save_page(path, body=body, title=one_line(first, wiki.MAX_TITLE),
                               summary=first[:wiki.MAX_SUMMARY], author=users["mallory.author"],
                               base_revision_id=wiki.find(path)[0].current_revision_id)

    live_server.run(seed)
    print(f"seeded in {time.monotonic() - started:.1f} s")
    page = csp_free_page
    sign_in_through_form(page, live_server, author)
    inspector = Inspector(page, live_server)

    for index, numbers in enumerate(groups, start=1):
        path = f"/wiki/Xss_batch_{index}"
        last = len(numbers) + 2
        inspector.visit(path, headings=numbers)
        expect(page.locator("article h1")).to_have_text(one_line(ALL[numbers[0] - 1], wiki.MAX_TITLE))  # as typed
        inspector.visit(f"{path}/revisions/{len(numbers) + 1}")  # the old revision with every line edited
        inspector.visit(f"{path}/revisions/1", headings=numbers[:1])
        inspector.visit(f"{path}/history")
        shown = inspector.main_text()
        unreadable = [n for n in numbers if one_line(ALL[n - 1][:wiki.MAX_SUMMARY], 10**6) not in shown]
        assert not unreadable, f"the history does not show the summaries of vectors {unreadable} as typed"
        inspector.visit(f"{path}/diff?from=1&to={last}")  # every vector added, line by line
        inspector.visit(f"{path}/diff?from={last - 2}&to={last - 1}")  # every line edited (word by word), new title
        inspector.visit(f"{path}/diff?from={last - 1}&to={last}")  # and back

        inspector.visit(f"{path}/edit")
        mine = page.locator("#f-body").input_value()
        assert mine.startswith("## Vector"), "the editor should hold the page's text, vectors and all"
        with page.expect_navigation():
            page.locator("button[name=action][value=preview]").click()
        inspector.check(f"{path}/edit (preview)", headings=numbers)

        # Someone else saves meanwhile: the conflict screen shows both texts and their differences.
        def save_theirs(path=path.removeprefix("/wiki/"), text="Their opening line.\n\n" + mine):
            current = wiki.find(path)[0]
            olga = db.session.scalars(select(User).where(User.username == "olga.other")).one()
            wiki.save_page(path, body=text, title=current.title, author=olga,
                           base_revision_id=current.current_revision_id)

        live_server.run(save_theirs)
        page.locator("#f-body").fill("My opening line.\n\n" + mine)
        with page.expect_navigation() as navigation:
            page.locator("button[name=action][value=save]").click()
        assert navigation.value.status == 409, "the two opening lines should conflict"
        expect(page.locator("#theirs")).to_have_value("Their opening line.\n\n" + mine)
        expect(page.locator("#f-body")).to_have_value("My opening line.\n\n" + mine)
        inspector.check(f"{path}/edit (conflict)")

    first = "/wiki/Xss_batch_1"
    for screen in ("/wiki/", "/wiki/Welcome/backlinks", f"{first}/move", f"{first}/translation"):
        inspector.visit(screen)
    inspector.visit("/recent")
    shown, recent_pages = inspector.main_text(), 1
    while (following := page.locator("main a[rel=next]")).count():
        with page.expect_navigation():
            following.click()
        inspector.check(live_server.path(page.url))
        shown, recent_pages = shown + " " + inspector.main_text(), recent_pages + 1
    unreadable = [n for n in range(1, len(ALL) + 1) if one_line(ALL[n - 1], wiki.MAX_TITLE) not in shown]
    assert not unreadable, f"recent changes do not show the titles of vectors {unreadable} as typed"

    assert not inspector.problems, (
        f"{len(inspector.problems)} problem(s) on {inspector.screens} screens:\n" + "\n".join(inspector.problems))
    elapsed = time.monotonic() - started
    print(f"{len(ALL)} vectors in {len(groups)} pages, {inspector.screens} screens "
          f"({recent_pages} of recent changes) in {elapsed:.1f} s")
