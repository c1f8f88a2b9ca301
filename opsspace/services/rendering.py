"""The one renderer: Markdown to HTML, then the content_rendered hook, then the sanitizer, always last.

Also: [[Wiki Links]] (collected so backlinks can be kept), code highlighting with CSS classes,
a table of contents, plain text for search, and a small per-process cache keyed by revision.
"""
import html as html_lib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from urllib.parse import quote, unquote
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.inlinepatterns import InlineProcessor
from markupsafe import Markup

from .. import plugins
from . import paths

# attr_list and md_in_html stay off: they would let authors set any attribute.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "s", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
}
URL_SCHEMES = {"http", "https", "mailto"}
HEADING_ID_PREFIX = "h-"
WIKILINK_RE = r"\[\[([^\]\|\n]{1,255})(?:\|([^\]\n]{1,255}))?\]\]"
# @username, not inside an e-mail address or a word; the same shape as users.USERNAME_RE.
MENTION_RE = r"(?<![\w@/.-])@([a-z0-9][a-z0-9._-]{1,38}[a-z0-9])"
_MENTION_SCAN = re.compile(MENTION_RE)


@dataclass
class Rendered:
    """What the content_rendered hook receives; plugins change ``html`` in place."""

    html: str


@dataclass
class RenderResult:
    html: Markup
    links: set[str] = field(default_factory=set)  # normalized paths of [[links]]
    mentions: set[str] = field(default_factory=set)  # user names of existing people @mentioned
    toc: list = field(default_factory=list)  # [{"id", "name", "level", "children"}]


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    # Heading ids come from the table of contents and always carry our prefix, so an author's raw
    # id="main" can never collide with the page's own landmarks or scripts.
    if attribute == "id" and not value.startswith(HEADING_ID_PREFIX):
        return None
    if attribute == "class":
        kept = [name for name in value.split() if re.fullmatch(r"[A-Za-z0-9_-]{1,40}", name)]
        return " ".join(kept) or None
    return value


def sanitize(html: str) -> Markup:
    """Keep only the allowlisted tags, attributes and link schemes; mark links rel=nofollow noopener."""
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="nofollow noopener", strip_comments=True, attribute_filter=_attribute_filter))


def wiki_url(path: str) -> str:
    return "/wiki/" + quote(path, safe="/_-.~()")


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern, md, links: set):
        super().__init__(pattern, md)
        self.links = links

    def handleMatch(self, m, data):
        target, label = m.group(1).strip(), (m.group(2) or "").strip()
        target, _hash, anchor = target.partition("#")
        path = paths.try_normalize(target)
        if path is None:  # not a valid page name: leave the text as written
            return None, None, None
        self.links.add(path)
        element = etree.Element("a")
        href = wiki_url(path) + (f"#{HEADING_ID_PREFIX}{quote(anchor.strip().lower().replace(' ', '-'))}" if anchor else "")
        element.set("href", href)
        element.set("class", "wikilink")
        element.text = label or target
        return element, m.start(0), m.end(0)


class _MentionProcessor(InlineProcessor):
    def __init__(self, pattern, md, known: set, found: set):
        super().__init__(pattern, md)
        self.known, self.found = known, found

    def handleMatch(self, m, data):
        username = m.group(1)
        if username not in self.known:  # not a person here: leave the text as written
            return None, None, None
        self.found.add(username)
        element = etree.Element("a")
        element.set("href", "/people/" + quote(username))
        element.set("class", "mention")
        element.text = "@" + username
        return element, m.start(0), m.end(0)


class _OpsspaceExtension(markdown.Extension):
    """[[Wiki links]] and @mentions."""

    def __init__(self, links: set, known_users: set, mentions: set):
        super().__init__()
        self.links, self.known_users, self.mentions = links, known_users, mentions

    def extendMarkdown(self, md):
        # Before links (priority 160) so [[a|b]] is not read as a reference link.
        md.inlinePatterns.register(_WikiLinkProcessor(WIKILINK_RE, md, self.links), "wikilink", 175)
        md.inlinePatterns.register(_MentionProcessor(MENTION_RE, md, self.known_users, self.mentions), "mention", 174)


def mention_candidates(text: str) -> set[str]:
    """User names that look @mentioned in a text (whether or not such people exist)."""
    return set(_MENTION_SCAN.findall(text or ""))


