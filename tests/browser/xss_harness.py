"""Runs an XSS corpus through every place the site shows what people type, in a real Chromium.

Two kinds of surface:
- Markdown surfaces (wiki page text, blog post text, comment, profile bio): many payloads per screen, each under
  a heading "Payload N" whose id (h-payload-N) is the marker. A payload that leaves an element or a Markdown
  block open swallows the markers after it: the payloads from the first lost marker on go back to the queue,
  so each payload is looked at with its marker on screen. A problem on an element is charged to the nearest
  marker before it; a problem of the whole page (a dialog, window.__xss, document.title) splits the batch in
  halves until one payload is left, so a failure always names the payload.
- Listed surfaces (page titles, display names, tags, search results with their snippets): one item per payload,
  each starting with "Q<number>Q", shown many to a screen (the page tree, the directory, the blog index, search
  results); a problem is charged to the Q<number>Q in the list item around it.

What counts as a problem (checked in the DOM after the page loaded): a dialog, window.__xss set, the title set
to 'XSS', any on* attribute, srcdoc, a URL attribute that the browser reads as javascript:, data: or vbscript:
(parsed by the browser's own URL parser), a <script> that is not one of the site's own files, embedding or
scripting elements (iframe, object, embed, svg, math, base, ...), and form controls or style attributes inside
authors' content.
"""
import re
import time
from collections import deque
from dataclasses import dataclass, field

from sqlalchemy import select

from opsspace.extensions import db
from opsspace.models import User
from opsspace.services import blog, comments, search, users, wiki

from tests.support.xss_corpus import Payload

MARKER_PREFIX = "h-payload-"

INSPECT = """(markerPrefix) => {
    const problems = [];
    const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster',
        'background', 'data', 'codebase', 'cite', 'dynsrc', 'lowsrc', 'longdesc', 'ping', 'manifest', 'icon',
        'values', 'to', 'from', 'by']);
    const markers = [...document.querySelectorAll(`[id^="${markerPrefix}"]`)];
    const present = markers.map(m => Number(m.id.slice(markerPrefix.length))).filter(n => n > 0);
    // The payload an element belongs to: the last marker before it, else the Q<number>Q of its list item.
    const owner = el => {
        let found = null;
        for (const marker of markers) {
            if (marker === el || (marker.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) {
                found = Number(marker.id.slice(markerPrefix.length));
            } else break;
        }
        if (found !== null) return found;
        const item = el.closest('li, tr, article, h1, h2, h3, p, dd');
        const match = item && /\\b[qQ](\\d+)[qQ]\\b/.exec(item.textContent);
        return match ? Number(match[1]) : null;
    };
    const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
    const add = (el, text) => problems.push({owner: el ? owner(el) : null, text});
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            const attribute = attr.name.toLowerCase();
            if (attribute.startsWith('on')) add(el, `${name(el)} has ${attribute}="${attr.value.slice(0, 80)}"`);
            if (attribute === 'srcdoc') add(el, `${name(el)} has srcdoc`);
            if (URL_ATTRIBUTES.has(attribute) || attribute.endsWith(':href')) {
                // What the browser itself makes of the URL (it drops tabs and newlines anywhere, and control
                // characters and spaces at the ends); a value it cannot parse leads nowhere.
                let scheme = null;
                try { scheme = new URL(attr.value, document.baseURI).protocol; } catch (e) { scheme = null; }
                if (['javascript:', 'data:', 'vbscript:'].includes(scheme)) {
                    add(el, `${name(el)} has ${attribute}="${attr.value.slice(0, 80)}"`);
                }
            }
        }
    }
    for (const script of document.querySelectorAll('script')) {
        const own = script.src && new URL(script.src).origin === location.origin &&
            new URL(script.src).pathname.includes('/static/') && !script.text.trim();
        if (!own) add(script, `a <script> that is not one of the site's files: ${script.outerHTML.slice(0, 100)}`);
    }
    const forbidden = ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'base',
        'body style', 'body link', 'body meta', 'noscript', 'template', '.prose form', '.prose input',
        '.prose button', '.prose select', '.prose textarea', '.prose [style]'];
    for (const selector of forbidden) {
        for (const el of document.querySelectorAll(selector)) add(el, `a <${name(el)}> (${selector})`);
    }
    if (typeof window.__xss !== 'undefined') add(null, `window.__xss is ${String(window.__xss)}`);
    if (document.title === 'XSS') add(null, "document.title is 'XSS'");
    const main = document.querySelector('main');
    return {problems, present, text: main ? main.innerText : ''};
}"""


def one_line(text: str, limit: int) -> str:
    return " ".join(text.split())[:limit]


