"""Administration: home, users and roles, the policy and disclaimer texts, the audit log."""
from datetime import datetime

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import plugins
from ..access import access
from ..extensions import db
from ..models import ROLES
from ..services import ValidationError, audit, policy, users
from . import paginate

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@access("admin")
def home():
    stats = [figure for figures in plugins.hook().admin_stats() if figures for figure in figures]
    return render_template("admin/home.html", stats=stats)


@bp.get("/users")
@access("admin")
def user_list():
    text = request.args.get("q", "").strip()
    role = request.args.get("role") if request.args.get("role") in ROLES else None
    state = request.args.get("state")
    active = {"active": True, "inactive": False}.get(state)
    page = paginate(users.search(text, role=role, active=active))
    return render_template("admin/users.html", page=page, q=text, role=role, state=state, roles=ROLES)


@bp.route("/users/<username>", methods=["GET", "POST"])
@access("admin")
def user_detail(username: str):
    person = users.get_or_404(username)
    errors, status = {}, 200
    if request.method == "POST":
        reason = request.form.get("reason", "")
        change = request.form.get("change")
        try:
            if change == "role":
                users.set_role(current_user, person, request.form.get("role", ""), reason)
            elif change == "active":
                users.set_active(current_user, person, request.form.get("active") == "1", reason)
            elif change == "responder":
                users.set_wellbeing_responder(current_user, person, request.form.get("responder") == "1", reason)
            else:
                raise ValidationError({"change": _("Choose what to change.")})
        except ValidationError as error:
            # Each of the page's three forms has its own reason field: name the error after the one sent.
            errors = {(f"reason-{change}" if key == "reason" else key): message for key, message in error.errors.items()}
            status = 400
        else:
            flash(_("The account of %(name)s is updated.", name=person.display_name), "success")
            return redirect(url_for("admin.user_detail", username=person.username))
    history = audit.query(target_type="user", target_id=person.username).limit(20)
    return render_template("admin/user.html", person=person, roles=ROLES, errors=errors,
                           form=request.form, history=list(db.session.scalars(history))), status


@bp.route("/policy", methods=["GET", "POST"])
@access("admin")
def policy_texts():
    """Both texts on one page; the fields of each form are prefixed by its kind (aup_text_en, ...)."""
    errors, status = {}, 200
    kind = request.form.get("kind") if request.method == "POST" else None
    if request.method == "POST":
        try:
            if kind not in ("aup", "disclaimer"):
                raise ValidationError({"kind": _("Choose which text to publish.")})
            version = policy.publish(kind, text_en=request.form.get(f"{kind}_text_en", ""),
                                     text_fr=request.form.get(f"{kind}_text_fr", ""),
                                     summary=request.form.get(f"{kind}_summary", ""), actor=current_user)
        except ValidationError as error:
            errors, status = {f"{kind}_{key}": message for key, message in error.errors.items()}, 400
        else:
            if kind == "aup":
                flash(_("Version %(number)d of the acceptable-use policy is published; everyone will be asked "
                        "to accept it.", number=version.number), "success")
            else:
                flash(_("The new site disclaimer is published."), "success")
            return redirect(url_for("admin.policy_texts"))
    return render_template("admin/policy.html", aup=policy.current("aup"), disclaimer=policy.current("disclaimer"),
                           aup_versions=policy.versions("aup"), errors=errors, form=request.form,
                           posted_kind=kind), status


@bp.get("/audit")
@access("admin")
def audit_log():
    filters = {key: request.args.get(key, "").strip() for key in ("action", "actor", "target_type", "target_id")}
    errors = {}
    dates = {}
    for key in ("since", "until"):
        raw = request.args.get(key, "").strip()
        if raw:
            try:
                dates[key] = datetime.strptime(raw, "%Y-%m-%d")
            except ValueError:
                errors[key] = _("Write the date as YYYY-MM-DD.")
    page = paginate(audit.query(**{k: v or None for k, v in filters.items()}, **dates), per_page=50)
    return render_template("admin/audit.html", page=page, filters=filters, args=request.args, errors=errors,
                           actions=audit.actions()), 400 if errors else 200
