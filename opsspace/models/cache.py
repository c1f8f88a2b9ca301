"""The generations: row 1, incremented by every transaction that changes what readers see, so that every worker
process on every machine knows when the pages it keeps for readers are out of date; row 2, incremented by every
transaction that changes what only one member sees (their notifications, their watched pages), for the parts
of pages kept for members."""
from sqlalchemy import DDL, BigInteger, Integer, event
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


CONTENT, PERSONAL = 1, 2


class ContentGeneration(db.Model):
    __tablename__ = "content_generation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # CONTENT or PERSONAL
    value: Mapped[int] = mapped_column(BigInteger, default=0)


# Tables made with create_all (tests, benchmark sites) get their one row as the migration gives it.
event.listen(ContentGeneration.__table__, "after_create",
             DDL("INSERT INTO content_generation (id, value) VALUES (1, 0), (2, 0)"))
