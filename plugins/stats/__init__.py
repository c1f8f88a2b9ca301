"""The statistics plugin: page views recorded off the request path without storing anyone's address or
browser, exact daily active members, daily rollups, and the admin dashboard at /admin/stats."""
import logging

from flask_babel import format_percent, lazy_gettext as _l

from opsspace.hookspecs import hookimpl

DEFAULTS = {
    "ANALYTICS_RECORDING": True,  # False: record nothing (the dashboard still shows what was recorded)
    "ANALYTICS_SALT_PERIOD": "day",  # "month": exact monthly unique readers, at a privacy cost
    "ANALYTICS_RETENTION_DAYS": 30,  # raw page views; daily rollups are kept for good
    "ANALYTICS_FLUSH_INTERVAL": 2.0,  # seconds between writes of the queue
    "ANALYTICS_BATCH_SIZE": 500,  # page views per write transaction (a full batch is written at once)
    "ANALYTICS_ROLLUP_INTERVAL": 900,  # seconds between periodic rollups of today and yesterday
    "ANALYTICS_SEARCH_MIN_COUNT": 5,  # searches made fewer times in a period are not shown
    "ANALYTICS_TZ": "America/Toronto",
    "WORKFORCE_SIZE": 0,
}


@hookimpl
def opsspace_setup(app):
    from . import models  # noqa: F401  (the tables)
    from opsspace.page_cache import quiet

    quiet(*(table for table in models.db.metadata.tables if table.startswith("stats_")))  # never on a page
    from .cli import stats_group
    from .recording import Recorder
    from .views import bp

    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    if app.config["ANALYTICS_SALT_PERIOD"] not in ("day", "month"):
        raise ValueError("ANALYTICS_SALT_PERIOD must be 'day' or 'month'")
    app.extensions["stats.recorder"] = Recorder(app)
    app.register_blueprint(bp)
    app.cli.add_command(stats_group)


@hookimpl
def request_finished(request, response, user):
    from .recording import capture

    try:
        capture(request, response, user)
    except Exception:  # statistics must never cost anyone their page
        logging.getLogger(__name__).exception("statistics: a page view could not be recorded")


@hookimpl
def admin_menu(user):
    from flask import url_for

    return [(str(_l("Statistics")), url_for("stats.dashboard"))]


@hookimpl
def admin_stats():
    from . import metrics

    figures = metrics.live()
    share = figures["share"]
    return [
        {"label": str(_l("Members active in the last 30 days")), "value": figures["active_30"]},
        {"label": str(_l("Share of the workforce active in the last 30 days")),
         "value": "—" if share is None else format_percent(share, "#,##0.0%")},
        {"label": str(_l("Unique visitors yesterday")),
         "value": "—" if figures["yesterday_visitors"] is None else figures["yesterday_visitors"]},
        {"label": str(_l("Page views yesterday")),
         "value": "—" if figures["yesterday_views"] is None else figures["yesterday_views"]},
    ]
