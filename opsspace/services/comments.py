"""Comments on blog posts and wiki pages: one level of replies, edits that keep earlier versions,
soft deletion, and the same pipeline as all content (hooks, audit, outbox, notifications)."""
from dataclasses import dataclass, field

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..database import writes
from ..extensions import db
from ..models import BlogPost, Comment, CommentVersion, User, WikiPage, utcnow
from ..models.content import DELETED, HELD, HIDDEN, PUBLISHED
from . import NotFound, PermissionDenied, ValidationError, audit, blog, content, parse_id, policy, rendering, social

MAX_BODY = 20_000
TARGET_TYPES = ("post", "page")


@dataclass
class Thread:
    comment: Comment
    replies: list = field(default_factory=list)


@dataclass
class Target:
    kind: str
    obj: object
    title: str
    author_id: int | None


def target(target_type: str, target_id: int, viewer=None) -> Target:
    """What a comment is attached to; NotFound when it does not exist or cannot be commented on."""
    if parse_id(target_id) is None:
        raise NotFound(_("There is nothing to comment on here."))
    if target_type == "post":
        post = db.session.get(BlogPost, target_id)
        if post is not None and (viewer is None or blog.can_see(viewer, post)):
            return Target("post", post, post.title, post.author_id)
    elif target_type == "page":
        page = db.session.get(WikiPage, target_id)
        if page is not None and page.current_revision_id:
            return Target("page", page, page.title, None)
    raise NotFound(_("There is nothing to comment on here."))


def url(comment: Comment) -> str:
    return urls([(comment.id, comment.target_type, comment.target_id)]).get(comment.id, "#")


def urls(comments: list[tuple[int, str, int]]) -> dict[int, str]:
    """Where each comment (id, target type, target id) is shown, by id: two queries for a page of search
    results, not three per comment. A comment whose post or page is gone has no address."""
    posts = blog.urls({target_id for _id, kind, target_id in comments if kind == "post"})
    page_ids = {target_id for _id, kind, target_id in comments if kind == "page"}
    pages = {row.id: row.path for row in db.session.execute(
        select(WikiPage.id, WikiPage.path).where(WikiPage.id.in_(page_ids)))} if page_ids else {}
    found = {}
    for comment_id, kind, target_id in comments:
        if kind == "post" and target_id in posts:
            found[comment_id] = f"{posts[target_id]}#comment-{comment_id}"
        elif kind == "page" and target_id in pages:
            found[comment_id] = url_for("wiki.page", path=pages[target_id], _anchor=f"comment-{comment_id}")
    return found


def urls_by_id(comment_ids) -> dict[int, str]:
    """urls() for comments known by their ids only."""
    if not comment_ids:
        return {}
    return urls([tuple(row) for row in db.session.execute(
        select(Comment.id, Comment.target_type, Comment.target_id).where(Comment.id.in_(set(comment_ids))))])


def can_see(viewer, comment: Comment) -> bool:
    if comment.status == PUBLISHED:
        return True
    if not getattr(viewer, "is_authenticated", False):
        return False
    if viewer.id == comment.author_id:
        return True
    return comment.status in (HELD, HIDDEN) and viewer.is_moderator


def thread(target_type: str, target_id: int, viewer) -> list[Thread]:
    """The comments someone may see, oldest first, replies under their parent. A deleted comment with
    visible replies stays as a placeholder so the conversation still reads."""
    rows = list(db.session.scalars(select(Comment).where(Comment.target_type == target_type,
                                                         Comment.target_id == target_id)
                                   .order_by(Comment.created_at, Comment.id)))
    threads: dict[int, Thread] = {}
    for comment in rows:
        if comment.parent_id is None:
            threads[comment.id] = Thread(comment)
    for comment in rows:
        if comment.parent_id is not None and comment.parent_id in threads and can_see(viewer, comment):
            threads[comment.parent_id].replies.append(comment)
    return [t for t in threads.values() if can_see(viewer, t.comment) or t.replies]


def rendered(comment: Comment):
    return rendering.cached(("comment", comment.id, comment.version),
                            lambda: rendering.render(comment.body, content=comment)).html


