"""Sign in and sign out of local accounts."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..access import access
from ..security import safe_next
from ..services import Throttled, ValidationError, users

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
@access("public")
def login():
    next_url = safe_next(request.values.get("next"))
    if current_user.is_authenticated and request.method == "GET":
        return redirect(next_url or url_for("main.home"))
    errors, status = {}, 200
    if request.method == "POST":
        try:
            user = users.authenticate(request.form.get("username", ""), request.form.get("password", ""),
                                      request.remote_addr or "")
        except Throttled as error:
            errors, status = {"form": error.message}, 429
        except ValidationError as error:
            errors, status = error.errors, 400
        else:
            login_user(user, remember=bool(request.form.get("remember")))
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(next_url or url_for("main.home"))
    return render_template("auth/login.html", errors=errors, next_url=next_url,
                           username=request.form.get("username", "")), status


@bp.route("/logout", methods=["GET", "POST"])
@access("public")
def logout():
    """GET asks for confirmation (sign-out is a change of state, so it needs a POST with a CSRF token)."""
    if request.method == "POST":
        logout_user()
        flash(_("You are signed out."), "info")
        return redirect(url_for("main.home"))
    if not current_user.is_authenticated:
        return redirect(url_for("main.home"))
    return render_template("auth/logout.html")
