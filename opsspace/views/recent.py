"""Recent changes across the site, as a page and as an Atom feed."""
from datetime import timezone

from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, current_app, render_template, request, url_for

from ..access import access
from ..extensions import db
from ..models.content import LANGUAGES
from ..services import wiki
from . import paginate

bp = Blueprint("recent", __name__)

FEED_SIZE = 50


def _filters() -> dict:
    language = request.args.get("lang")
    return {"author": request.args.get("author", "").strip() or None,
            "language": language if language in LANGUAGES else None}


@bp.get("/recent")
@access("reader")
def changes():
    filters = _filters()
    page = paginate(wiki.recent_changes(**filters), per_page=50)
    return render_template("recent.html", page=page, filters=filters, languages=LANGUAGES)


@bp.get("/feeds/recent.atom")
@access("reader")
def feed():
    filters = _filters()
    revisions = db.session.scalars(wiki.recent_changes(**filters).limit(FEED_SIZE)).all()
    generator = FeedGenerator()
    generator.id(url_for("recent.feed", _external=True, **request.args))
    generator.title(f"{current_app.config['SITE_NAME']} — recent changes")
    generator.link(href=url_for("recent.changes", _external=True), rel="alternate")
    generator.link(href=url_for("recent.feed", _external=True, **request.args), rel="self")
    generator.language(filters["language"] or "en")
    latest = None
    for revision in reversed(revisions):  # feedgen lists entries newest first when added oldest first
        page = revision.page
        entry = generator.add_entry()
        link = url_for("wiki.revision", path=page.path, number=revision.number, _external=True)
        entry.id(link)
        entry.title(f"{revision.title} ({revision.number})")
        entry.link(href=link)
        entry.author(name=revision.author.display_name)
        updated = revision.created_at.replace(tzinfo=timezone.utc)
        entry.updated(updated)
        entry.published(updated)
        entry.summary(revision.summary or revision.title)
        latest = max(latest or updated, updated)
    if latest is not None:
        generator.updated(latest)
    return Response(generator.atom_str(pretty=True), mimetype="application/atom+xml")
