"""Atom feeds: recent changes, all blog posts, one person's blog. Only published content, ever."""
from datetime import timezone

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, current_app, request, url_for
from flask_babel import gettext as _

from ..access import access
from ..extensions import db
from ..services import blog, recent, users
from .recent import filters

bp = Blueprint("feeds", __name__)
FEED_SIZE = 50


def _atom(title: str, self_url: str, page_url: str, language: str | None, entries) -> Response:
    """entries: (id/link, title, author name, time (naive UTC), summary, language) newest first."""
    generator = FeedGenerator()
    generator.id(self_url)
    generator.title(f"{current_app.config['SITE_NAME']} — {title}")
    generator.link(href=page_url, rel="alternate")
    generator.link(href=self_url, rel="self")
    generator.language(language or "en")
    latest = None
    for link, entry_title, author, when, summary, _language in reversed(entries):
        entry = generator.add_entry()  # added oldest first: feedgen lists the last added first
        updated = when.replace(tzinfo=timezone.utc)
        entry.id(link)
        entry.link(href=link)
        entry.title(entry_title)
        entry.author(name=author)
        entry.updated(updated)
        entry.published(updated)
        entry.summary(summary or entry_title)
        latest = max(latest or updated, updated)
    if latest is not None:
        generator.updated(latest)
    return Response(generator.atom_str(pretty=True), mimetype="application/atom+xml")


def _post_entry(post):
    link = url_for("blog.post", username=post.author.username, slug=post.slug, _external=True)
    summary = blog.excerpt(post)
    return link, post.title, post.author.display_name, post.published_at, summary, post.language


@bp.get("/feeds/recent.atom")
@access("reader")
def recent_changes():
    chosen = filters()
    items, _total = recent.changes(**chosen, limit=FEED_SIZE)
    entries = []
    for change in items:
        if change.kind == "page":
            revision = change.obj
            link = url_for("wiki.revision", path=revision.page.path, number=revision.number, _external=True)
            entries.append((link, f"{revision.title} ({revision.number})", change.author.display_name,
                            change.at, revision.summary, revision.page.language))
        else:
            entries.append(_post_entry(change.obj))
    return _atom(_("Recent changes"), url_for("feeds.recent_changes", _external=True, **request.args),
                 url_for("recent.changes", _external=True), chosen["language"], entries)


@bp.get("/feeds/blog.atom")
@access("reader")
def all_posts():
    language = request.args.get("lang")
    posts = db.session.scalars(blog.published(tag=request.args.get("tag"), language=language).limit(FEED_SIZE))
    return _atom(_("Blogs"), url_for("feeds.all_posts", _external=True, **request.args),
                 url_for("blog.index", _external=True), language, [_post_entry(p) for p in posts])


@bp.get("/blog/<username>/feed.atom")
@access("reader")
def person(username: str):
    author = users.get_or_404(username)
    posts = db.session.scalars(blog.published(author=author).limit(FEED_SIZE))
    return _atom(author.display_name, url_for("feeds.person", username=author.username, _external=True),
                 url_for("blog.person", username=author.username, _external=True), author.preferred_language,
                 [_post_entry(p) for p in posts])
