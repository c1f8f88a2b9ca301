"""search outbox: an id is never given twice. SQLite gave a deleted row's id to the next row (the highest id
plus one), so a drain that waited for the index and then removed the rows it had applied, by id, could remove
a newer row no one had applied: that change never reached the index. AUTOINCREMENT never reuses an id;
PostgreSQL's sequences never did.

Revision ID: 0009_outbox_ids
Revises: 0008_member_pages
Create Date: 2026-11-22 07:00:00

"""
from alembic import op


revision = '0009_outbox_ids'
down_revision = '0008_member_pages'
branch_labels = None
depends_on = None


def _autoincrement(on: bool) -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    with op.batch_alter_table('search_outbox', recreate='always',
                              table_kwargs={'sqlite_autoincrement': on}) as batch_op:
        batch_op.alter_column('id')  # nothing changes but the table's AUTOINCREMENT: it is made again


def upgrade():
    _autoincrement(True)


def downgrade():
    _autoincrement(False)
