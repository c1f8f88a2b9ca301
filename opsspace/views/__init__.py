"""Blueprints, one per area. Views parse the request, call one service, and render or redirect."""
from flask import request
from sqlalchemy import Select

from ..extensions import db


def register_blueprints(app) -> None:
    from . import admin, auth, main, people, recent, settings, wiki

    for module in (main, auth, settings, people, admin, wiki, recent):
        app.register_blueprint(module.bp)


def paginate(stmt: Select, per_page: int | None = None):
    """One page of a select, from ?page=; a bad or too-high page number gives the last page, never an error."""
    from flask import current_app

    try:
        page = max(1, int(request.args.get("page", 1)))
    except ValueError:
        page = 1
    per_page = per_page or current_app.config["PAGE_SIZE"]
    pagination = db.paginate(stmt, page=page, per_page=per_page, error_out=False)
    if page > 1 and not pagination.items and pagination.pages:
        pagination = db.paginate(stmt, page=pagination.pages, per_page=per_page, error_out=False)
    return pagination
