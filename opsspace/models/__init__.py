"""SQLAlchemy models, one module per area. Importing this package registers every table."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """The current time as naive UTC: every timestamp in the database is naive UTC (SQLite and PostgreSQL alike)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


from .audit import AuditEvent  # noqa: E402
from .blog import BlogPost, Comment, CommentVersion, PostVersion  # noqa: E402
from .cache import ContentGeneration  # noqa: E402
from .content import Revision, SearchOutbox, WikiLink, WikiPage, WikiRedirect  # noqa: E402
from .policy import PolicyVersion  # noqa: E402
from .security import LoginAttempt  # noqa: E402
from .signals import ContentSignal  # noqa: E402
from .social import Avatar, Follow, Notification, PageWatch  # noqa: E402
from .users import ROLES, User  # noqa: E402

__all__ = ["AuditEvent", "Avatar", "BlogPost", "Comment", "CommentVersion", "ContentSignal", "Follow", "LoginAttempt", "Notification",
           "PageWatch", "PolicyVersion", "PostVersion", "ROLES", "Revision", "SearchOutbox", "User", "WikiLink",
           "WikiPage", "WikiRedirect", "utcnow"]
