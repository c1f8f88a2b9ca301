"""Versioned site texts: the acceptable-use policy and the site disclaimer, each in English and French."""
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from . import utcnow

KINDS = ("aup", "disclaimer")


class PolicyVersion(db.Model):
    """One version of a site text. Versions are never edited: a change adds the next number."""

    __tablename__ = "policy_versions"
    __table_args__ = (UniqueConstraint("kind", "number", name="uq_policy_versions_kind_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "aup" or "disclaimer"
    number: Mapped[int] = mapped_column(Integer)
    text_en: Mapped[str] = mapped_column(Text)
    text_fr: Mapped[str] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(String(255))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    created_by = relationship("User")

    def text(self, language: str) -> str:
        return self.text_fr if language == "fr" else self.text_en
