"""Sign-in attempts, kept in the database so throttling holds across worker processes and machines."""
from datetime import datetime

from sqlalchemy import Boolean, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from . import utcnow


class LoginAttempt(db.Model):
    """One sign-in attempt. Account and address are keyed hashes: no IP address or username is stored in clear."""

    __tablename__ = "login_attempts"
    __table_args__ = (
        Index("ix_login_attempts_account", "account_key", "created_at"),
        Index("ix_login_attempts_address", "address_key", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_key: Mapped[str] = mapped_column(String(64))
    address_key: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
