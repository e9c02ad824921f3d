"""document numbers: the numbering register of each province's issuing body (số per ký hiệu and year), and the
number a report was given when it was sent to the Ministry (issue 25, ADR 29); the reason the Sở's leader gave
when sending a report back to drafting (issue 23).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 12:30:00
"""

import sqlalchemy as sa
from alembic import op

from kit import rls

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'document_numbers',
        sa.Column('tenant_id', sa.String(length=64), nullable=False),
        sa.Column('symbol', sa.String(length=32), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('last', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('tenant_id', 'symbol', 'year', name=op.f('pk_document_numbers')),
    )
    op.create_index(op.f('ix_document_numbers_tenant_id'), 'document_numbers', ['tenant_id'], unique=False)
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('doc_number', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('doc_symbol', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('return_reason', sa.Text(), nullable=True))
    rls.protect(op.get_bind(), ["document_numbers"])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), ["document_numbers"])
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('return_reason')
        batch_op.drop_column('doc_symbol')
        batch_op.drop_column('doc_number')
    op.drop_index(op.f('ix_document_numbers_tenant_id'), table_name='document_numbers')
    op.drop_table('document_numbers')
