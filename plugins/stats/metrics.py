"""The figures the dashboard shows for a period of local days: headline figures with their change against
the previous period of the same length, daily series, and the live figures (members active in the last 30
days, current visitors). Everything is read from the rollups, the member activity rows and the core tables."""
from dataclasses import dataclass
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import distinct, func, select

from opsspace.extensions import db
from opsspace.models import utcnow

from . import clock, rollup
from .models import Daily, MemberDay

#: The period selector: key -> number of days, ending yesterday (whole days compare fairly).
PERIODS = {"7": 7, "30": 30, "90": 90}
DEFAULT_PERIOD = "30"
MAX_DAYS = 3660


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    key: str = DEFAULT_PERIOD

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1

    def previous(self) -> "Period":
        return Period(self.first - timedelta(days=self.length), self.first - timedelta(days=1), self.key)

    def days(self) -> list[date]:
        return clock.days(self.first, self.last)

    def bounds(self) -> tuple:
        """[start, end) in naive UTC."""
        tz = clock.zone()
        return clock.local_midnight(self.first, tz), clock.local_midnight(self.last + timedelta(days=1), tz)

    def args(self) -> dict:
        """The query arguments that select this period again (links, exports)."""
        if self.key == "custom":
            return {"period": "custom", "from": self.first.isoformat(), "to": self.last.isoformat()}
        return {"period": self.key}


def _parse_day(text: str | None) -> date | None:
    text = (text or "").strip()
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def today() -> date:
    return clock.today(clock.zone())


def parse_period(args) -> tuple[Period, dict]:
    """The period the query asks for, and the errors in a custom range (then the default period is used)."""
    now_day = today()
    key = args.get("period", DEFAULT_PERIOD)
    errors = {}
    if key == "custom":
        first, last = _parse_day(args.get("from")), _parse_day(args.get("to"))
        if first is None:
            errors["from"] = _("Write the first day as a date, for example %(example)s.",
                               example=(now_day - timedelta(days=7)).isoformat())
        if last is None:
            errors["to"] = _("Write the last day as a date, for example %(example)s.", example=now_day.isoformat())
        if first and last:
            if first > last:
                errors["from"] = _("The first day must not come after the last day.")
            elif last > now_day:
                errors["to"] = _("The last day cannot be after today (%(today)s).", today=now_day.isoformat())
            elif (last - first).days + 1 > MAX_DAYS:
                errors["from"] = _("Choose a range of at most %(num)d days.", num=MAX_DAYS)
        if not errors:
            return Period(first, last, "custom"), {}
        key = DEFAULT_PERIOD
    if key not in PERIODS:
        key = DEFAULT_PERIOD
    last = now_day - timedelta(days=1)
    return Period(last - timedelta(days=PERIODS[key] - 1), last, key), errors


def daily_rows(period: Period) -> dict[date, Daily]:
    rows = db.session.scalars(select(Daily).where(Daily.day >= period.first, Daily.day <= period.last))
    return {row.day: row for row in rows}


SUMMED = ("page_views", "member_views", "reader_views", "crawler_views", "visitors", "visits", "bounces",
          "visit_seconds", "dau", "stickiness", "new_members", "new_posts", "new_pages", "edits", "comments",
          "mentions", "follows")


def totals(period: Period) -> dict:
    """The period's figures (days without a rollup count as zero); all None when no day has one."""
    rows = daily_rows(period)
    if not rows:
        return dict.fromkeys([name for name, _kind, _rise in CARDS])
    sums = {name: sum(getattr(row, name) for row in rows.values()) for name in SUMMED}
    days = period.length
    visits = sums["visits"]
    last = rows.get(period.last)
    return {
        "page_views": sums["page_views"], "member_views": sums["member_views"], "reader_views": sums["reader_views"],
        "crawler_views": sums["crawler_views"], "visitor_days": sums["visitors"],
        "average_visitors": sums["visitors"] / days, "visits": visits,
        "bounce_rate": sums["bounces"] / visits if visits else None,
        "views_per_visit": sums["page_views"] / visits if visits else None,
        "visit_duration": sums["visit_seconds"] / visits if visits else None,
        "average_dau": sums["dau"] / days, "mau": last.mau if last else _mau_on(period.last),
        "stickiness": sums["stickiness"] / days,
        "new_members": sums["new_members"], "new_posts": sums["new_posts"], "new_pages": sums["new_pages"],
        "edits": sums["edits"], "comments": sums["comments"], "mentions": sums["mentions"], "follows": sums["follows"],
        "contributors": rollup.content_figures(*period.bounds())["engaged_members"],
    }