def _check(body: str) -> str:
    body = (body or "").replace("\r\n", "\n")
    if not body.strip():
        raise ValidationError({"body": _("Write a comment before sending it.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("A comment can have %(max)d characters at most.", max=MAX_BODY)})
    if "\x00" in body:
        raise ValidationError({"body": _("The text contains a NUL character, which cannot be saved. Remove it and try again.")})
    return body


def _publish_effects(comment: Comment, where: Target) -> None:
    mentions = rendering.cached(("comment", comment.id, comment.version),
                                lambda: rendering.render(comment.body, content=comment)).mentions
    social.on_comment_published(comment, mentions, where.title, where.author_id)


@writes
def add(target_type: str, target_id: int, author: User, body: str, parent_id: int | None = None,
        warn: bool = False) -> Comment:
    """Add a comment (or a reply: a reply to a reply goes under the same first comment)."""
    policy.ensure_accepted(author)
    if target_type not in TARGET_TYPES:
        raise NotFound(_("There is nothing to comment on here."))
    where = target(target_type, target_id, author)
    if where.kind == "post" and where.obj.status != PUBLISHED:
        raise ValidationError({"body": _("Comments open once the post is published.")})
    body = _check(body)
    parent = None
    if parent_id:
        parent = db.session.get(Comment, parent_id) if parse_id(parent_id) else None
        if parent is None or (parent.target_type, parent.target_id) != (target_type, target_id):
            raise ValidationError({"body": _("The comment you answered is not on this page.")})
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)
    comment = Comment(target_type=target_type, target_id=target_id, parent_id=parent.id if parent else None,
                      author_id=author.id, body=body, status=PUBLISHED)
    db.session.add(comment)
    db.session.flush()
    comment.status, _signals = content.submit(comment, author, warn)
    if comment.status == PUBLISHED:
        _publish_effects(comment, where)
    audit.record(author, "comment.created", target_type="comment", target_id=comment.id, status=comment.status,
                 on=f"{target_type}:{target_id}")
    content.enqueue_index("comment", comment.id)
    db.session.commit()
    content.after_commit(comment, True)
    return comment


@writes
def edit(comment: Comment, editor: User, body: str, warn: bool = False) -> Comment:
    policy.ensure_accepted(editor)
    if editor.id != comment.author_id:
        raise PermissionDenied(_("Only its author can edit a comment."))
    if comment.status == DELETED:
        raise ValidationError({"body": _("This comment is deleted.")})
    body = _check(body)
    if body == comment.body:
        return comment
    db.session.add(CommentVersion(comment_id=comment.id, number=comment.version, body=comment.body,
                                  status=comment.status))
    comment.version += 1
    comment.body = body
    comment.updated_at = utcnow()
    db.session.flush()
    was_public = comment.status == PUBLISHED
    comment.status, _signals = content.submit(comment, editor, warn)
    if comment.status != PUBLISHED and was_public:
        social.withdraw("comment", comment.id)
    audit.record(editor, "comment.edited", target_type="comment", target_id=comment.id, status=comment.status,
                 version=comment.version)
    content.enqueue_index("comment", comment.id)
    db.session.commit()
    content.after_commit(comment, False)
    return comment


@writes
def delete(comment: Comment, actor: User) -> None:
    if actor.id != comment.author_id and not actor.is_admin:
        raise PermissionDenied(_("Only its author can delete a comment."))
    if comment.status == DELETED:
        return
    comment.status = DELETED
    comment.updated_at = utcnow()
    social.withdraw("comment", comment.id)
    audit.record(actor, "comment.deleted", target_type="comment", target_id=comment.id)
    content.enqueue_index("comment", comment.id)
    db.session.commit()
    content.update_index()


def versions(comment: Comment) -> list[CommentVersion]:
    return list(db.session.scalars(select(CommentVersion).where(CommentVersion.comment_id == comment.id)
                                   .order_by(CommentVersion.number.desc())))


def get(comment_id: int) -> Comment:
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(_("There is no such comment."))
    return comment
