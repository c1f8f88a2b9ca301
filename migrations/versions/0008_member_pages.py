"""member pages: a second generation, moved by every transaction that changes what only one member sees (their
notifications, the pages they watch), so that every process knows when the parts it keeps for members are out
of date

Revision ID: 0008_member_pages
Revises: 0007_reader_cache
Create Date: 2026-11-22 03:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0008_member_pages'
down_revision = '0007_reader_cache'
branch_labels = None
depends_on = None


def upgrade():
    table = sa.table('content_generation', sa.column('id', sa.Integer()), sa.column('value', sa.BigInteger()))
    op.bulk_insert(table, [{'id': 2, 'value': 0}])


def downgrade():
    op.execute("DELETE FROM content_generation WHERE id = 2")
