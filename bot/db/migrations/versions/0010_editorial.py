"""editorial: the editors' drafts, published KB versions and the source watch.

- kb_drafts: one KB file's text as an editor would publish it, with its review state.
- kb_versions / kb_version_files: every published change (who, reviewer, sources, the files' texts);
  all processes serve the files on disk overlaid with the latest published text of each file.
- source_pages / source_changes: the last text seen at each source URL and the changes found.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

MOMENT = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "kb_drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("pathway_id", sa.String(64), nullable=False),
        sa.Column("path", sa.String(255), nullable=False),
        sa.Column("base_version", sa.Integer, nullable=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("summary", sa.String(500), nullable=False, server_default=""),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default="edit"),
        sa.Column("restore_of", sa.Integer, nullable=True),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("author_id", sa.Integer, nullable=True),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", MOMENT, nullable=False),
        sa.Column("updated_at", MOMENT, nullable=False),
        sa.Column("submitted_at", MOMENT, nullable=True),
        sa.Column("reviewer_id", sa.Integer, nullable=True),
        sa.Column("reviewer", sa.String(64), nullable=True),
        sa.Column("reviewed_at", MOMENT, nullable=True),
        sa.Column("review_note", sa.String(500), nullable=True),
        sa.Column("row_version", sa.Integer, nullable=False, server_default="1"),
    )
    op.create_index("ix_kb_drafts_pathway_id", "kb_drafts", ["pathway_id"])
    op.create_index("ix_kb_drafts_status", "kb_drafts", ["status"])
    op.create_table(
        "kb_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("pathway_id", sa.String(64), nullable=True),
        sa.Column("summary", sa.String(500), nullable=False, server_default=""),
        sa.Column("changes", sa.JSON, nullable=False),
        sa.Column("sources", sa.JSON, nullable=False),
        sa.Column("author_id", sa.Integer, nullable=True),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("reviewer_id", sa.Integer, nullable=True),
        sa.Column("reviewer", sa.String(64), nullable=True),
        sa.Column("draft_id", sa.Integer, nullable=True),
        sa.Column("published_at", MOMENT, nullable=False),
    )
    op.create_index("ix_kb_versions_pathway_id", "kb_versions", ["pathway_id"])
    op.create_table(
        "kb_version_files",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("version_id", sa.Integer, sa.ForeignKey("kb_versions.id"), nullable=False),
        sa.Column("path", sa.String(255), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("previous_text", sa.Text, nullable=True),
        sa.UniqueConstraint("version_id", "path", name="uq_kb_version_files_version_path"),
    )
    op.create_index("ix_kb_version_files_path_version", "kb_version_files", ["path", "version_id"])
    op.create_table(
        "source_pages",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(1000), nullable=False, unique=True),
        sa.Column("etag", sa.String(255), nullable=True),
        sa.Column("last_modified", sa.String(64), nullable=True),
        sa.Column("text", sa.Text, nullable=True),
        sa.Column("digest", sa.String(64), nullable=True),
        sa.Column("status", sa.Integer, nullable=True),
        sa.Column("error", sa.String(255), nullable=True),
        sa.Column("fetched_at", MOMENT, nullable=True),
        sa.Column("changed_at", MOMENT, nullable=True),
    )
    op.create_table(
        "source_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.String(1000), nullable=False),
        sa.Column("pathway_ids", sa.JSON, nullable=False),
        sa.Column("before", sa.Text, nullable=False),
        sa.Column("after", sa.Text, nullable=False),
        sa.Column("detected_at", MOMENT, nullable=False),
        sa.Column("resolved_at", MOMENT, nullable=True),
        sa.Column("resolved_by", sa.String(64), nullable=True),
        sa.Column("resolved_by_id", sa.Integer, nullable=True),
    )
    op.create_index("ix_source_changes_open", "source_changes", ["resolved_at"])


def downgrade() -> None:
    op.drop_index("ix_source_changes_open", table_name="source_changes")
    op.drop_table("source_changes")
    op.drop_table("source_pages")
    op.drop_index("ix_kb_version_files_path_version", table_name="kb_version_files")
    op.drop_table("kb_version_files")
    op.drop_index("ix_kb_versions_pathway_id", table_name="kb_versions")
    op.drop_table("kb_versions")
    op.drop_index("ix_kb_drafts_status", table_name="kb_drafts")
    op.drop_index("ix_kb_drafts_pathway_id", table_name="kb_drafts")
    op.drop_table("kb_drafts")
