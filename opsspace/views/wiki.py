"""The wiki: page tree, pages, editing with preview and conflict screens, history, diffs, revert,
moves, backlinks, protection and translations."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import access
from ..i18n import current_language
from ..member_pages import shared
from ..models.content import LANGUAGES
from ..services import (HoldWarning, PolicyAcceptanceRequired, ValidationError, comments, diff, paths, policy, rendering, social,
                        wiki)
from . import paginate

bp = Blueprint("wiki", __name__, url_prefix="/wiki")


def _normalized_or_redirect(path: str, endpoint: str, **kwargs):
    """Send a non-canonical path ("human resources") to its canonical form ("Human_resources")."""
    try:
        canonical = paths.normalize(path)
    except paths.BadPath as error:
        abort(404, str(error))
    if canonical != path:
        return canonical, redirect(url_for(endpoint, path=canonical, **kwargs, **request.args), code=301)
    return canonical, None


def _page_or_404(path: str):
    page, _redirected = wiki.find(path)
    if page is None:
        abort(404)
    return page


@bp.get("/")
@access("reader")
def index():
    prefix = paths.try_normalize(request.args.get("prefix", "")) or ""
    return render_template("wiki/index.html", pages=wiki.tree(prefix), prefix=prefix)


@bp.get("/new")
@access("user")
def new():
    """Ask for a name, then open the editor for it."""
    name = request.args.get("name", "").strip()
    error = None
    if name:
        try:
            return redirect(url_for("wiki.edit", path=paths.normalize(name)))
        except paths.BadPath as exc:
            error = str(exc)
    return render_template("wiki/new.html", name=name, errors={"name": error} if error else {}), 400 if error else 200


@bp.get("/<path:path>")
@access("reader")
@shared
def page(path: str):
    path, fix = _normalized_or_redirect(path, "wiki.page")
    if fix:
        return fix
    found, redirected_from = wiki.find(path)
    if found is not None and redirected_from:
        flash(_("(Redirected from %(old)s)", old=paths.title_of(redirected_from)), "info")
        return redirect(url_for("wiki.page", path=found.path))
    shown = wiki.revision_for(found, current_user) if found else None
    if shown is None:
        return render_template("wiki/missing.html", path=path, title=paths.title_of(path),
                               can_create=wiki.can_edit(current_user, found)), 404
    parents = _parents(found.path)
    html, toc, existing = wiki.rendered(shown, also=set(parents))
    ancestors = [(p, paths.title_of(p), p in existing) for p in parents]
    other = found.translation
    return render_template(
        "wiki/page.html", page=found, revision=shown, html=html, toc=toc, ancestors=ancestors,
        children=wiki.children(found.path), translation=other, state=wiki.translation_state(found),
        page_lang=None, content_lang=found.language,
        toggle_next=url_for("wiki.page", path=other.path) if other else None,
        can_edit=wiki.can_edit(current_user, found), can_moderate=wiki.can_moderate(current_user),
        threads=comments.thread("page", found.id, current_user), comment_target=("page", found.id),
    )


def _parents(path: str) -> list[str]:
    """The paths above a page, top first: its breadcrumbs."""
    parts = path.split("/")[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]


def _editor_values(page, shown) -> dict:
    return {
        "title": shown.title if shown else (page.title if page else ""),
        "body": shown.body if shown else "",
        "summary": "",
        "language": page.language if page else current_language(),
        "base_revision_id": shown.id if shown else "",
        "sync_translation": "",
    }


@bp.route("/<path:path>/edit", methods=["GET", "POST"])
@access("user")
def edit(path: str):
    if request.method == "GET":
        path, fix = _normalized_or_redirect(path, "wiki.edit")
        if fix:
            return fix
        policy.ensure_accepted(current_user)  # before typing, not after
    else:
        path = paths.try_normalize(path) or abort(404)
    found, _redirected = wiki.find(path)
    if found is not None and found.path != path:
        if request.method == "GET":
            return redirect(url_for("wiki.edit", path=found.path))
        path = found.path  # moved while this person was editing: save there, never drop what they typed
    if not wiki.can_edit(current_user, found):
        abort(403)
    head = found.current_revision if found else None
    values = _editor_values(found, head)
    if request.method == "GET":
        if not found:
            values["title"] = request.args.get("title") or paths.title_of(path)
        return _editor(path, found, values, {})
    values = {key: request.form.get(key, "") for key in values}
    if request.form.get("action") == "preview":
        preview = rendering.render(values["body"]).html
        return _editor(path, found, values, {}, preview=preview)
    try:
        base = int(values["base_revision_id"]) if values["base_revision_id"] else None
    except ValueError:
        base = None
    try:
        result = wiki.save_page(path, body=values["body"], title=values["title"], summary=values["summary"],
                                language=values["language"], base_revision_id=base, author=current_user,
                                sync_translation=bool(values["sync_translation"]),
                                warn="confirm_hold" not in request.form)
    except HoldWarning as warning:
        return _editor(path, found, values, {}, hold_warning=warning.signals)
    except ValidationError as error:
        return _editor(path, found, values, error.errors), 400
    except PolicyAcceptanceRequired as error:
        return _editor(path, found, values, {"form": error.message}, policy_needed=True), 403
    if result.outcome == "conflict":
        changes = diff.compare(result.head.body, values["body"])
        values["base_revision_id"] = result.head.id
        return render_template("wiki/conflict.html", path=path, page=found, head=result.head, values=values,
                               changes=changes, languages=LANGUAGES), 409
    if result.outcome == "unchanged":
        flash(_("You made no changes, so nothing was saved."), "info")
    elif result.held:
        flash(_("Your edit was saved and is waiting for a moderator's review. Until then, readers see the "
                "previous version."), "warning")
    elif result.outcome == "merged":
        flash(_("Someone else saved this page while you were editing. Your changes and theirs did not overlap, "
                "so both were kept."), "success")
    else:
        flash(_("Your changes are saved."), "success")
    return redirect(url_for("wiki.page", path=result.page.path))


def _editor(path, page, values, errors, preview=None, policy_needed=False, hold_warning=None):
    return render_template("wiki/edit.html", path=path, page=page, values=values, errors=errors, preview=preview,
                           languages=LANGUAGES, policy_needed=policy_needed, title=values.get("title") or path,
                           hold_warning=hold_warning, form_id="editor-form", confirm_value="save")


@bp.get("/<path:path>/history")
@access("reader")
def history(path: str):
    found = _page_or_404(path)
    revisions = paginate(wiki.history(found), per_page=50)
    return render_template("wiki/history.html", page=found, revisions=revisions, can_see=wiki.can_see)


@bp.get("/<path:path>/revisions/<int:number>")
@access("reader")
def revision(path: str, number: int):
    found = _page_or_404(path)
    rev = wiki.revision(found, number)
    visible = wiki.can_see(current_user, rev)
    html = wiki.rendered(rev)[0] if visible else None
    return render_template("wiki/revision.html", page=found, revision=rev, html=html, visible=visible,
                           can_edit=wiki.can_edit(current_user, found), content_lang=found.language)


@bp.get("/<path:path>/diff")
@access("reader")
def compare(path: str):
    found = _page_or_404(path)
    try:
        old_number = int(request.args.get("from", ""))
        new_number = int(request.args.get("to", ""))
    except ValueError:
        abort(400, _("Choose two revisions to compare."))
    if old_number > new_number:
        old_number, new_number = new_number, old_number
    old, new = wiki.revision(found, old_number), wiki.revision(found, new_number)
    if not (wiki.can_see(current_user, old) and wiki.can_see(current_user, new)):
        abort(403)
    return render_template("wiki/diff.html", page=found, old=old, new=new, changes=diff.compare(old.body, new.body),
                           title_changed=old.title != new.title, content_lang=found.language)


@bp.post("/<path:path>/revert/<int:number>")
@access("user")
def revert(path: str, number: int):
    found = _page_or_404(path)
    result = wiki.revert(found, number, current_user, request.form.get("reason", ""))
    if result.outcome == "unchanged":
        flash(_("The page already has this text: nothing to restore."), "info")
    elif result.held:
        flash(_("The restored version is waiting for a moderator's review."), "warning")
    else:
        flash(_("Revision %(number)d is restored as a new revision.", number=number), "success")
    return redirect(url_for("wiki.page", path=found.path))


@bp.route("/<path:path>/move", methods=["GET", "POST"])
@access("user")
def move(path: str):
    found = _page_or_404(path)
    if not wiki.can_edit(current_user, found):
        abort(403)
    errors, status = {}, 200
    if request.method == "POST":
        old_path = found.path
        try:
            wiki.move(found, request.form.get("new_path", ""), current_user, request.form.get("reason", ""))
        except ValidationError as error:
            errors, status = error.errors, 400
        else:
            flash(_("The page moved from %(old)s; the old name leads here.", old=paths.title_of(old_path)), "success")
            return redirect(url_for("wiki.page", path=found.path))
    return render_template("wiki/move.html", page=found, errors=errors, form=request.form), status


@bp.get("/<path:path>/backlinks")
@access("reader")
def backlinks(path: str):
    found = _page_or_404(path)
    return render_template("wiki/backlinks.html", page=found, pages=wiki.backlinks(found))


@bp.post("/<path:path>/protect")
@access("moderator")
def protect(path: str):
    found = _page_or_404(path)
    protected = request.form.get("protected") == "1"
    try:
        wiki.set_protection(found, protected, current_user, request.form.get("reason", ""))
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("The page is protected: only moderators can edit it.") if protected
              else _("The page is no longer protected."), "success")
    return redirect(url_for("wiki.page", path=found.path))


@bp.route("/<path:path>/translation", methods=["GET", "POST"])
@access("user")
def translation(path: str):
    found = _page_or_404(path)
    errors, status = {}, 200
    if request.method == "POST":
        try:
            if request.form.get("action") == "unlink":
                wiki.unlink_translation(found, current_user)
                flash(_("The pages are no longer linked as translations."), "success")
            else:
                other = wiki.link_translation(found, request.form.get("other_path", ""), current_user)
                flash(_("%(page)s and %(other)s are now linked as translations of each other.",
                        page=found.title, other=other.title), "success")
            return redirect(url_for("wiki.page", path=found.path))
        except ValidationError as error:
            errors, status = error.errors, 400
    return render_template("wiki/translation.html", page=found, errors=errors, form=request.form), status


@bp.post("/<path:path>/watch")
@access("user")
def watch(path: str):
    found = _page_or_404(path)
    watching = request.form.get("watch") == "1"
    social.set_watching(current_user, found, watching)
    flash(_("You are watching this page: its edits will notify you.") if watching
          else _("You no longer watch this page."), "success")
    return redirect(url_for("wiki.page", path=found.path))
