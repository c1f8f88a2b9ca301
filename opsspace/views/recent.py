"""Recent changes across the site: wiki edits and blog posts."""
from flask import Blueprint, render_template, request

from ..access import access
from ..models.content import LANGUAGES
from ..services import recent
from . import ListPage, page_number

bp = Blueprint("recent", __name__)
PER_PAGE = 50


def filters() -> dict:
    kind = request.args.get("type")
    return {"author": request.args.get("author", "").strip() or None,
            "language": request.args.get("lang") if request.args.get("lang") in LANGUAGES else None,
            "kinds": (kind,) if kind in ("page", "post") else ("page", "post")}


@bp.get("/recent")
@access("reader")
def changes():
    chosen = filters()
    number = page_number()
    items, total = recent.changes(**chosen, limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
    return render_template("recent.html", page=ListPage(items, total, number, PER_PAGE), filters=chosen,
                           languages=LANGUAGES, kind=request.args.get("type", ""))
