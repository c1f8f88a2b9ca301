"""The periodic rollup: every ANALYTICS_ROLLUP_INTERVAL seconds and just after each local midnight, exactly one
worker process rolls up the days that are due and applies retention.

Every process computes the same time slots (multiples of the interval since the epoch, and one minute past
each local midnight, when the last page views of the day just ended are written); a process runs a slot
only if it moves the slot stored in `stats_jobs` forward, which one UPDATE does for only one of them.
"""
import logging
from datetime import datetime, timedelta

from sqlalchemy import or_, update

from opsspace.database import begin_write
from opsspace.extensions import db
from opsspace.models import utcnow

from . import clock, rollup
from .models import Job

log = logging.getLogger(__name__)
JOB = "rollup"
AFTER_MIDNIGHT = timedelta(minutes=1)
EPOCH = datetime(1970, 1, 1)


def current_slot(now: datetime, interval: int, tz) -> datetime:
    """The latest time at or before `now` when the job was due."""
    seconds = int((now - EPOCH).total_seconds())
    aligned = EPOCH + timedelta(seconds=seconds - seconds % max(1, interval))
    midnight = clock.local_midnight(clock.local_day(now, tz), tz) + AFTER_MIDNIGHT
    return max(aligned, midnight) if midnight <= now else aligned


def claim(slot: datetime) -> bool:
    """Move the job's slot forward to `slot`; True for the one process that did."""
    from .recording import _insert_ignore

    begin_write()
    db.session.execute(_insert_ignore(Job, ["name"]), [{"name": JOB, "last_slot": None}])
    moved = db.session.execute(update(Job).where(Job.name == JOB, or_(Job.last_slot.is_(None), Job.last_slot < slot))
                               .values(last_slot=slot)).rowcount
    db.session.commit()
    return moved == 1


SEEN = "stats.rollup_seen"  # app.extensions key: the last slot this process looked at, per app


def run_if_due(app, now: datetime | None = None) -> bool:
    """Called by the writer thread after each flush; True when this process ran the job."""
    now = now or utcnow()
    slot = current_slot(now, int(app.config["ANALYTICS_ROLLUP_INTERVAL"]), clock.zone(app))
    if app.extensions.get(SEEN) == slot:
        return False
    with app.app_context():
        try:
            if not claim(slot):
                app.extensions[SEEN] = slot
                return False
            days = rollup.run_periodic(now)
            begin_write()
            db.session.execute(update(Job).where(Job.name == JOB).values(finished_at=utcnow()))
            db.session.commit()
        finally:
            db.session.remove()
    app.extensions[SEEN] = slot
    log.info("statistics rolled up for %s", ", ".join(day.isoformat() for day in days))
    return True
