"""Signals that plugins raised about content when it was submitted (flag, hold, wellbeing), kept for review."""
from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from . import utcnow


class ContentSignal(db.Model):
    __tablename__ = "content_signals"
    __table_args__ = (Index("ix_content_signals_content", "content_type", "content_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_type: Mapped[str] = mapped_column(String(10))  # revision, post, comment
    content_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    evidence: Mapped[list] = mapped_column(JSON, default=list)
    policy_clause: Mapped[str | None] = mapped_column(String(40))
    action: Mapped[str] = mapped_column(String(12))  # flag, hold, wellbeing
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
