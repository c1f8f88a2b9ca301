"""Accounts: identity, role, profile fields, language, personal disclaimer and AUP acceptance."""
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from . import utcnow

#: Roles from least to most powerful; each includes what the ones before it may do.
ROLES = ("employee", "moderator", "admin")


def new_auth_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default="employee")
    is_wellbeing_responder: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    preferred_language: Mapped[str | None] = mapped_column(String(5))
    title: Mapped[str | None] = mapped_column(String(120))
    department: Mapped[str | None] = mapped_column(String(120))
    location: Mapped[str | None] = mapped_column(String(120))
    languages_spoken: Mapped[str] = mapped_column(String(60), default="")  # ",en,fr,"
    bio: Mapped[str | None] = mapped_column(Text)  # Markdown
    expertise: Mapped[str] = mapped_column(String(600), default="")  # ",procurement,data analysis,"
    has_avatar: Mapped[bool] = mapped_column(Boolean, default=False)
    personal_disclaimer: Mapped[str | None] = mapped_column(Text)
    accepted_policy_version: Mapped[int | None] = mapped_column(Integer)
    accepted_policy_at: Mapped[datetime | None] = mapped_column(DateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(DateTime)  # an admin's suspension, if any
    # Part of the session identity: changing it (password change, deactivation) signs the user out everywhere.
    auth_token: Mapped[str] = mapped_column(String(64), default=new_auth_token)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    @property
    def expertise_list(self) -> list[str]:
        return [tag for tag in (self.expertise or "").split(",") if tag]

    @property
    def languages_list(self) -> list[str]:
        return [code for code in (self.languages_spoken or "").split(",") if code]

    @property
    def initials(self) -> str:
        parts = [part for part in (self.display_name or self.username).replace("-", " ").split() if part]
        return "".join(part[0] for part in parts[:2]).upper() or "?"

    def get_id(self) -> str:
        return f"{self.id}:{self.auth_token}"

    @property
    def is_active(self) -> bool:
        return bool(self.active)

    def has_role(self, role: str) -> bool:
        """True when the user's role is `role` or above it."""
        return ROLES.index(self.role) >= ROLES.index(role)

    @property
    def is_moderator(self) -> bool:
        return self.has_role("moderator")

    @property
    def is_admin(self) -> bool:
        return self.has_role("admin")

    def __repr__(self) -> str:
        return f"<User {self.username} {self.role}>"