def _mau_on(day: date) -> int:
    return db.session.scalar(select(func.count(distinct(MemberDay.user_id))).where(
        MemberDay.day > day - timedelta(days=30), MemberDay.day <= day)) or 0


#: The headline cards: figure, kind of number, and whether a rise is good news (None: neither).
CARDS = [
    ("page_views", "int", True), ("average_visitors", "dec", True), ("visitor_days", "int", True),
    ("visits", "int", True), ("bounce_rate", "pct", False), ("views_per_visit", "dec", True),
    ("visit_duration", "dur", True), ("average_dau", "dec", True), ("mau", "int", True), ("stickiness", "pct", True),
    ("new_members", "int", True), ("contributors", "int", True), ("new_posts", "int", True), ("edits", "int", True),
    ("comments", "int", True), ("mentions", "int", None), ("crawler_views", "int", None),
]


def cards(period: Period) -> list[dict]:
    now_figures, before = totals(period), totals(period.previous())
    found = []
    for name, kind, rise_is_good in CARDS:
        value, previous = now_figures[name], before[name]
        change = None
        if value is not None and previous:
            change = (value - previous) / previous
        found.append({"name": name, "kind": kind, "value": value, "previous": previous, "change": change,
                      "rise_is_good": rise_is_good})
    return found


def series(period: Period) -> dict[str, list]:
    """Daily values for the charts (zero on days without a rollup)."""
    rows = daily_rows(period)
    names = ("dau", "wau", "mau", "member_views", "reader_views", "visitors", "member_visitors", "reader_visitors",
             "stickiness", "new_posts", "new_pages", "edits", "comments", "crawler_views")
    out = {name: [getattr(rows[day], name) if day in rows else 0 for day in period.days()] for name in names}
    out["days"] = period.days()
    return out


def live(now=None) -> dict:
    """Figures that do not wait for a rollup: members active in the last 30 days (today included), their share
    of the workforce, visitors in the last 5 minutes, and today's page views so far."""
    from .recording import current_visitors

    now = now or utcnow()
    day = clock.today(clock.zone(), now)
    active = db.session.scalar(select(func.count(distinct(MemberDay.user_id))).where(
        MemberDay.day > day - timedelta(days=30), MemberDay.day <= day)) or 0
    workforce = int(current_app.config.get("WORKFORCE_SIZE") or 0)
    yesterday = db.session.get(Daily, day - timedelta(days=1))
    return {"active_30": active, "workforce": workforce, "share": active / workforce if workforce else None,
            "current": current_visitors(5, now), "yesterday_visitors": yesterday.visitors if yesterday else None,
            "yesterday_views": yesterday.page_views if yesterday else None}


def month_uniques(period: Period) -> list[dict]:
    """Exact distinct visitors per calendar month touching the period, under a monthly salt: the count on the
    latest day of each month that was rolled up."""
    rows = db.session.execute(select(Daily.day, Daily.month_visitors).where(
        Daily.day >= period.first.replace(day=1), Daily.day <= period.last, Daily.month_visitors.is_not(None),
        Daily.salt_period == clock.MONTH).order_by(Daily.day)).all()
    months = {}
    for day, count in rows:
        months[(day.year, day.month)] = {"month": f"{day:%Y-%m}", "through": day, "visitors": count}
    return list(months.values())
