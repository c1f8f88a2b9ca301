"""Changing the status of published content on a moderator's decision. The core owns content statuses:
plugins (moderation) call these functions and never write a status themselves.

Every change needs a policy clause and a reason, is audited, tells the author (in the app), updates the
search index and the notifications about the content. Nothing is ever deleted.
"""
from flask_babel import gettext as _
from sqlalchemy import select

from ..database import writes
from ..extensions import db
from ..models import BlogPost, Comment, Notification, Revision, User, WikiPage, utcnow
from ..models.content import HIDDEN, PUBLISHED
from . import NotFound, PermissionDenied, ValidationError, audit, content, rendering, social

MODELS = {"post": BlogPost, "comment": Comment, "revision": Revision}


def find(content_type: str, content_id: int):
    model = MODELS.get(content_type)
    obj = db.session.get(model, content_id) if model else None
    if obj is None:
        raise NotFound(_("That content does not exist."))
    return obj


def title_of(obj) -> str:
    if isinstance(obj, Revision):
        return obj.title
    if isinstance(obj, BlogPost):
        return obj.title
    from . import comments

    return comments.target(obj.target_type, obj.target_id).title


def author_id_of(obj) -> int:
    return obj.author_id


def _recompute_current(page: WikiPage) -> None:
    """Readers see the newest published revision (after one is hidden or released)."""
    newest = db.session.scalars(select(Revision).where(Revision.page_id == page.id, Revision.status == PUBLISHED)
                                .order_by(Revision.number.desc()).limit(1)).first()
    page.current_revision = newest
    if newest is not None:
        page.title = newest.title
        page.updated_at = utcnow()
    else:  # nothing left to read: the hidden revision's title is no more shown than its text
        from . import paths

        page.title = paths.title_of(page.path)


def _require(actor: User | None, clause: str, reason: str) -> tuple[str, str]:
    if actor is not None and not actor.is_moderator:
        raise PermissionDenied(_("Only moderators can do this."))
    clause, reason = (clause or "").strip(), (reason or "").strip()
    errors = {}
    if not clause:
        errors["clause"] = _("Choose the clause of the policy that applies.")
    if not reason:
        errors["reason"] = _("Give a reason: the author will read it, and it is kept in the audit log.")
    if errors:
        raise ValidationError(errors)
    return clause, reason


def _published_effects(obj) -> None:
    """What publication does (first time, or again after a hold): notifications about it."""
    if isinstance(obj, BlogPost):
        first = obj.published_at is None
        if first:
            obj.published_at = utcnow()
            result = rendering.cached(("post", obj.id, obj.version), lambda: rendering.render(obj.body, content=obj))
            social.on_post_published(obj, result.mentions)
        else:
            social.restore("post", obj.id)
    elif isinstance(obj, Comment):
        from . import comments

        already = db.session.scalars(select(Notification.id).where(Notification.target_type == "comment",
                                                                   Notification.target_id == obj.id)).first()
        if already:
            social.restore("comment", obj.id)
        else:
            comments._publish_effects(obj, comments.target(obj.target_type, obj.target_id))
    elif isinstance(obj, Revision):
        social.restore("revision", obj.id)


@writes
def change(obj, new_status: str, actor: User | None, *, clause: str, reason: str, action: str) -> None:
    """Set a post's, comment's or wiki revision's status to ``hidden`` or ``published`` (release, restore).
    `actor` is the moderator, or None for an automatic decision (e.g. hidden after enough reports)."""
    clause, reason = _require(actor, clause, reason)
    if new_status not in (HIDDEN, PUBLISHED):
        raise ValidationError({"status": _("Unknown status.")})
    before = obj.status
    if before == new_status == PUBLISHED:
        return
    confirming = before == new_status  # e.g. a moderator confirms an automatic hide: new reason, told, audited
    obj.status = new_status
    if hasattr(obj, "status_reason"):
        obj.status_reason = reason if new_status == HIDDEN else None
    if confirming:
        pass
    elif new_status == HIDDEN:
        social.withdraw(obj.content_type, obj.id)
    else:
        _published_effects(obj)
    kind, target_id = obj.content_type, obj.id
    if isinstance(obj, Revision):
        page = db.session.get(WikiPage, obj.page_id)
        _recompute_current(page)
        content.enqueue_index("page", page.id)
    elif isinstance(obj, BlogPost):
        from .blog import _enqueue_with_comments

        _enqueue_with_comments(obj)
    else:
        content.enqueue_index("comment", obj.id)
    title = title_of(obj)
    db.session.add(Notification(user_id=obj.author_id, kind="moderation", actor_id=None, target_type=kind,
                                target_id=target_id, title=title[:200],
                                detail=f"{action}|{clause}|{reason}"[:1000]))
    audit.record(actor, f"moderation.{action}", target_type=kind, target_id=target_id, reason=reason,
                 policy_clause=clause, before=before, after=new_status)
    db.session.commit()
    content.update_index()


@writes
def suspend(actor: User, target: User, until, reason: str) -> None:
    """An admin suspends an account until a date: it cannot sign in meanwhile; its sessions end."""
    from ..models.users import new_auth_token

    if not actor.is_admin:
        raise PermissionDenied(_("Only administrators can suspend an account."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give a reason: it is kept in the audit log.")})
    if target.id == actor.id:
        raise ValidationError({"until": _("You cannot suspend your own account.")})
    target.suspended_until = until
    target.auth_token = new_auth_token()
    audit.record(actor, "user.suspended", target_type="user", target_id=target.username, reason=reason.strip(),
                 until=until.isoformat() if until else None)
    db.session.commit()
