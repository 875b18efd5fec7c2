"""record links keep the provider ids a record points to (a contact's account, a deal's company), so that a lead or
deal that arrived before its company is linked once the company is stored

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29 02:05:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('record_links') as batch:
        batch.add_column(sa.Column('refs', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('record_links') as batch:
        batch.drop_column('refs')
