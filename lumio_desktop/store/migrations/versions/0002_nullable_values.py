"""conflict and history values may be empty (NULL): a base, a side or an old value is often no value at all

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 00:50:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

CONFLICT_VALUES = ('base_value', 'lumio_value', 'provider_value', 'resolved_value', 'previous_value')
EDIT_VALUES = ('old_value', 'new_value')


def upgrade() -> None:
    # SQLite cannot ALTER a column's nullability: batch mode copies the table.
    with op.batch_alter_table('conflicts') as batch:
        for name in CONFLICT_VALUES:
            batch.alter_column(name, existing_type=sa.Text(), nullable=True)
    with op.batch_alter_table('record_edits') as batch:
        for name in EDIT_VALUES:
            batch.alter_column(name, existing_type=sa.Text(), nullable=True)


def downgrade() -> None:
    # JSON null keeps the NOT NULL constraint satisfiable for rows that held no value.
    for name in CONFLICT_VALUES:
        op.execute(f"UPDATE conflicts SET {name} = 'null' WHERE {name} IS NULL")
    for name in EDIT_VALUES:
        op.execute(f"UPDATE record_edits SET {name} = 'null' WHERE {name} IS NULL")
    with op.batch_alter_table('conflicts') as batch:
        for name in CONFLICT_VALUES:
            batch.alter_column(name, existing_type=sa.Text(), nullable=False)
    with op.batch_alter_table('record_edits') as batch:
        for name in EDIT_VALUES:
            batch.alter_column(name, existing_type=sa.Text(), nullable=False)
