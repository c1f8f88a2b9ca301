"""In-app notifications: the list, and marking them read."""
from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from ..access import access
from ..services import parse_id, social
from . import paginate

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@access("user")
def index():
    page = paginate(social.for_user(current_user), per_page=30)
    links = social.links(page.items)
    return render_template("notifications.html", page=page, link=lambda notification: links[notification.id])


@bp.post("/read")
@access("user")
def mark_read():
    raw = request.form.get("id")
    if raw and parse_id(raw) is None:  # no such notification: mark nothing rather than everything
        return redirect(url_for("notifications.index"))
    social.mark_read(current_user, parse_id(raw) if raw else None)
    target = request.form.get("go")
    from ..security import safe_next

    return redirect(safe_next(target) or url_for("notifications.index"))
