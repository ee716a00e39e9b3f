"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 19:55:05.866111
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from qms_review.core.store import append_only

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


#: Tables whose rows are never updated or deleted, as of this revision.
APPEND_ONLY = ("audit_events", "order_revisions", "order_lines", "stored_files", "records")


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=60), nullable=False),
        sa.Column("entity_id", sa.String(length=40), nullable=True),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("prev_mac", sa.String(length=64), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
        sa.UniqueConstraint("seq", name=op.f("uq_audit_events_seq")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_entity", ["entity", "entity_id"], unique=False)

    op.create_table(
        "catalogue_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("part_number", sa.String(length=80), nullable=False),
        sa.Column("revision", sa.String(length=20), nullable=False),
        sa.Column(
            "status",
            sa.Enum("released", "obsolete", name="partstatus", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("lead_time_days", sa.Integer(), nullable=True),
        sa.Column("min_lot", sa.BigInteger(), nullable=True),
        sa.Column("max_lot", sa.BigInteger(), nullable=True),
        sa.Column("weekly_capacity", sa.BigInteger(), nullable=True),
        sa.Column("processes", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_catalogue_items")),
        sa.UniqueConstraint(
            "part_number", "revision", name=op.f("uq_catalogue_items_part_number_revision")
        ),
    )
    op.create_table(
        "checklist_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("version", sa.String(length=20), nullable=False),
        sa.Column("title_en", sa.String(length=200), nullable=False),
        sa.Column("title_zh", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checklist_templates")),
        sa.UniqueConstraint("key", "version", name=op.f("uq_checklist_templates_key_version")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=80), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("code", name=op.f("uq_customers_code")),
    )
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_customers_name"), ["name"], unique=False)

    op.create_table(
        "store_info",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("store_uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("created_by_version", sa.String(length=40), nullable=False),
        sa.Column("key_check", sa.String(length=64), nullable=False),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_info")),
    )
    op.create_table(
        "stored_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(length=260), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=100), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_files")),
    )
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stored_files_sha256"), ["sha256"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=True),
        sa.Column("is_admin", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.Column("must_change_password", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("login", name=op.f("uq_users_login")),
    )
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "enquiry",
                "bid",
                "quotation",
                "contract",
                "order",
                name="orderkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "received",
                "in_review",
                "accepted",
                "accepted_with_conditions",
                "referred_back",
                "declined",
                name="orderstatus",
                native_enum=False,
            ),
            nullable=False,
        ),
        sa.Column("revision_count", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_orders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint(
            "customer_id", "kind", "number", name=op.f("uq_orders_customer_id_kind_number")
        ),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_customer_id"), ["customer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_orders_number"), ["number"], unique=False)

    op.create_table(
        "user_functions",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "function",
            sa.Enum(
                "sales",
                "engineering",
                "planning",
                "production",
                "purchasing",
                "quality",
                "finance",
                "logistics",
                name="function",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_functions_user_id_users")
        ),
        sa.PrimaryKeyConstraint("user_id", "function", name=op.f("pk_user_functions")),
    )
    op.create_table(
        "communications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "enquiry",
                "order",
                "change",
                "clarification",
                "confirmation",
                "feedback",
                "complaint",
                name="communicationkind",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column("incoming", sa.Boolean(), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["stored_files.id"],
            name=op.f("fk_communications_attachment_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_communications_order_id_orders")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_communications")),
    )
    with op.batch_alter_table("communications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_communications_order_id"), ["order_id"], unique=False)

    op.create_table(
        "order_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("order_date", sa.Date(), nullable=True),
        sa.Column("buyer", sa.String(length=200), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("payment_terms", sa.String(length=200), nullable=True),
        sa.Column("delivery_terms", sa.String(length=200), nullable=True),
        sa.Column("quotation_ref", sa.String(length=80), nullable=True),
        sa.Column("quotation_revision_id", sa.Integer(), nullable=True),
        sa.Column("verbal", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("source_file_id", sa.Integer(), nullable=True),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=80), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_revisions_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["quotation_revision_id"],
            ["order_revisions.id"],
            name=op.f("fk_order_revisions_quotation_revision_id_order_revisions"),
        ),
        sa.ForeignKeyConstraint(
            ["source_file_id"],
            ["stored_files.id"],
            name=op.f("fk_order_revisions_source_file_id_stored_files"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_revisions")),
        sa.UniqueConstraint("order_id", "number", name=op.f("uq_order_revisions_order_id_number")),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("rule", sa.String(length=60), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "clarity", "capability", "change", name="findingkind", native_enum=False, length=24
            ),
            nullable=False,
        ),
        sa.Column(
            "severity",
            sa.Enum("error", "warning", "info", name="severity", native_enum=False, length=24),
            nullable=False,
        ),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("message_en", sa.Text(), nullable=False),
        sa.Column("message_zh", sa.Text(), nullable=False),
        sa.Column("checklist_item_key", sa.String(length=60), nullable=True),
        sa.Column(
            "disposition",
            sa.Enum(
                "resolved",
                "condition",
                "clarified",
                "waived",
                name="disposition",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("disposition_note", sa.Text(), nullable=True),
        sa.Column("dispositioned_by_id", sa.Integer(), nullable=True),
        sa.Column("dispositioned_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["dispositioned_by_id"],
            ["users.id"],
            name=op.f("fk_findings_dispositioned_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["order_revisions.id"],
            name=op.f("fk_findings_revision_id_order_revisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
        sa.UniqueConstraint(
            "revision_id", "fingerprint", name=op.f("uq_findings_revision_id_fingerprint")
        ),
    )
    op.create_table(
        "order_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("part_number", sa.String(length=80), nullable=True),
        sa.Column("part_revision", sa.String(length=20), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("quantity", sa.BigInteger(), nullable=True),
        sa.Column("unit", sa.String(length=20), nullable=True),
        sa.Column("unit_price", sa.BigInteger(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("delivery_date", sa.Date(), nullable=True),
        sa.Column("drawing_number", sa.String(length=80), nullable=True),
        sa.Column("remarks", sa.Text(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["order_revisions.id"],
            name=op.f("fk_order_lines_revision_id_order_revisions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_lines")),
        sa.UniqueConstraint(
            "revision_id", "line_no", name=op.f("uq_order_lines_revision_id_line_no")
        ),
    )
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_order_lines_part_number"), ["part_number"], unique=False
        )

    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision_id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "draft",
                "in_review",
                "ready_for_decision",
                "decided",
                "superseded",
                name="reviewstate",
                native_enum=False,
                length=24,
            ),
            nullable=False,
        ),
        sa.Column(
            "decision",
            sa.Enum(
                "accepted",
                "accepted_with_conditions",
                "referred_back",
                "declined",
                name="decision",
                native_enum=False,
            ),
            nullable=True,
        ),
        sa.Column("conditions", sa.Text(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("started_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["revision_id"],
            ["order_revisions.id"],
            name=op.f("fk_reviews_revision_id_order_revisions"),
        ),
        sa.ForeignKeyConstraint(
            ["started_by_id"], ["users.id"], name=op.f("fk_reviews_started_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["checklist_templates.id"],
            name=op.f("fk_reviews_template_id_checklist_templates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reviews_revision_id"), ["revision_id"], unique=False)

    op.create_table(
        "clarifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=True),
        sa.Column("finding_id", sa.Integer(), nullable=True),
        sa.Column("item_key", sa.String(length=60), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("raised_by_id", sa.Integer(), nullable=True),
        sa.Column("raised_at", sa.DateTime(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_on", sa.Date(), nullable=True),
        sa.Column("channel", sa.String(length=40), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["stored_files.id"],
            name=op.f("fk_clarifications_attachment_id_stored_files"),
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["findings.id"], name=op.f("fk_clarifications_finding_id_findings")
        ),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_clarifications_order_id_orders")
        ),
        sa.ForeignKeyConstraint(
            ["raised_by_id"], ["users.id"], name=op.f("fk_clarifications_raised_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_clarifications_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clarifications")),
    )
    with op.batch_alter_table("clarifications", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clarifications_order_id"), ["order_id"], unique=False)

    op.create_table(
        "records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("audit_head_seq", sa.Integer(), nullable=False),
        sa.Column("audit_head_mac", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_records_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_records")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_records_review_id"), ["review_id"], unique=False)

    op.create_table(
        "review_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=60), nullable=False),
        sa.Column(
            "value",
            sa.Enum("yes", "no", "na", name="answer", native_enum=False, length=24),
            nullable=True,
        ),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["answered_by_id"], ["users.id"], name=op.f("fk_review_answers_answered_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_review_answers_review_id_reviews")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_answers")),
        sa.UniqueConstraint(
            "review_id", "item_key", name=op.f("uq_review_answers_review_id_item_key")
        ),
    )
    op.create_table(
        "signatures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "function",
            sa.Enum(
                "sales",
                "engineering",
                "planning",
                "production",
                "purchasing",
                "quality",
                "finance",
                "logistics",
                name="function",
                native_enum=False,
                length=24,
            ),
            nullable=True,
        ),
        sa.Column("meaning", sa.String(length=200), nullable=False),
        sa.Column("printed_name", sa.String(length=200), nullable=False),
        sa.Column("signed_at", sa.DateTime(), nullable=False),
        sa.Column("utc_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.Column("lapsed_at", sa.DateTime(), nullable=True),
        sa.Column("lapse_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"], ["reviews.id"], name=op.f("fk_signatures_review_id_reviews")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_signatures_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signatures")),
    )
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_signatures_review_id"), ["review_id"], unique=False)

    append_only.create(op.get_bind(), APPEND_ONLY)


def downgrade() -> None:
    append_only.drop(op.get_bind(), APPEND_ONLY, with_function=True)
    with op.batch_alter_table("signatures", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_signatures_review_id"))

    op.drop_table("signatures")
    op.drop_table("review_answers")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_records_review_id"))

    op.drop_table("records")
    with op.batch_alter_table("clarifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clarifications_order_id"))

    op.drop_table("clarifications")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reviews_revision_id"))

    op.drop_table("reviews")
    with op.batch_alter_table("order_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_order_lines_part_number"))

    op.drop_table("order_lines")
    op.drop_table("findings")
    op.drop_table("order_revisions")
    with op.batch_alter_table("communications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_communications_order_id"))

    op.drop_table("communications")
    op.drop_table("user_functions")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_orders_number"))
        batch_op.drop_index(batch_op.f("ix_orders_kind"))
        batch_op.drop_index(batch_op.f("ix_orders_customer_id"))

    op.drop_table("orders")
    op.drop_table("users")
    with op.batch_alter_table("stored_files", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_files_sha256"))

    op.drop_table("stored_files")
    op.drop_table("store_info")
    with op.batch_alter_table("customers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customers_name"))

    op.drop_table("customers")
    op.drop_table("checklist_templates")
    op.drop_table("catalogue_items")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_entity")

    op.drop_table("audit_events")
