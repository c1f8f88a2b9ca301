"""Writing the append-only audit log, and reading it back with filters."""
from datetime import datetime, timedelta

from sqlalchemy import select

from ..extensions import db
from ..models import AuditEvent, User


def record(actor: User | None, action: str, *, target_type: str | None = None, target_id=None,
           reason: str | None = None, policy_clause: str | None = None, **details) -> AuditEvent:
    """Add an audit event to the current transaction; the caller's commit makes it permanent with the act itself."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        target_type=target_type,
        target_id=None if target_id is None else str(target_id),
        reason=reason or None,
        policy_clause=policy_clause or None,
        details=details,
    )
    db.session.add(event)
    return event


def query(*, action: str | None = None, actor: str | None = None, target_type: str | None = None,
          target_id: str | None = None, since: datetime | None = None, until: datetime | None = None):
    """A select of audit events, newest first, narrowed by any of the filters given."""
    stmt = select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if action:
        stmt = stmt.where(AuditEvent.action == action)
    if actor:
        stmt = stmt.join(User, AuditEvent.actor_id == User.id).where(User.username == actor.lower())
    if target_type:
        stmt = stmt.where(AuditEvent.target_type == target_type)
    if target_id:
        stmt = stmt.where(AuditEvent.target_id == target_id)
    if since:
        stmt = stmt.where(AuditEvent.created_at >= since)
    if until:
        stmt = stmt.where(AuditEvent.created_at < until + timedelta(days=1))
    return stmt


def actions() -> list[str]:
    """Every action name that occurs in the log, for the filter menu."""
    return list(db.session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action)))
