"""The one renderer: Markdown to HTML, then the content_rendered hook, then the sanitizer, always last."""
from dataclasses import dataclass

import markdown
import nh3
from markupsafe import Markup

from .. import plugins

# What authors may produce. attr_list and md_in_html stay off: they would let authors set any attribute.
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "toc"]
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "ol", "p", "pre", "s", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "th", "thead", "tr", "ul", "mark",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "title"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "th": {"align", "scope", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto"}


@dataclass
class Rendered:
    """What the content_rendered hook receives; plugins change ``html`` in place."""

    html: str


def sanitize(html: str) -> Markup:
    """Keep only the allowlisted tags, attributes and link schemes; mark links rel=nofollow noopener."""
    return Markup(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
                            link_rel="nofollow noopener", strip_comments=True))


def render_markdown(text: str, content=None) -> Markup:
    """Render author Markdown to safe HTML. The stored Markdown is never changed."""
    md = markdown.Markdown(extensions=MARKDOWN_EXTENSIONS, output_format="html")
    rendered = Rendered(md.convert(text or ""))
    if content is not None:
        plugins.hook().content_rendered(content=content, rendered=rendered)
    return sanitize(rendered.html)
