"""The moderation plugin's pages: reporting, the queue, an item, appeals, and the list of clauses."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from opsspace.access import access
from opsspace.extensions import db
from opsspace.security import safe_next
from opsspace.services import NotFound, Throttled, ValidationError
from opsspace.views import paginate

from . import service
from .models import Action

bp = Blueprint("moderation", __name__, template_folder="templates")


@bp.post("/report")
@access("user")
def report():
    back = safe_next(request.form.get("next")) or url_for("main.home")
    try:
        content_id = int(request.form.get("content_id") or 0)
    except ValueError:
        abort(400)
    try:
        service.report(current_user, request.form.get("content_type", ""), content_id,
                       request.form.get("clause", ""), request.form.get("details", ""))
    except (ValidationError, NotFound, Throttled) as error:
        flash(_("Your report was not sent: %(why)s", why=error.message), "error")
    else:
        flash(_("Thank you: your report was sent to the moderators. You will be told the outcome."), "success")
    return redirect(back)


@bp.get("/moderation/")
@access("moderator")
def queue():
    service.sync_items()
    filters = {"state": request.args.get("state", "open"), "clause": request.args.get("clause") or None,
               "content_type": request.args.get("type") or None, "order": request.args.get("order", "oldest")}
    try:
        older = int(request.args.get("older", "") or 0) or None
    except ValueError:
        older = None
    page = paginate(service.queue(**filters, older_than_days=older), per_page=30)
    return render_template("moderation/queue.html", page=page, filters=filters, older=older,
                           clauses=service.clauses(), holder=service.holder, title_of=_safe_title)


def _safe_title(item):
    try:
        return service._item_title(item)
    except NotFound:
        return "—"


@bp.get("/moderation/items/<int:item_id>")
@access("moderator")
def item(item_id: int):
    found = service.get(item_id)
    return _item_page(found, {})


def _item_page(found, errors, status=200):
    from opsspace.services import status as content_status

    from opsspace.services import rendering

    obj = service.content_of(found)
    # The content as readers see it: through the one renderer and the sanitizer.
    shown = rendering.render(obj.bio or "" if found.content_type == "person" else obj.body).html
    signals = service.signals_of(found)
    shown = rendering.highlight(shown, [word for s in signals for word in s.evidence if isinstance(word, str)])
    context = None
    if found.content_type == "comment":
        context = service._item_title(found)
    return render_template(
        "moderation/item.html", item=found, obj=obj, reports=service.reports_of(found),
        signals=signals, actions=service.actions_of(found), appeals=service.appeals_of(found),
        history=service.author_history(found), holder=service.holder(found), clauses=service.clauses(),
        errors=errors, form=request.form, context=context, title=service._item_title(found), shown=shown,
        content_status=content_status), status


@bp.post("/moderation/items/<int:item_id>/claim")
@access("moderator")
def claim(item_id: int):
    found = service.get(item_id)
    try:
        service.claim(found, current_user)
    except ValidationError as error:
        flash(error.message, "error")
    else:
        flash(_("The item is yours for %(minutes)d minutes.", minutes=service.CLAIM_MINUTES), "success")
    return redirect(url_for("moderation.item", item_id=found.id))


@bp.post("/moderation/items/<int:item_id>/act")
@access("moderator")
def act(item_id: int):
    found = service.get(item_id)
    try:
        days = int(request.form.get("days") or 0)
    except ValueError:
        return _item_page(found, {"days": _("Write the number of days as a whole number, e.g. 7.")}, 400)
    try:
        service.act(found, current_user, request.form.get("decision", ""), request.form.get("clause", ""),
                    request.form.get("reason", ""), suspend_days=days)
    except ValidationError as error:
        return _item_page(found, error.errors, 400)
    flash(_("Your decision is recorded, and the author and the reporters are told."), "success")
    return redirect(url_for("moderation.queue"))


@bp.get("/moderation/mine")
@access("user")
def mine():
    """The decisions about this person's content, each with its appeal."""
    return render_template("moderation/mine.html", actions=service.decisions_about(current_user),
                           title_of=_safe_title, clause_title=lambda code: service.clause_title(code, _lang()))


@bp.route("/moderation/appeals/<int:action_id>", methods=["GET", "POST"])
@access("user")
def appeal(action_id: int):
    action = db.session.get(Action, action_id) or abort(404)
    found_item = service.get(action.item_id)
    if found_item.author_id != current_user.id:
        abort(403)
    errors, status = {}, 200
    existing = service.open_appeal_for(current_user, action)
    if request.method == "POST":
        try:
            service.appeal(action, current_user, request.form.get("text", ""))
        except ValidationError as error:
            errors, status = error.errors, 400
        else:
            flash(_("Your appeal is sent. Another moderator will decide it."), "success")
            return redirect(url_for("moderation.appeal", action_id=action.id))
    return render_template("moderation/appeal.html", action=action, item=found_item, existing=existing,
                           errors=errors, text=request.form.get("text", ""), title=service._item_title(found_item),
                           clause=service.clause_title(action.clause, _lang())), status


@bp.post("/moderation/appeals/<int:action_id>/decide")
@access("moderator")
def decide(action_id: int):
    action = db.session.get(Action, action_id) or abort(404)
    found = service.open_appeal_for(current_user, action) or abort(404)
    try:
        service.decide_appeal(found, current_user, request.form.get("decision") == "uphold",
                              request.form.get("clause", ""), request.form.get("reason", ""))
    except ValidationError as error:
        flash(error.message, "error")
        return redirect(url_for("moderation.item", item_id=action.item_id))
    flash(_("The appeal is decided, and the author is told."), "success")
    return redirect(url_for("moderation.queue"))


@bp.route("/moderation/clauses", methods=["GET", "POST"])
@access("admin")
def clauses():
    errors, status = {}, 200
    if request.method == "POST":
        try:
            service.save_clause(current_user, request.form.get("code", ""), request.form.get("title_en", ""),
                                request.form.get("title_fr", ""), active=request.form.get("active") == "1")
        except ValidationError as error:
            errors, status = error.errors, 400
        else:
            flash(_("The clause is saved."), "success")
            return redirect(url_for("moderation.clauses"))
    return render_template("moderation/clauses.html", clauses=service.clauses(include_inactive=True),
                           errors=errors, form=request.form), status


def _lang() -> str:
    from opsspace.i18n import current_language

    return current_language()
