"""The statistics dashboard (admins only) and its CSV exports."""
import sys

from flask import Blueprint, Response, abort, current_app, render_template, request
from flask_babel import gettext as _

from opsspace import plugins
from opsspace.access import access

from . import charts, clock, metrics, tables

bp = Blueprint("stats", __name__, url_prefix="/admin/stats", template_folder="templates")


def _other_figures() -> list[dict]:
    """Headline figures of the other plugins (moderation, flagging): the admin home's, without ours."""
    caller = plugins.manager().subset_hook_caller("admin_stats", remove_plugins=[sys.modules[__package__]])
    return [figure for figures in caller() if figures for figure in figures]


def _charts(period: metrics.Period) -> list[charts.Chart]:
    data = metrics.series(period)
    days = data["days"]
    return [
        charts.line_chart("chart-actives", _("Active members"),
                          _("Members active on the day, in the 7 days and in the 30 days ending that day."), days,
                          [(_("Daily"), data["dau"]), (_("Weekly"), data["wau"]), (_("Monthly"), data["mau"])]),
        charts.stacked_bars("chart-views", _("Page views by members and readers"),
                            _("Page views per day: members signed in (solid) and readers (hatched)."), days,
                            [(_("Members"), data["member_views"]), (_("Readers"), data["reader_views"])]),
        charts.line_chart("chart-visitors", _("Unique visitors per day"),
                          _("Distinct visitors per day, in all and split into members and readers."), days,
                          [(_("All visitors"), data["visitors"]), (_("Members"), data["member_visitors"]),
                           (_("Readers"), data["reader_visitors"])]),
        charts.line_chart("chart-stickiness", _("Stickiness"),
                          _("Daily active members divided by monthly active members."), days,
                          [(_("Stickiness"), data["stickiness"])], percent=True),
        charts.line_chart("chart-content", _("New content and responses"),
                          _("Blog posts published, wiki pages created, wiki edits and comments per day."), days,
                          [(_("Blog posts"), data["new_posts"]), (_("New wiki pages"), data["new_pages"]),
                           (_("Wiki edits"), data["edits"]), (_("Comments"), data["comments"])]),
    ]


@bp.get("")
@access("admin")
def dashboard():
    period, errors = metrics.parse_period(request.args)
    show = ["content", "pages", "sources", "people", "searches", "zero-searches"]
    if clock.salt_period() == clock.MONTH:
        show.insert(0, "months")
    return render_template(
        "stats/dashboard.html", period=period, errors=errors, args=request.args, cards=metrics.cards(period),
        live=metrics.live(), charts=_charts(period), tables=[(tables.TABLES[name], tables.TABLES[name].rows(period))
                                                            for name in show],
        unanswered=(tables.TABLES["unanswered"], tables.unanswered(period)), responses=tables.response_figures(period),
        withheld=tables.withheld(period), minimum=tables.minimum_count(), others=_other_figures(),
        salt_period=clock.salt_period(), retention=current_app.config["ANALYTICS_RETENTION_DAYS"],
        timezone=current_app.config["ANALYTICS_TZ"], periods=metrics.PERIODS), 400 if errors else 200


@bp.get("/export/<table>.csv")
@access("admin")
def export(table: str):
    found = tables.TABLES.get(table) or abort(404)
    period, errors = metrics.parse_period(request.args)
    if errors:
        abort(400, description=" ".join(errors.values()))
    filename = f"opsspace-{found.name}-{period.first.isoformat()}-{period.last.isoformat()}.csv"
    return Response(tables.to_csv(found, period), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"',
                             "Cache-Control": "private, no-store"})
