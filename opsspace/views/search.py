"""Search: the results page and the suggestions the search box shows as people type."""
from flask import Blueprint, current_app, g, jsonify, render_template, request, url_for
from flask_login import current_user

from ..access import access
from ..services import search
from . import page_number

bp = Blueprint("search", __name__, url_prefix="/search")


def linker(hits):
    """Where each result leads (built now: the index keeps only what is needed to build it); the comments'
    posts and pages are read together."""
    from ..services import comments

    comment_urls = comments.urls_by_id([int(hit.ref) for hit in hits if hit.type == "comment" and hit.ref.isdigit()])

    def link(hit) -> str:
        if hit.type == "page":
            return url_for("wiki.page", path=hit.ref)
        if hit.type == "post":
            username, _, slug = hit.ref.partition("/")
            return url_for("blog.post", username=username, slug=slug)
        if hit.type == "person":
            return url_for("people.profile", username=hit.ref)
        return comment_urls.get(int(hit.ref), "#") if hit.ref.isdigit() else "#"

    return link


@bp.get("")
@access("reader")
def results():
    text = request.args.get("q", "")
    doc_type = request.args.get("type") or None
    lang = request.args.get("lang") or None
    include_hidden = bool(request.args.get("held")) and current_user.is_authenticated and current_user.is_moderator
    found = None
    if text.strip():
        found = search.search(text, current_user, doc_type=doc_type, lang=lang, page=page_number(),
                              per_page=current_app.config["SEARCH_PAGE_SIZE"], include_hidden=include_hidden)
        g.search_total = found.total  # for plugins that count searches (request_finished)
    return render_template("search.html", q=text, doc_type=doc_type, lang=lang, found=found,
                           link=linker(found.hits if found else []),
                           include_hidden=include_hidden)


@bp.get("/suggest")
@access("reader")
def suggest():
    items = search.suggest(request.args.get("q", ""), current_user)
    for item in items:
        item["url"] = url_for("wiki.page", path=item["ref"]) if item["type"] == "page" else \
            url_for("people.profile", username=item["ref"])
        del item["ref"]
    return jsonify(items)
