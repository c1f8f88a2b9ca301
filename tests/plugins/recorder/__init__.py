"""A test plugin that implements every hook and records each call, in order."""
from flask import Blueprint, render_template
from markupsafe import Markup

from opsspace.access import access
from opsspace.hookspecs import hookimpl

CALLS: list[tuple[str, dict]] = []

bp = Blueprint("recorder", __name__, template_folder="templates", url_prefix="/recorder")


@bp.get("/")
@access("reader")
def index():
    return render_template("recorder/index.html")


@hookimpl
def opsspace_setup(app):
    CALLS.append(("opsspace_setup", {"app": app.name}))
    app.register_blueprint(bp)


@hookimpl
def content_submitted(content, author):
    CALLS.append(("content_submitted", {"content": content, "author": author}))
    return [{"kind": "recorder", "score": 0.0, "evidence": [], "policy_clause": None, "action": "flag"}]


@hookimpl
def content_published(content, is_new):
    CALLS.append(("content_published", {"content": content, "is_new": is_new}))


@hookimpl
def content_rendered(content, rendered):
    CALLS.append(("content_rendered", {"content": content}))
    rendered.html += '<p class="recorded">rendered by recorder</p><script>alert(1)</script>'


@hookimpl
def request_finished(request, response, user):
    CALLS.append(("request_finished", {"path": request.path, "status": response.status_code,
                                       "user": user.username if user else None}))


@hookimpl
def admin_menu(user):
    CALLS.append(("admin_menu", {"user": user.username}))
    return [("Recorder", "/recorder/")]


@hookimpl
def admin_stats():
    CALLS.append(("admin_stats", {}))
    return [{"label": "Recorded calls", "value": 42}]


@hookimpl
def template_slot(slot, context):
    CALLS.append(("template_slot", {"slot": slot}))
    if slot == "footer":
        return Markup('<li class="recorder-footer">Recorder footer</li>')
    if slot == "profile":
        return Markup('<p class="recorder-profile">Profile of {}</p>').format(context["person"].username)
    return None
