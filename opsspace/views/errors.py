"""Error pages: in the reader's language, or in both official languages when it is unknown."""
from flask import render_template, request
from flask_babel import force_locale, gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from .. import i18n
from ..security import request_path
from ..services import PolicyAcceptanceRequired, ServiceError


PLAIN_500 = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error / Erreur</title></head><body><main>'
    "<h1>Something went wrong (500)</h1><p>Try again in a moment; if it keeps happening, tell the service desk.</p>"
    '<section lang="fr"><h2>Une erreur est survenue (500)</h2><p>Réessayez dans un instant; si le problème '
    "persiste, avisez le centre de services.</p></section></main></body></html>"
)


def _messages(code: int) -> tuple[str, str]:
    texts = {
        400: (_("Bad request"), _("The request could not be understood. Check what you typed and try again.")),
        403: (_("Access denied"), _("You do not have permission to see this page.")),
        404: (_("Page not found"), _("There is nothing at this address. Check the spelling, or search for what you need.")),
        405: (_("Not allowed"), _("This address does not accept that kind of request.")),
        413: (_("Too large"), _("What you sent is larger than the site accepts.")),
        429: (_("Too many requests"), _("Please wait a few minutes, then try again.")),
        500: (_("Something went wrong"), _("The site had a problem and nothing was changed by it. Try again in a moment; if it keeps happening, tell the service desk.")),
    }
    return texts.get(code, texts[500] if code >= 500 else texts[400])


def render_error(code: int, detail: str | None = None):
    if i18n.language_known():
        title, message = _messages(code)
        versions = [(i18n.current_language(), title, detail or message)]
    else:
        versions = []
        for language in ("en", "fr"):
            with force_locale(language):
                title, message = _messages(code)
            versions.append((language, title, message))
        if detail:
            versions[0] = (versions[0][0], versions[0][1], detail)
    return render_template("error.html", code=code, versions=versions, bilingual=len(versions) > 1), code


def register_error_handlers(app) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        if request.path.startswith("/themes/"):
            return error  # no HTML page for a missing stylesheet
        # A view that aborted with its own (translated) message: show it instead of the generic text.
        detail = error.description if error.description != type(error).description else None
        return render_error(error.code, detail)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        return render_error(400, _("Your form expired or came from another site. Go back, reload the page and send it again: what you typed is still in your browser's back history."))

    @app.errorhandler(PolicyAcceptanceRequired)
    def policy_required(error: PolicyAcceptanceRequired):
        from flask import flash, redirect, url_for

        flash(error.message, "warning")
        # Back to the same address afterwards (for a POST, that is the form's own page).
        return redirect(url_for("main.policy", next=request_path()))

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        return render_error(error.status, error.message)

    @app.errorhandler(InternalServerError)
    def server_error(error):
        try:
            from ..extensions import db

            db.session.rollback()  # the failure may have left the session unusable: the page reads the user again
            return render_error(500)
        except Exception:  # the page itself failed (e.g. the database is down): plain bilingual text
            app.logger.exception("the error page could not be rendered")
            return PLAIN_500, 500, {"Content-Type": "text/html; charset=utf-8"}
