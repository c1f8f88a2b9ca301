"""`opsspace stats rollup [--day D | --since D]` and `opsspace stats purge`."""
from datetime import date

import click
from flask.cli import with_appcontext

from . import clock, recording, rollup


def _day(_ctx, _param, value):
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-08")


@click.group("stats")
def stats_group():
    """Statistics: daily rollups and retention."""


@stats_group.command("rollup")
@click.option("--day", callback=_day, help="Roll up this local day only (YYYY-MM-DD).")
@click.option("--since", callback=_day, help="Roll up every day from this one to today (YYYY-MM-DD).")
@with_appcontext
def rollup_command(day, since):
    """Rebuild the daily figures (today, yesterday and any day left behind, unless a day is given). Running it
    again gives the same rows."""
    if day and since:
        raise click.UsageError("give --day or --since, not both")
    recording.flush()  # anything this process queued
    today = clock.today(clock.zone())
    if day:
        days = [day]
    elif since:
        days = clock.days(since, today)
    else:
        days = rollup.due_days()
    if any(d > today for d in days):
        raise click.ClickException(f"{max(days)} has not begun yet in {clock.zone().key}: choose a day up to {today}.")
    kept = []
    with click.progressbar(days, label="Rolling up", item_show_func=lambda d: d.isoformat() if d else "") as bar:
        for each in bar:
            if rollup.rollup_day(each) == "kept":
                kept.append(each)
    click.echo(f"Rolled up {_days(len(days) - len(kept))}.")
    if kept:
        click.echo(f"Kept {_days(len(kept))} before {rollup.oldest_kept_day(today)} as they were: their page views "
                   "were deleted under the retention rule (ANALYTICS_RETENTION_DAYS).")


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


@stats_group.command("purge")
@with_appcontext
def purge_command():
    """Delete page views past ANALYTICS_RETENTION_DAYS, old member activity and old salts."""
    done = rollup.purge()
    click.echo(f"Deleted {done['events']} page views, {done['member_days']} member activity rows and "
               f"{done['salts']} salts.")
