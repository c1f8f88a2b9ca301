"""Blogs: every post, one person's blog, a post with its comments, the editor, versions, delete and restore."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import access
from ..i18n import current_language
from ..member_pages import shared
from ..models.content import LANGUAGES
from ..services import HoldWarning, PolicyAcceptanceRequired, ValidationError, blog, comments, policy, rendering, social, users
from . import paginate

bp = Blueprint("blog", __name__, url_prefix="/blog")


@bp.get("/")
@access("reader")
def index():
    tag = request.args.get("tag", "").strip().lower() or None
    language = request.args.get("lang") if request.args.get("lang") in LANGUAGES else None
    page = paginate(blog.published(tag=tag, language=language), per_page=20)
    return render_template("blog/index.html", page=page, tag=tag, language=language, languages=LANGUAGES,
                           tags=blog.popular_tags(), excerpt=blog.excerpt)


@bp.get("/<username>/")
@access("reader")
def person(username: str):
    author = users.get_or_404(username)
    page = paginate(blog.published(author=author), per_page=20)
    own = None
    if current_user.is_authenticated and current_user.id == author.id:
        from ..extensions import db

        own = list(db.session.scalars(blog.own_unpublished(author)))
    return render_template("blog/person.html", author=author, page=page, own=own, excerpt=blog.excerpt,
                           disclaimer_author=author)


def _form_values(post=None) -> dict:
    if request.method == "POST":
        return {key: request.form.get(key, "") for key in ("title", "body", "tags", "language", "base_version")}
    if post is None:
        return {"title": "", "body": "", "tags": "", "language": current_language(), "base_version": ""}
    return {"title": post.title, "body": post.body, "tags": ", ".join(post.tag_list), "language": post.language,
            "base_version": post.version}


def _editor(post, values, errors, status=200, preview=None, policy_needed=False, hold_warning=None,
            confirm_value="publish"):
    return render_template("blog/edit.html", post=post, values=values, errors=errors, preview=preview,
                           languages=LANGUAGES, policy_needed=policy_needed, hold_warning=hold_warning,
                           form_id="editor-form", confirm_value=confirm_value), status


def _save(post):
    """The editor's POST: preview, save a draft, publish, or update; the text typed is never lost."""
    values = _form_values(post)
    action = request.form.get("action") or request.form.get("confirm_hold") or "draft"
    if action == "preview":
        return _editor(post, values, {}, preview=rendering.render(values["body"]).html)
    try:
        base = int(values["base_version"]) if values["base_version"] else None
    except ValueError:
        base = None
    try:
        result = blog.save_post(current_user, title=values["title"], body=values["body"], tags=values["tags"],
                                language=values["language"], publish=action == "publish", post=post,
                                base_version=base, warn="confirm_hold" not in request.form)
    except HoldWarning as warning:
        return _editor(post, values, {}, hold_warning=warning.signals, confirm_value=action)
    except ValidationError as error:
        return _editor(post, values, error.errors, 400)
    except PolicyAcceptanceRequired as error:
        return _editor(post, values, {"form": error.message}, 403, policy_needed=True)
    if result.outcome == "conflict":
        values["base_version"] = result.post.version
        return _editor(post, values, {"form": _("This post was changed in another window since you opened the "
                                                "editor. Your text is below; compare it with the saved post, "
                                                "then save again.")}, 409)
    saved = result.post
    if result.outcome == "unchanged":
        flash(_("You made no changes, so nothing was saved."), "info")
    elif result.held:
        flash(_("Your post is saved and waiting for a moderator's review before it is published."), "warning")
    elif saved.status == "published":
        flash(_("Your post is published.") if action == "publish" else _("Your post is updated."), "success")
    else:
        flash(_("Your draft is saved. Only you can see it."), "success")
    return redirect(url_for("blog.post", username=saved.author.username, slug=saved.slug))


@bp.route("/new", methods=["GET", "POST"])
@access("user")
def new():
    if request.method == "GET":
        policy.ensure_accepted(current_user)
        return _editor(None, _form_values(), {})
    return _save(None)


@bp.get("/<username>/<slug>")
@access("reader")
@shared
def post(username: str, slug: str):
    found = blog.get_visible(username, slug, current_user)
    return render_template("blog/post.html", post=found, html=blog.rendered(found),
                           threads=comments.thread("post", found.id, current_user), comment_target=("post", found.id),
                           can_see_versions=blog.can_see_versions(current_user, found),
                           disclaimer_author=found.author)


def _own_post(username: str, slug: str):
    found = blog.get_visible(username, slug, current_user)
    if found.author_id != current_user.id:
        abort(403)
    return found


@bp.route("/<username>/<slug>/edit", methods=["GET", "POST"])
@access("user")
def edit(username: str, slug: str):
    found = _own_post(username, slug)
    if request.method == "GET":
        policy.ensure_accepted(current_user)
        return _editor(found, _form_values(found), {})
    return _save(found)


@bp.get("/<username>/<slug>/versions")
@access("user")
def versions(username: str, slug: str):
    found = blog.get_visible(username, slug, current_user)
    if not blog.can_see_versions(current_user, found):
        abort(403)
    return render_template("blog/versions.html", post=found, versions=blog.versions(found), render=rendering.render)


@bp.post("/<username>/<slug>/delete")
@access("user")
def delete(username: str, slug: str):
    found = blog.get_visible(username, slug, current_user)
    blog.delete_post(found, current_user)
    flash(_("The post is deleted. An administrator can restore it if you change your mind."), "info")
    return redirect(url_for("blog.person", username=found.author.username))


@bp.post("/<username>/<slug>/restore")
@access("admin")
def restore(username: str, slug: str):
    found = blog.get_visible(username, slug, current_user)
    try:
        blog.restore_post(found, current_user, request.form.get("reason", ""))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("The post is restored."), "success")
    return redirect(url_for("blog.post", username=found.author.username, slug=found.slug))
