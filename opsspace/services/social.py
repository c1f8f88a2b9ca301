"""Follows, watched pages and in-app notifications.

Notifications are created in the same transaction as the content that causes them, and only for
published content; when content stops being public (deleted, hidden), its notifications are withdrawn.
"""
from flask import g, has_request_context, url_for
from sqlalchemy import bindparam, func, select, update

from .. import page_cache
from ..database import writes
from ..extensions import db
from ..models import BlogPost, Comment, Follow, Notification, PageWatch, Revision, User, WikiPage, utcnow
from . import ValidationError

KINDS = ("comment", "reply", "mention", "new_post", "page_edit")


# --- follows and watches ----------------------------------------------------------------------

def is_following(user, person_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(Follow, (user.id, person_id)) is not None


@writes
def set_following(user: User, person: User, following: bool) -> None:
    from flask_babel import gettext as _

    if person.id == user.id:
        raise ValidationError({"follow": _("You cannot follow yourself.")})
    _toggle(Follow(follower_id=user.id, followee_id=person.id), following)


def follower_count(person: User) -> int:
    return db.session.scalar(select(func.count()).select_from(Follow).where(Follow.followee_id == person.id))


def is_watching(user, page_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(PageWatch, (user.id, page_id)) is not None


@writes
def set_watching(user: User, page: WikiPage, watching: bool) -> None:
    _toggle(PageWatch(user_id=user.id, page_id=page.id), watching)


def _toggle(row, wanted: bool) -> None:
    """Make a link row (a follow, a watch) exist or not, whatever it was before."""
    key = tuple(getattr(row, column.key) for column in type(row).__mapper__.primary_key)
    existing = db.session.get(type(row), key)
    if wanted and existing is None:
        db.session.add(row)
    elif not wanted and existing is not None:
        db.session.delete(existing)
    db.session.commit()


# --- creating notifications (inside the caller's transaction) -----------------------------------

def _notify(recipients, kind: str, actor: User, target_type: str, target_id: int, title: str, done: set) -> None:
    for user_id in recipients:
        if user_id == actor.id or user_id in done:
            continue  # nobody is notified of their own act, and nobody twice for one act
        done.add(user_id)
        db.session.add(Notification(user_id=user_id, kind=kind, actor_id=actor.id, target_type=target_type,
                                    target_id=target_id, title=title[:200]))


def _ids_of(usernames: set[str]) -> list[int]:
    if not usernames:
        return []
    return list(db.session.scalars(select(User.id).where(User.username.in_(usernames), User.active.is_(True))))


def on_post_published(post: BlogPost, mentions: set[str]) -> None:
    """A post became public: its mentions and the author's followers hear of it."""
    done: set[int] = set()
    _notify(_ids_of(mentions), "mention", post.author, "post", post.id, post.title, done)
    followers = db.session.scalars(select(Follow.follower_id).where(Follow.followee_id == post.author_id))
    _notify(followers, "new_post", post.author, "post", post.id, post.title, done)


def on_comment_published(comment: Comment, mentions: set[str], title: str, target_author_id: int | None) -> None:
    """A comment became public: the people mentioned, the author of what it answers, and of the post."""
    done: set[int] = set()
    _notify(_ids_of(mentions), "mention", comment.author, "comment", comment.id, title, done)
    if comment.parent_id:
        parent_author = db.session.scalar(select(Comment.author_id).where(Comment.id == comment.parent_id))
        _notify([parent_author], "reply", comment.author, "comment", comment.id, title, done)
    if target_author_id:
        _notify([target_author_id], "comment", comment.author, "comment", comment.id, title, done)


def on_revision_published(revision: Revision, page: WikiPage, mentions: set[str]) -> None:
    """A wiki edit became public: the people mentioned in it, and the page's watchers."""
    done: set[int] = set()
    _notify(_ids_of(mentions), "mention", revision.author, "revision", revision.id, page.title, done)
    watchers = db.session.scalars(select(PageWatch.user_id).where(PageWatch.page_id == page.id))
    _notify(watchers, "page_edit", revision.author, "revision", revision.id, page.title, done)


def withdraw(target_type: str, target_id: int) -> None:
    """Content stopped being public: its notifications disappear (kept in the database, never shown)."""
    db.session.execute(update(Notification).where(Notification.target_type == target_type,
                                                  Notification.target_id == target_id).values(withdrawn=True))


def restore(target_type: str, target_id: int) -> None:
    db.session.execute(update(Notification).where(Notification.target_type == target_type,
                                                  Notification.target_id == target_id).values(withdrawn=False))


# --- reading ----------------------------------------------------------------------------------

def _visible(stmt):
    return stmt.where(Notification.withdrawn.is_(False))


# Built once: every signed-in page asks, and a statement built per call costs ten times its query.
_UNREAD = _visible(select(func.count()).select_from(Notification)).where(
    Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None))


def unread_count(user) -> int:
    """How many notifications `user` has not read; counted once per request (the layout and plugins ask)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    memo = g.setdefault("unread_notifications", {}) if has_request_context() else {}
    if user.id not in memo:
        memo[user.id] = page_cache.kept_for_member(("unread", user.id), lambda: _count_unread(user.id))
    return memo[user.id]


def _count_unread(user_id: int) -> int:
    if db.session.new or db.session.dirty or db.session.deleted:
        db.session.flush()  # what a query through the session would flush first
    return db.session.connection().execute(_UNREAD, {"user_id": user_id}).scalar()


def for_user(user: User):
    return _visible(select(Notification).where(Notification.user_id == user.id)
                    .order_by(Notification.created_at.desc(), Notification.id.desc()))


def links(notifications) -> dict[int, str]:
    """Where each notification leads, by notification id, computed when shown (content may have moved since):
    one query per kind of target for a page of notifications, not one or two per notification."""
    from ..security import safe_next
    from . import blog, comments

    wanted: dict[str, set] = {}
    for notification in notifications:
        wanted.setdefault(notification.target_type, set()).add(notification.target_id)

    def rows(stmt, kind: str) -> dict:
        return {row[0]: row for row in db.session.execute(stmt)} if wanted.get(kind) else {}

    posts = blog.urls(wanted.get("post", ()))
    people = rows(select(User.id, User.username).where(User.id.in_(wanted.get("person", ()))), "person")
    revisions = rows(select(Revision.id, Revision.number, WikiPage.path).join(WikiPage, Revision.page_id == WikiPage.id)
                     .where(Revision.id.in_(wanted.get("revision", ()))), "revision")
    comment_urls = comments.urls_by_id(wanted.get("comment", ()))
    found = {}
    for notification in notifications:
        kind, target, url = notification.target_type, notification.target_id, "#"
        if kind == "post":
            url = posts.get(target, "#")
        elif kind == "comment":
            url = comment_urls.get(target, "#")
        elif kind == "person" and target in people:
            url = url_for("people.profile", username=people[target].username)
        elif kind == "revision" and target in revisions:
            _id, number, path = revisions[target]
            url = (url_for("wiki.compare", path=path, to=number, **{"from": number - 1}) if number > 1
                   else url_for("wiki.page", path=path))
        elif kind == "path":  # a plugin's page, kept as a path on this site
            url = safe_next(notification.detail) or "#"
        found[notification.id] = url
    return found


@writes
def mark_read(user: User, notification_id: int | None = None) -> None:
    """Mark one notification (or all of them, when no id is given) as read."""
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()
    if has_request_context():
        g.pop("unread_notifications", None)
