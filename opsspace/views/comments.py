"""Comments on posts and wiki pages: add, reply, edit, delete, and the earlier versions."""
from flask import Blueprint, abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from ..access import access
from ..services import HoldWarning, PolicyAcceptanceRequired, ValidationError, comments

bp = Blueprint("comments", __name__, url_prefix="/comments")


def _back(comment=None) -> str:
    from ..security import safe_next

    if comment is not None:
        return comments.url(comment)
    return safe_next(request.form.get("next")) or "/"


@bp.post("/")
@access("user")
def add():
    try:
        target_id = int(request.form.get("target_id", ""))
        parent_id = int(request.form["parent_id"]) if request.form.get("parent_id") else None
    except ValueError:
        abort(400)
    try:
        comment = comments.add(request.form.get("target_type", ""), target_id, current_user,
                               request.form.get("body", ""), parent_id=parent_id,
                               warn="confirm_hold" not in request.form)
    except HoldWarning as warning:
        return render_template("comments/retry.html", error=None, body=request.form.get("body", ""),
                               form=request.form, back=_back(), hold_warning=warning.signals,
                               form_id="comment-form", confirm_value="1")
    except (ValidationError, PolicyAcceptanceRequired) as error:
        # Back to the form with the text kept: the form shows it again from the flash data.
        return render_template("comments/retry.html", error=error.message, body=request.form.get("body", ""),
                               form=request.form, back=_back()), error.status
    if comment.status == "held":
        flash(_("Your comment is waiting for a moderator's review before others can see it."), "warning")
    else:
        flash(_("Your comment is published."), "success")
    return redirect(comments.url(comment))


@bp.route("/<int:comment_id>/edit", methods=["GET", "POST"])
@access("user")
def edit(comment_id: int):
    comment = comments.get(comment_id)
    if comment.author_id != current_user.id:
        abort(403)
    errors, status, body, hold_warning = {}, 200, comment.body, None
    if request.method == "POST":
        body = request.form.get("body", "")
        try:
            comments.edit(comment, current_user, body, warn="confirm_hold" not in request.form)
        except HoldWarning as warning:
            hold_warning = warning.signals
        except (ValidationError, PolicyAcceptanceRequired) as error:
            errors, status = {"body": error.message}, error.status
        else:
            flash(_("Your comment is updated; the earlier version is kept."), "success")
            return redirect(comments.url(comment))
    return render_template("comments/edit.html", comment=comment, body=body, errors=errors, back=comments.url(comment),
                           hold_warning=hold_warning, form_id="comment-form", confirm_value="1"), status


@bp.post("/<int:comment_id>/delete")
@access("user")
def delete(comment_id: int):
    comment = comments.get(comment_id)
    comments.delete(comment, current_user)
    flash(_("The comment is deleted."), "info")
    return redirect(comments.url(comment))


@bp.get("/<int:comment_id>/versions")
@access("user")
def versions(comment_id: int):
    comment = comments.get(comment_id)
    if current_user.id != comment.author_id and not current_user.is_moderator:
        abort(403)
    return render_template("comments/versions.html", comment=comment, versions=comments.versions(comment),
                           back=comments.url(comment))