def _existing_usernames(candidates: set[str]) -> set[str]:
    if not candidates:
        return set()
    from ..extensions import db
    from ..models import User
    from sqlalchemy import select

    return set(db.session.scalars(select(User.username).where(User.username.in_(candidates))))


def _slugify(value: str, separator: str) -> str:
    from markdown.extensions.toc import slugify_unicode

    return HEADING_ID_PREFIX + slugify_unicode(value, separator)


def highlight(html: str, phrases) -> str:
    """Safe HTML with <mark> around each of `phrases` (as typed, any case) wherever it appears in the text,
    never inside a tag. For moderators: the words a plugin matched, shown where they are."""
    wanted = sorted({p for p in phrases if p and p.strip()}, key=len, reverse=True)
    if not wanted:
        return html
    pattern = re.compile("|".join(re.escape(html_lib.escape(p, quote=False)) for p in wanted), re.IGNORECASE)
    parts = re.split(r"(<[^>]*>)", str(html))
    marked = [part if part.startswith("<") else pattern.sub(lambda m: f"<mark>{m.group()}</mark>", part)
              for part in parts]
    return Markup("".join(marked))


def sanitize_marks(html: str) -> str:
    """Search snippets: text with <mark> around the words found, nothing else."""
    return nh3.clean(html, tags={"mark"}, attributes={})


def render(text: str, content=None) -> RenderResult:
    """Render author Markdown to safe HTML. The stored Markdown is never changed."""
    links: set[str] = set()
    mentions: set[str] = set()
    known_users = _existing_usernames(mention_candidates(text))
    md = markdown.Markdown(
        extensions=["tables", "fenced_code", "codehilite", "sane_lists", "toc",
                    _OpsspaceExtension(links, known_users, mentions)],
        extension_configs={
            "codehilite": {"css_class": "highlight", "guess_lang": False, "noclasses": False},
            "toc": {"slugify": _slugify, "permalink": False},
        },
        output_format="html",
    )
    rendered = Rendered(md.convert(text or ""))
    if content is not None:
        plugins.hook().content_rendered(content=content, rendered=rendered)
    return RenderResult(html=sanitize(rendered.html), links=links, mentions=mentions,
                        toc=getattr(md, "toc_tokens", []))


def render_markdown(text: str, content=None) -> Markup:
    return render(text, content).html


def plain_text(html: str) -> str:
    """The words of rendered HTML, for search and summaries."""
    return html_lib.unescape(nh3.clean(str(html), tags=set())).strip()


# nh3 writes attributes in a fixed order (class before href), so our own wiki links have one exact shape.
_WIKILINK_HTML_RE = re.compile(r'<a class="wikilink" href="(/wiki/[^"#]*)(#[^"]*)?"')


def mark_missing_links(html: Markup, existing: set[str], edit_url) -> Markup:
    """Show links to pages that do not exist as such, leading to their creation (a cheap pass over cached HTML)."""
    def replace(match):
        path = unquote(match.group(1)[len("/wiki/"):])
        if path in existing:
            return match.group(0)
        return f'<a class="wikilink new" href="{html_lib.escape(edit_url(path))}"'

    return Markup(_WIKILINK_HTML_RE.sub(replace, str(html)))


def link_targets(html: Markup) -> set[str]:
    """The page paths that rendered HTML links to with [[wiki links]]."""
    return {unquote(m.group(1)[len("/wiki/"):]) for m in _WIKILINK_HTML_RE.finditer(str(html))}


class RenderCache:
    """A small thread-safe LRU of rendered revisions, one per app (so per database).
    Revisions never change, so a key never goes stale."""

    def __init__(self, size: int = 512):
        self.size = size
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, compute):
        with self._lock:
            if key in self._data:
                self._data.move_to_end(key)
                return self._data[key]
        value = compute()
        with self._lock:
            self._data[key] = value
            if len(self._data) > self.size:
                self._data.popitem(last=False)
        return value


def cached(key, compute):
    """Look `key` up in the current app's render cache, computing and keeping it when missing."""
    from flask import current_app

    store = current_app.extensions.setdefault("opsspace.render_cache", RenderCache())
    return store.get(key, compute)
