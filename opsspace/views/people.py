"""People: the directory, profiles (with the disclaimer and recent activity), avatars, following."""
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import access
from ..member_pages import shared
from ..services import ValidationError, blog, people, rendering, social, users
from . import paginate

bp = Blueprint("people", __name__, url_prefix="/people")


@bp.get("/")
@access("reader")
def index():
    filters = {key: request.args.get(key, "").strip() for key in ("name", "department", "expertise")}
    page = paginate(people.directory(**filters), per_page=30)
    return render_template("people/index.html", page=page, filters=filters, departments=people.departments())


@bp.get("/<username>")
@access("reader")
@shared
def profile(username: str):
    person = users.get_or_404(username)
    bio = rendering.cached(("bio", person.id, person.bio or ""), lambda: rendering.render(person.bio or "")).html
    return render_template("people/profile.html", person=person, bio=bio, activity=people.activity(person),
                           followers=social.follower_count(person), posts=blog.count_by(person),
                           disclaimer_author=person)


@bp.get("/<username>/avatar")
@access("reader")
def avatar(username: str):
    person = users.get_or_404(username)
    picture = people.avatar(person)
    if picture is None:
        abort(404)
    response = Response(picture.data, mimetype=picture.mime)
    # Never rendered as a page: an image, served as a download-safe inline picture.
    response.headers["Content-Disposition"] = 'inline; filename="avatar.png"'
    # Browsers check back each time (a cheap 304 when unchanged), so a new picture shows at once.
    response.headers["Cache-Control"] = "private, no-cache"
    response.add_etag()
    return response.make_conditional(request)


@bp.post("/<username>/follow")
@access("user")
def follow(username: str):
    person = users.get_or_404(username)
    following = request.form.get("follow") == "1"
    try:
        social.set_following(current_user, person, following)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("You follow %(name)s's blog: new posts will notify you.", name=person.display_name) if following
              else _("You no longer follow %(name)s.", name=person.display_name), "success")
    from ..security import safe_next

    return redirect(safe_next(request.form.get("next")) or url_for("people.profile", username=person.username))
