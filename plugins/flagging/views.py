"""The flagging plugin's pages: the policy terms (moderators), a tester that shows what a text would get,
and the wellbeing path (alerts for responders, the support page for everyone, the contacts for admins)."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from opsspace.access import access
from opsspace.extensions import db
from opsspace.i18n import current_language
from opsspace.services import NotFound, ValidationError
from opsspace.views import paginate

from . import service
from .engine import CATEGORIES
from .models import PolicyTerm

bp = Blueprint("flagging", __name__, template_folder="templates")
wellbeing_bp = Blueprint("wellbeing", __name__, template_folder="templates", url_prefix="/wellbeing")


def _clauses() -> list[tuple[str, str]]:
    """The policy clauses a term can cite, as (code, title) in the reader's language."""
    try:
        from plugins.moderation import service as moderation
    except ImportError:  # the moderation plugin is off: the clause is still recorded, by its code
        return [("1", "1")]
    language = current_language()
    return [(c.code, f"{c.code}. {c.title(language)}") for c in moderation.clauses()]


def _terms_page(errors=None, form=None, status=200, tried=None):
    filters = {key: request.args.get(key, "") for key in ("language", "category", "q")}
    page = paginate(service.terms(filters["language"], filters["category"], filters["q"]), per_page=100)
    return render_template("flagging/terms.html", page=page, filters=filters, errors=errors or {}, form=form or {},
                           categories=CATEGORIES, languages=service.LANGUAGES, clause_options=_clauses(),
                           tried=tried), status


@bp.route("/moderation/terms", methods=["GET", "POST"])
@access("moderator")
def terms():
    if request.method == "GET":
        return _terms_page()
    try:
        term = service.save_term(current_user, request.form)
    except ValidationError as error:
        return _terms_page(error.errors, request.form, 400)
    flash(_("“%(term)s” is on the list.", term=term.term), "success")
    return redirect(url_for("flagging.terms", language=term.language))


@bp.route("/moderation/terms/<int:term_id>", methods=["GET", "POST"])
@access("moderator")
def term(term_id: int):
    found = db.session.get(PolicyTerm, term_id) or abort(404)
    errors, status, form = {}, 200, None
    if request.method == "POST":
        try:
            if request.form.get("state") in ("enable", "disable"):
                service.set_term_active(current_user, term_id, request.form["state"] == "enable",
                                        request.form.get("reason", ""))
                flash(_("The term is turned on.") if request.form["state"] == "enable"
                      else _("The term is turned off: it no longer flags anything."), "success")
            else:
                service.save_term(current_user, request.form, term_id)
                flash(_("The term is saved."), "success")
            return redirect(url_for("flagging.terms", language=found.language))
        except ValidationError as error:
            errors, status, form = error.errors, 400, request.form
    return render_template("flagging/term.html", term=found, errors=errors, form=form or {
        "term": found.term, "language": found.language, "category": found.category, "action": found.action,
        "clause": found.clause, "note": found.note}, categories=CATEGORIES, languages=service.LANGUAGES,
        clause_options=_clauses()), status


@bp.route("/moderation/terms/try", methods=["POST"])
@access("moderator")
def try_text():
    """Show what a text would get, with the words and why, without saving anything."""
    text = request.form.get("text", "")
    if not text.strip() or len(text) > 20000:
        return _terms_page({"text": _("Paste a text of up to 20,000 characters to try.")}, request.form, 400)
    verdict = service.check_text(text, request.form.get("language") or None)
    return _terms_page(form=request.form, tried=verdict)


# --- wellbeing ---------------------------------------------------------------------------------------------

@wellbeing_bp.get("/")
@access("responder")
def index():
    state = request.args.get("state", "open")
    page = paginate(service.alerts(state), per_page=50)
    return render_template("flagging/wellbeing_index.html", page=page, state=state)


@wellbeing_bp.route("/alerts/<int:alert_id>", methods=["GET", "POST"])
@access("responder")
def alert(alert_id: int):
    try:
        found = service.alert(alert_id, current_user)
    except NotFound:
        abort(404)
    errors, status = {}, 200
    if request.method == "POST":
        try:
            service.record(current_user, alert_id, request.form.get("action", ""), request.form.get("note", ""))
        except ValidationError as error:
            errors, status = error.errors, 400
        else:
            flash(_("Recorded. Thank you for looking after a colleague."), "success")
            return redirect(url_for("wellbeing.alert", alert_id=alert_id))
    return render_template("flagging/wellbeing_alert.html", alert=found, events=service.events(found),
                           content=service.content_of(found), errors=errors, form=request.form,
                           actions=service.ALERT_ACTIONS), status


@wellbeing_bp.get("/support")
@access("user")
def support():
    return render_template("flagging/support.html", contacts=service.contacts_html(current_language()))


@wellbeing_bp.route("/contacts", methods=["GET", "POST"])
@access("admin")
def contacts():
    current = service.contacts()
    errors, status, form = {}, 200, {"body_en": current["en"], "body_fr": current["fr"]}
    if request.method == "POST":
        form = request.form
        try:
            service.save_contacts(current_user, form.get("body_en", ""), form.get("body_fr", ""))
        except ValidationError as error:
            errors, status = error.errors, 400
        else:
            flash(_("The support contacts are saved."), "success")
            return redirect(url_for("wellbeing.contacts"))
    return render_template("flagging/contacts.html", form=form, errors=errors, row=current["row"],
                           responders=service.responders()), status
