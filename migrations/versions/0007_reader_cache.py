"""reader cache: the content generation that tells every process when readers' kept pages are out of date,
and the index a person's posts are listed by

Revision ID: 0007_reader_cache
Revises: 0006_stats
Create Date: 2026-11-21 12:00:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0007_reader_cache'
down_revision = '0006_stats'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('content_generation',
                            sa.Column('id', sa.Integer(), nullable=False),
                            sa.Column('value', sa.BigInteger(), nullable=False),
                            sa.PrimaryKeyConstraint('id', name=op.f('pk_content_generation')))
    op.bulk_insert(table, [{'id': 1, 'value': 0}])
    op.create_index('ix_blog_posts_author_status_published', 'blog_posts', ['author_id', 'status', 'published_at'])


def downgrade():
    op.drop_index('ix_blog_posts_author_status_published', table_name='blog_posts')
    op.drop_table('content_generation')
