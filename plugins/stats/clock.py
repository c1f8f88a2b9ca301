"""Local days and counting periods: which local day (ANALYTICS_TZ) a UTC time falls on, the UTC bounds of a
local day (23 or 25 hours long on a daylight-saving day), and the salt period a day belongs to."""
from datetime import date, datetime, time, timedelta, timezone
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app

from opsspace.models import utcnow

DAY, MONTH = "day", "month"


@lru_cache(maxsize=8)
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def zone(app=None) -> ZoneInfo:
    return _zone((app or current_app).config["ANALYTICS_TZ"])


def salt_period(app=None) -> str:
    return MONTH if (app or current_app).config["ANALYTICS_SALT_PERIOD"] == MONTH else DAY


def local_day(ts: datetime, tz: ZoneInfo) -> date:
    """The local day of a naive UTC time."""
    return ts.replace(tzinfo=timezone.utc).astimezone(tz).date()


def local_midnight(day: date, tz: ZoneInfo) -> datetime:
    """The naive UTC time at which a local day begins."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(timezone.utc).replace(tzinfo=None)


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of a local day in naive UTC: 23 hours on the spring-forward day, 25 on the fall-back day."""
    return local_midnight(day, tz), local_midnight(day + timedelta(days=1), tz)


def today(tz: ZoneInfo, now: datetime | None = None) -> date:
    return local_day(now or utcnow(), tz)


def next_midnight(now: datetime, tz: ZoneInfo) -> datetime:
    """The naive UTC time of the next local midnight after `now`."""
    return local_midnight(local_day(now, tz) + timedelta(days=1), tz)


def period_key(day: date, period: str) -> str:
    """The salt period a local day belongs to: "d:2026-03-08", or "m:2026-03" under a monthly salt."""
    return f"m:{day:%Y-%m}" if period == MONTH else f"d:{day.isoformat()}"


def previous_period_key(day: date, period: str) -> str:
    if period == MONTH:
        return period_key(day.replace(day=1) - timedelta(days=1), MONTH)
    return period_key(day - timedelta(days=1), DAY)


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]
