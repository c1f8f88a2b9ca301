"""The flagging plugin's tables: the policy terms moderators keep, and the wellbeing path (alerts, what
responders did about them, and the support contacts an admin sets). Wellbeing tables are read only by
wellbeing responders: never by moderators as such, never by statistics."""
from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from opsspace.extensions import db
from opsspace.models import utcnow


class PolicyTerm(db.Model):
    """A word or phrase the acceptable-use policy rules out, in one language, with what a match does."""

    __tablename__ = "flagging_terms"
    __table_args__ = (UniqueConstraint("folded", "language", name="uq_flagging_terms_folded_language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(120))
    folded: Mapped[str] = mapped_column(String(120))  # the normalized form, so "Idiot" and "idiot" are one term
    language: Mapped[str] = mapped_column(String(5))  # en, fr
    category: Mapped[str] = mapped_column(String(12))  # insult, slur, profanity, threat
    action: Mapped[str] = mapped_column(String(8))  # flag, hold
    clause: Mapped[str] = mapped_column(String(20), default="1")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class WellbeingAlert(db.Model):
    """A statement of self-harm or suicidal intent found in something a person wrote."""

    __tablename__ = "wellbeing_alerts"
    __table_args__ = (Index("ix_wellbeing_alerts_state", "state", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_type: Mapped[str] = mapped_column(String(10))  # revision, post, comment
    content_id: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    statements: Mapped[list] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(12), default="open")  # open, in_progress, closed
    notified: Mapped[list] = mapped_column(JSON, default=list)  # ids of the responders alerted
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)

    author = relationship("User", lazy="joined")


class WellbeingEvent(db.Model):
    """What a responder did about an alert (seen, contacted, referred, closed...), with a note. Append-only."""

    __tablename__ = "wellbeing_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("wellbeing_alerts.id"), index=True)
    responder_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # None: the system
    action: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    responder = relationship("User", lazy="joined")


class SupportContacts(db.Model):
    """The support contacts shown to a person whose words raised a wellbeing alert; newest row wins."""

    __tablename__ = "wellbeing_contacts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    body_en: Mapped[str] = mapped_column(Text)
    body_fr: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
