"""document register: the số/ký hiệu each inspection document was given when it was issued, one sequence per
issuing body (the Sở, or an inspection team) and year (issue 25, ADR 29).

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from kit import rls

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'document_register',
        sa.Column('id', sa.Uuid(), nullable=False),
        sa.Column('tenant_id', sa.String(length=64), nullable=False),
        sa.Column('body', sa.String(length=64), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('symbol', sa.String(length=32), nullable=False),
        sa.Column('kind', sa.String(length=32), nullable=False),
        sa.Column('record', sa.String(length=64), nullable=False),
        sa.Column('issued_on', sa.Date(), nullable=False),
        sa.Column('issued_by', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_document_register')),
        sa.UniqueConstraint('tenant_id', 'body', 'year', 'number', name=op.f('uq_document_register_number')),
        sa.UniqueConstraint('tenant_id', 'kind', 'record', name=op.f('uq_document_register_record')),
    )
    op.create_index(op.f('ix_document_register_tenant_id'), 'document_register', ['tenant_id'], unique=False)
    rls.protect(op.get_bind(), ["document_register"])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), ["document_register"])
    op.drop_index(op.f('ix_document_register_tenant_id'), table_name='document_register')
    op.drop_table('document_register')