@dataclass
class Report:
    """What a run saw: payloads looked at per surface, screens, and every problem (naming its payload)."""

    tried: dict = field(default_factory=dict)  # surface -> set of payload numbers seen on screen
    screens: int = 0
    problems: list = field(default_factory=list)
    lost_alone: list = field(default_factory=list)  # payloads whose own marker was missing when shown alone

    def seen(self, surface: str, numbers) -> None:
        self.tried.setdefault(surface, set()).update(numbers)

    def executed(self) -> set:
        return {number for number, _where, _text in self.problems if number is not None}


class Runner:
    """Drives one browser page over a live server; `payloads` by number for the messages."""

    def __init__(self, page, server, payloads: list[Payload]):
        self.page, self.server = page, server
        self.by_number = {p.number: p for p in payloads}
        self.dialogs: list[str] = []
        self.report = Report()
        self.serial = 0
        page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(f"{dialog.type}: {dialog.message[:80]!r}")
        dialog.dismiss()

    def look(self, path: str) -> dict:
        """Open a screen and inspect it; returns {problems, present (marker numbers), text}."""
        self.dialogs.clear()
        response = self.page.goto(self.server(path))
        assert response is not None and response.status == 200, f"{path} answered {response and response.status}"
        self.report.screens += 1
        found = self.page.evaluate(INSPECT, MARKER_PREFIX)
        found["problems"] += [{"owner": None, "text": f"a dialog opened ({d})"} for d in self.dialogs]
        return found

    def _record(self, number, where: str, text: str) -> None:
        self.report.problems.append((number, where, text))

    # --- Markdown surfaces ------------------------------------------------------------------

    def markdown_surface(self, name: str, payloads: list[Payload], make, max_count: int, max_chars: int) -> None:
        """Show every payload through `make(body, serial) -> path` (run in the app), a batch per screen."""
        queue = deque((batch, False) for batch in chunks(payloads, max_count, max_chars))
        while queue:
            batch, suspect = queue.popleft()
            self.serial += 1
            path = self.server.run(make, batch, self.serial)
            found = self.look(path)
            page_wide = [p["text"] for p in found["problems"] if p["owner"] is None]
            for problem in found["problems"]:
                if problem["owner"] is not None:
                    self._record(problem["owner"], f"{name} {path}", problem["text"])
            if page_wide:
                if len(batch) == 1:
                    for text in page_wide:
                        self._record(batch[0].number, f"{name} {path}", text)
                    self.report.seen(name, [batch[0].number])
                    continue
                half = len(batch) // 2  # find which payload it was
                queue.extendleft([(batch[half:], True), (batch[:half], True)])
                continue
            present = set(found["present"])
            shown = 0
            while shown < len(batch) and batch[shown].number in present:
                shown += 1
            if shown == 0:  # the first marker itself is missing: show the first payload alone
                if len(batch) == 1:
                    self.report.lost_alone.append(batch[0].number)
                shown = 1
            self.report.seen(name, [p.number for p in batch[:shown]])
            if shown < len(batch):
                queue.appendleft((batch[shown:], suspect))

    # --- listed surfaces ----------------------------------------------------------------------

    def listed_screen(self, name: str, path: str, expected_numbers=None) -> set:
        """Inspect a listing; returns the payload numbers (Q<n>Q) shown on it."""
        found = self.look(path)
        numbers = {int(n) for n in re.findall(r"\b[qQ](\d+)[qQ]\b", found["text"])}
        for problem in found["problems"]:
            owner = problem["owner"]
            where = f"{name} {path}" + ("" if owner else f" (one of the {len(numbers)} payloads shown)")
            self._record(owner, where, problem["text"])
        if expected_numbers is not None:
            numbers &= set(expected_numbers)
        self.report.seen(name, numbers)
        return numbers

    def failure_message(self) -> str:
        lines = []
        for number, where, text in self.report.problems[:60]:
            payload = self.by_number.get(number)
            lines.append(f"- {where}: {text}\n    {payload.describe() if payload else 'not charged to one payload'}")
        more = len(self.report.problems) - 60
        return "\n".join(lines) + (f"\n… and {more} more" if more > 0 else "")


# --- building the content ------------------------------------------------------------------------

def section(payload: Payload) -> str:
    return f"## Payload {payload.number}\n\n{payload.text}"


def text_of(batch: list[Payload]) -> str:
    return "\n\n".join(section(p) for p in batch)


def chunks(payloads: list[Payload], max_count: int, max_chars: int) -> list[list[Payload]]:
    """Consecutive batches of at most `max_count` payloads whose text fits in `max_chars`."""
    batches, current, size = [], [], 0
    for payload in payloads:
        cost = len(section(payload)) + 2
        if current and (len(current) >= max_count or size + cost > max_chars):
            batches.append(current)
            current, size = [], 0
        current.append(payload)
        size += cost
    if current:
        batches.append(current)
    return batches


