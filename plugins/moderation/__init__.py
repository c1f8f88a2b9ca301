"""The moderation plugin: reports from readers, a review queue with claims and reasons, hide/restore through
the core, appeals decided by another moderator, and figures for the admin dashboard."""
from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from opsspace.hookspecs import SLOT_ACCOUNT_MENU, SLOT_CONTENT_ACTIONS, SLOT_PROFILE, hookimpl
from opsspace.security import request_path


@hookimpl
def opsspace_setup(app):
    from . import models  # noqa: F401  (the tables)
    from opsspace.page_cache import quiet

    # Readers never see the queue itself; releasing or hiding content changes the content's own table.
    quiet(models.Item, models.Report, models.Action, models.Appeal)
    from .views import bp

    from .service import label

    app.config.setdefault("MODERATION_AUTO_HIDE_REPORTS", 3)
    app.config.setdefault("MODERATION_REPORTS_PER_HOUR", 20)
    app.register_blueprint(bp)
    app.jinja_env.globals["moderation_label"] = label


#: Stand-ins for what differs between two report forms of the same language: NUL never occurs in a page.
_FILLED_IN = ("content_type", "content_id", "token", "next")


def _report_form(content_type: str, content_id: int) -> Markup:
    """The report control beside a piece of content. A page shows one per comment, so the form is rendered
    once per language (until the content generation moves: the clauses may change) and filled in each time."""
    from opsspace import page_cache
    from opsspace.i18n import current_language

    from . import service

    form = page_cache.memo(("report-form", current_language()), lambda: render_template(
        "moderation/_report.html", clauses=service.report_choices(),
        **{name: f"\x00{name}\x00" for name in _FILLED_IN}))
    values = {"content_type": content_type, "content_id": int(content_id), "token": generate_csrf(),
              "next": request_path()}
    for name in _FILLED_IN:
        form = form.replace(f"\x00{name}\x00", str(escape(values[name])))
    return Markup(form)


@hookimpl
def template_slot(slot, context):
    if not getattr(current_user, "is_authenticated", False):
        return None
    if slot == SLOT_CONTENT_ACTIONS:
        content = context.get("content")
        kind = getattr(content, "content_type", None)
        if kind in ("revision", "post", "comment") and content.status == "published" \
                and content.author_id != current_user.id:
            return _report_form(kind, content.id)
    elif slot == SLOT_PROFILE:
        person = context.get("person")
        if person is not None and person.id != current_user.id:
            return _report_form("person", person.id)
    elif slot == SLOT_ACCOUNT_MENU:
        from flask import url_for

        links = Markup('<li><a href="{}">{}</a></li>').format(url_for("moderation.mine"),
                                                               _l("Moderation decisions about my content"))
        if current_user.is_moderator:
            links += Markup('<li><a href="{}">{}</a></li>').format(url_for("moderation.queue"), _l("Moderation queue"))
        return links
    return None


@hookimpl
def admin_menu(user):
    from flask import url_for

    return [(str(_l("Moderation queue")), url_for("moderation.queue")),
            (str(_l("Policy clauses")), url_for("moderation.clauses"))]


@hookimpl
def admin_stats():
    from . import service

    figures = service.figures()
    median = figures["median_hours"]
    return [
        {"label": str(_l("Moderation items opened (30 days)")), "value": figures["opened"]},
        {"label": str(_l("Actioned (30 days)")), "value": figures["actioned"]},
        {"label": str(_l("Dismissed (30 days)")), "value": figures["dismissed"]},
        {"label": str(_l("Open backlog")), "value": figures["backlog"]},
        {"label": str(_l("Median hours to first action")), "value": "—" if median is None else median},
    ]
