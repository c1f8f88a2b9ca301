"""Home page, the language toggle and the acceptable-use policy page."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..access import access
from ..i18n import current_language
from ..member_pages import shared
from ..security import safe_next
from ..services import ValidationError, policy, rendering, users

bp = Blueprint("main", __name__)


@bp.get("/")
@access("reader")
@shared
def home():
    return render_template("home.html")


@bp.route("/lang/<code>", methods=["GET", "POST"])
@access("public")
def set_language(code: str):
    """Switch the interface language and return to the same page. A POST also saves a signed-in user's choice."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["lang"] = code
    if request.method == "POST" and current_user.is_authenticated:
        users.set_language(current_user, code)
    target = safe_next(request.values.get("next")) or safe_next(_same_site_referrer()) or url_for("main.home")
    return redirect(target)


def _same_site_referrer() -> str | None:
    referrer = request.referrer or ""
    prefix = request.host_url
    return "/" + referrer[len(prefix):] if referrer.startswith(prefix) else None


@bp.route("/policy", methods=["GET", "POST"], endpoint="policy")
@access("public")
def policy_page():
    version = policy.current("aup")
    next_url = safe_next(request.values.get("next"))
    if request.method == "POST":
        if not current_user.is_authenticated:
            abort(403)
        try:
            policy.accept(current_user, int(request.form.get("version", "-1")))
        except (ValueError, ValidationError) as error:
            flash(getattr(error, "message", None) or _("Please read the policy again."), "error")
            return redirect(url_for("main.policy", next=next_url))
        flash(_("Thank you: you accepted version %(number)d of the acceptable-use policy.", number=version.number), "success")
        return redirect(next_url or url_for("main.home"))
    language = current_language()
    return render_template(
        "policy.html",
        version=version,
        body=rendering.render_markdown(version.text(language)),
        needs_acceptance=policy.needs_acceptance(current_user),
        next_url=next_url,
    )