def _person(username: str) -> User:
    return db.session.scalars(select(User).where(User.username == username)).one()


def make_wiki_page(batch, serial):
    author = _person("mallory.author")
    path = f"Corpus_{serial}"
    wiki.save_page(path, body=text_of(batch), title=f"Corpus batch {serial}", author=author)
    return f"/wiki/{path}"


def make_post(batch, serial):
    author = _person("mallory.author")
    post = blog.save_post(author, title=f"Corpus post {serial}", body=text_of(batch), publish=True).post
    return f"/blog/{author.username}/{post.slug}"


def make_comment(batch, serial):
    carrier = blog.save_post(_person("olga.other"), title=f"Comments {serial}", body="Comments below.",
                             publish=True).post
    comments.add("post", carrier.id, _person("mallory.author"), text_of(batch))
    return f"/blog/olga.other/{carrier.slug}"


def make_bio(batch, serial):
    from tests.factories import make_user

    person = make_user(f"bio{serial}", display_name=f"Bio {serial}")
    users.update_profile(person, display_name=person.display_name, bio=text_of(batch))
    return f"/people/{person.username}"


MARKDOWN_SURFACES = [
    # name, make, most payloads per screen, most characters (within each service's limit)
    ("wiki page text", make_wiki_page, 60, 120_000),
    ("blog post text", make_post, 60, 120_000),
    ("comment", make_comment, 60, comments.MAX_BODY),
    ("profile bio", make_bio, 60, users.BIO_MAX),
]

SEARCH_WORD = "xsscorpus"
TAGS_PER_POST = blog.MAX_TAGS


def seed_listed(payloads: list[Payload], progress=None) -> None:
    """One wiki page (its title, and its text in a code block for the search snippet), one person (display name)
    and one tag per payload; the search index is brought up to date once at the end."""
    from tests.factories import make_user

    author, tagger = _person("mallory.author"), _person("tina.tags")
    for count, payload in enumerate(payloads, 1):
        marker = f"Q{payload.number}Q"
        fence = "~~~~~~~~" if "~~~" in payload.text else "~~~"
        wiki.save_page(f"Title_{payload.number}", title=one_line(f"{marker} {payload.text}", wiki.MAX_TITLE),
                       body=f"{SEARCH_WORD} {marker}\n\n{fence}\n{payload.text}\n{fence}\n", author=author)
        person = make_user(f"dn{payload.number}", display_name=one_line(f"{marker} {payload.text}", 120))
        person.department = SEARCH_WORD
        content_enqueue_person(person)
        if progress and count % 500 == 0:
            progress(count)
    for start in range(0, len(payloads), TAGS_PER_POST):
        group = payloads[start:start + TAGS_PER_POST]
        tags = [one_line(f"q{p.number}q {p.text}".replace(",", " "), blog.MAX_TAG).lower() for p in group]
        blog.save_post(tagger, title=f"Tags {group[0].number} to {group[-1].number}", body="A tagged post.",
                       tags=tags, publish=True)
    while search.pending():
        search.process_outbox(limit=2000, timeout=30)


def content_enqueue_person(person: User) -> None:
    from opsspace.services import content

    content.enqueue_index("person", person.id)
    db.session.commit()


def run_listed(runner: Runner, payloads: list[Payload], per_search_page: int) -> None:
    numbers = [p.number for p in payloads]
    runner.listed_screen("page title", "/wiki/", numbers)
    page = 1
    while True:
        shown = runner.listed_screen("search result and snippet", f"/search?q={SEARCH_WORD}&page={page}", numbers)
        if not shown:
            break
        page += 1
    runner.report.tried.setdefault("display name", set())
    for number in range(1, len(payloads) // 30 + 2):
        runner.listed_screen("display name", f"/people/?department={SEARCH_WORD}&page={number}", numbers)
    for number in range(1, len(payloads) // (TAGS_PER_POST * 20) + 2):  # 20 posts a page
        runner.listed_screen("tag", f"/blog/tina.tags/?page={number}", numbers)
    runner.listed_screen("page title", "/recent")
    runner.listed_screen("page title", "/")


def timed(label: str):
    """A context manager printing how long a step took (shown with pytest -s)."""

    class _Timer:
        def __enter__(self):
            self.started = time.monotonic()
            return self

        def __exit__(self, *exc):
            self.elapsed = time.monotonic() - self.started
            print(f"{label}: {self.elapsed:.1f} s")

    return _Timer()
