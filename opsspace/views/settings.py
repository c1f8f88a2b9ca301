"""A signed-in user's own settings: profile, language, personal disclaimer, password."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user

from ..access import access
from ..services import ValidationError, people, users

bp = Blueprint("settings", __name__, url_prefix="/settings")

PROFILE_FIELDS = ("display_name", "email", "preferred_language", "title", "department", "location", "bio",
                  "personal_disclaimer")


def _current_values() -> dict:
    values = {field: getattr(current_user, field) or "" for field in PROFILE_FIELDS}
    values["expertise"] = ", ".join(current_user.expertise_list)
    values["languages_spoken"] = current_user.languages_list
    return values


@bp.route("/profile", methods=["GET", "POST"])
@access("user")
def profile():
    errors, status = {}, 200
    values = _current_values()
    if request.method == "POST":
        values = {field: request.form.get(field, "") for field in (*PROFILE_FIELDS, "expertise")}
        values["languages_spoken"] = request.form.getlist("languages_spoken")
        upload = request.files.get("avatar")
        picture, picture_errors = None, {}
        try:  # check the picture before saving anything: a bad file leaves the whole profile unchanged
            picture = people.prepare_avatar(upload.read()) if upload and upload.filename else None
        except ValidationError as error:
            picture_errors = error.errors
        try:
            if picture_errors:
                users.check_profile(current_user, **values)  # report the other fields' errors too, saving nothing
                raise ValidationError(picture_errors)
            users.update_profile(current_user, **values)
            if picture is not None:
                people.set_avatar(current_user, picture)
            elif request.form.get("remove_avatar"):
                people.remove_avatar(current_user)
        except ValidationError as error:
            errors, status = {**error.errors, **picture_errors}, 400
        else:
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("settings.profile"))
    return render_template("settings/profile.html", values=values, errors=errors), status


@bp.route("/password", methods=["GET", "POST"])
@access("user")
def password():
    errors, status = {}, 200
    if request.method == "POST":
        new = request.form.get("new_password", "")
        if new != request.form.get("confirm_password", ""):
            errors, status = {"confirm_password": _("The two new passwords are not the same.")}, 400
        else:
            try:
                users.change_password(current_user, request.form.get("current_password", ""), new)
            except ValidationError as error:
                errors, status = error.errors, 400
            else:
                login_user(current_user._get_current_object())  # the old session id no longer matches: renew it
                flash(_("Your password is changed. Other devices are signed out."), "success")
                return redirect(url_for("settings.profile"))
    return render_template("settings/password.html", errors=errors), status
