"""The domain entities and their tables (SQLAlchemy 2 typed ORM).

The schema is created and changed only by the Alembic migrations under ``migrations/``;
a test checks that the migrated schema equals these declarations.

Immutable history: order revisions, their lines, stored files, records and audit events are
append-only, and database triggers refuse to update or delete them.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from qms_review.core.store.columns import Fixed6, UTCDateTime, utcnow
from qms_review.core.store.vocabulary import (
    Answer,
    CommunicationKind,
    Decision,
    Disposition,
    FeedbackKind,
    FeedbackStatus,
    FindingKind,
    Function,
    IncidentKind,
    OrderKind,
    OrderStatus,
    PartStatus,
    ReviewState,
    Severity,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: Tables whose rows may never be updated or deleted (enforced by triggers).
APPEND_ONLY_TABLES = (
    "audit_events",
    "order_revisions",
    "order_lines",
    "stored_files",
    "records",
    "revision_changes",
    "checklist_templates",
    "crls",
    "signatures",
    "acknowledgements",
)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), Decimal: Fixed6()}  # noqa: RUF012


def _enum(cls: type[enum.Enum]) -> Enum:
    """A portable enum column: stored as its string value, no native type, no constraint."""
    return Enum(
        cls,
        native_enum=False,
        create_constraint=False,
        length=24,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class StoreInfo(Base):
    """One row: the identity of this database and the check value of its audit key."""

    __tablename__ = "store_info"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_uuid: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_version: Mapped[str] = mapped_column(String(40))
    key_check: Mapped[str] = mapped_column(String(64))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)


class StoredFile(Base):
    """A file kept as evidence: the bytes exactly as received, with their SHA-256."""

    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    filename: Mapped[str] = mapped_column(String(260))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Customer(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    country: Mapped[str | None] = mapped_column(String(80))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    orders: Mapped[list[Order]] = relationship(back_populates="customer")


class Order(Base):
    """A customer's enquiry, bid, quotation, contract or order; its content lives in revisions."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("customer_id", "kind", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[OrderKind] = mapped_column(_enum(OrderKind), index=True)
    number: Mapped[str] = mapped_column(String(80), index=True)
    status: Mapped[OrderStatus] = mapped_column(_enum(OrderStatus), default=OrderStatus.RECEIVED)
    #: Number of the latest revision (revisions are numbered 1, 2, ...).
    revision_count: Mapped[int] = mapped_column(Integer, default=0)
    #: When the review of the latest revision is due (receipt plus the working days the settings
    #: give), set at import: the register shows it, and sorts and filters by it, before any
    #: review has started.
    due_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="orders")
    revisions: Mapped[list[OrderRevision]] = relationship(
        back_populates="order", order_by="OrderRevision.number"
    )


class OrderRevision(Base):
    """One version of an order as received. Never updated: a change is a new revision."""

    __tablename__ = "order_revisions"
    __table_args__ = (UniqueConstraint("order_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    number: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # the register's sort
    order_date: Mapped[date | None]
    buyer: Mapped[str | None] = mapped_column(String(200))
    currency: Mapped[str | None] = mapped_column(String(3))
    payment_terms: Mapped[str | None] = mapped_column(String(200))
    delivery_terms: Mapped[str | None] = mapped_column(String(200))
    quotation_ref: Mapped[str | None] = mapped_column(String(80))
    quotation_revision_id: Mapped[int | None] = mapped_column(ForeignKey("order_revisions.id"))
    verbal: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    source_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    line_count: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(80))

    order: Mapped[Order] = relationship(back_populates="revisions")
    source_file: Mapped[StoredFile | None] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="revision", order_by="OrderLine.line_no"
    )


class OrderLine(Base):
    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("revision_id", "line_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("order_revisions.id"))
    line_no: Mapped[int] = mapped_column(Integer)
    part_number: Mapped[str | None] = mapped_column(String(80), index=True)
    part_revision: Mapped[str | None] = mapped_column(String(20))
    description: Mapped[str | None] = mapped_column(Text)
    quantity: Mapped[Decimal | None]
    unit: Mapped[str | None] = mapped_column(String(20))
    unit_price: Mapped[Decimal | None]
    amount: Mapped[Decimal | None]
    currency: Mapped[str | None] = mapped_column(String(3))
    delivery_date: Mapped[date | None]
    drawing_number: Mapped[str | None] = mapped_column(String(80))
    remarks: Mapped[str | None] = mapped_column(Text)
    #: Columns of the source that mapped to no field, kept as read: {header: value}.
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    revision: Mapped[OrderRevision] = relationship(back_populates="lines")


class CatalogueItem(Base):
    """A part or product the organisation supplies, with what it takes to make it."""

    __tablename__ = "catalogue_items"
    __table_args__ = (UniqueConstraint("part_number", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    part_number: Mapped[str] = mapped_column(String(80))
    revision: Mapped[str] = mapped_column(String(20), default="")
    status: Mapped[PartStatus] = mapped_column(_enum(PartStatus), default=PartStatus.RELEASED)
    description: Mapped[str | None] = mapped_column(Text)
    lead_time_days: Mapped[int | None] = mapped_column(Integer)
    min_lot: Mapped[Decimal | None]
    max_lot: Mapped[Decimal | None]
    weekly_capacity: Mapped[Decimal | None]
    processes: Mapped[str | None] = mapped_column(Text)
    special_processes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class ChecklistTemplate(Base):
    """A checklist template (or a sector pack) at one version, stored whole so that reviews keep
    what they started with. Never changed: a new version is a new row."""

    __tablename__ = "checklist_templates"
    __table_args__ = (UniqueConstraint("key", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60))
    version: Mapped[str] = mapped_column(String(20))
    #: The title in each language the template has, for lists: {"en": …, "zh": …}.
    titles: Mapped[dict[str, str]] = mapped_column(JSON)
    content: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(20), default="template")  # "template" or "pack"
    extends: Mapped[str | None] = mapped_column(String(60))  # a pack: the template it adds to
    source: Mapped[str | None] = mapped_column(String(260))  # "built-in" or the file's name


class User(Base):
    """A person who works in the program. Never deleted, only deactivated."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(200))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime | None]

    functions: Mapped[list[UserFunction]] = relationship(cascade="all, delete-orphan")


class UserFunction(Base):
    __tablename__ = "user_functions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    function: Mapped[Function] = mapped_column(_enum(Function), primary_key=True)


class Review(Base):
    """The review of one order revision against one checklist template version."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("order_revisions.id"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("checklist_templates.id"))
    state: Mapped[ReviewState] = mapped_column(_enum(ReviewState), default=ReviewState.DRAFT)
    decision: Mapped[Decision | None] = mapped_column(_enum(Decision))
    conditions: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date | None]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None]
    #: Stored sector packs (checklist_templates ids) the review adds to its template.
    packs: Mapped[list[int]] = mapped_column(JSON, default=list)
    #: IATF 16949 8.2.3.1.1: the formal review waived with the customer's authorisation.
    waived: Mapped[bool] = mapped_column(Boolean, default=False)
    waiver_note: Mapped[str | None] = mapped_column(Text)
    waiver_evidence_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))
    superseded_at: Mapped[datetime | None]


class ReviewFunction(Base):
    """A function taking part in a review: required by its template, or added or dropped for
    this review with a reason."""

    __tablename__ = "review_functions"

    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), primary_key=True)
    function: Mapped[Function] = mapped_column(_enum(Function), primary_key=True)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    reason: Mapped[str | None] = mapped_column(Text)


class AnswerEvidence(Base):
    """A file attached to a checklist answer as evidence (kept with its SHA-256)."""

    __tablename__ = "answer_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(ForeignKey("review_answers.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewNotice(Base):
    """Someone who must be told that an amendment re-opened their function's part, and when
    they acknowledged it (ISO 9001 8.2.4)."""

    __tablename__ = "review_notices"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    function: Mapped[Function] = mapped_column(_enum(Function))
    reason: Mapped[str] = mapped_column(Text)
    informed_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_at: Mapped[datetime | None]


class ReviewAnswer(Base):
    __tablename__ = "review_answers"
    __table_args__ = (UniqueConstraint("review_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"))
    item_key: Mapped[str] = mapped_column(String(60))
    value: Mapped[Answer | None] = mapped_column(_enum(Answer))
    comment: Mapped[str | None] = mapped_column(Text)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None]
    #: A "No" on an item that needs it: a condition, a clarification, or a justified waiver.
    disposition: Mapped[Disposition | None] = mapped_column(_enum(Disposition))
    disposition_note: Mapped[str | None] = mapped_column(Text)


class Finding(Base):
    """Something an automatic check found in a revision; a person must disposition it."""

    __tablename__ = "findings"
    __table_args__ = (UniqueConstraint("revision_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("order_revisions.id"))
    fingerprint: Mapped[str] = mapped_column(String(64))
    rule: Mapped[str] = mapped_column(String(60))
    kind: Mapped[FindingKind] = mapped_column(_enum(FindingKind))
    severity: Mapped[Severity] = mapped_column(_enum(Severity))
    field: Mapped[str | None] = mapped_column(String(60))
    line_no: Mapped[int | None] = mapped_column(Integer)
    #: The message as rendered when found, in each language the rule book has: {"en": …}.
    messages: Mapped[dict[str, str]] = mapped_column(JSON)
    checklist_item_key: Mapped[str | None] = mapped_column(String(60))
    disposition: Mapped[Disposition | None] = mapped_column(_enum(Disposition))
    disposition_note: Mapped[str | None] = mapped_column(Text)
    dispositioned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    dispositioned_at: Mapped[datetime | None]
    #: Set when the checks, run again, no longer find it (e.g. the catalogue was corrected).
    cleared_at: Mapped[datetime | None]


class Clarification(Base):
    """A question put to the customer; while open it blocks acceptance."""

    __tablename__ = "clarifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    review_id: Mapped[int | None] = mapped_column(ForeignKey("reviews.id"))
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("findings.id"))
    item_key: Mapped[str | None] = mapped_column(String(60))
    question: Mapped[str] = mapped_column(Text)
    raised_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    raised_at: Mapped[datetime] = mapped_column(default=utcnow)
    answer: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None]
    channel: Mapped[str | None] = mapped_column(String(40))
    contact: Mapped[str | None] = mapped_column(String(200))
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    closed_at: Mapped[datetime | None]


class Communication(Base):
    """An entry in an order's customer communication log (ISO 9001 8.2.1)."""

    __tablename__ = "communications"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    kind: Mapped[CommunicationKind] = mapped_column(_enum(CommunicationKind))
    incoming: Mapped[bool] = mapped_column(Boolean, default=True)
    occurred_on: Mapped[date]
    channel: Mapped[str | None] = mapped_column(String(40))
    contact: Mapped[str | None] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    recorded_by: Mapped[str] = mapped_column(String(80))


class CustomerFeedback(Base):
    """Feedback or a complaint a customer gave (ISO 9001 8.2.1 c): owned by someone, due by a
    date, open until closed with a note saying how it was dealt with."""

    __tablename__ = "customer_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[FeedbackKind] = mapped_column(_enum(FeedbackKind))
    received_on: Mapped[date]
    summary: Mapped[str] = mapped_column(Text)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    line_no: Mapped[int | None] = mapped_column(Integer)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    due_on: Mapped[date | None]
    status: Mapped[FeedbackStatus] = mapped_column(
        _enum(FeedbackStatus), default=FeedbackStatus.OPEN
    )
    closing_note: Mapped[str | None] = mapped_column(Text)
    closed_on: Mapped[date | None]
    closed_by: Mapped[str | None] = mapped_column(String(80))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CustomerProperty(Base):
    """Something of the customer's we hold (ISO 9001 8.5.3): material, tooling, gauges,
    drawings, data. Kept until returned; any loss or damage is reported to the customer."""

    __tablename__ = "customer_property"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    item: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[Decimal | None]
    unit: Mapped[str | None] = mapped_column(String(20))
    received_on: Mapped[date]
    condition: Mapped[str] = mapped_column(Text)
    location: Mapped[str] = mapped_column(String(200))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    returned_on: Mapped[date | None]
    return_note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(80))

    incidents: Mapped[list[PropertyIncident]] = relationship(
        back_populates="property", order_by="PropertyIncident.id"
    )


class PropertyIncident(Base):
    """A loss of or damage to a customer's property, and when the customer was told."""

    __tablename__ = "property_incidents"

    id: Mapped[int] = mapped_column(primary_key=True)
    property_id: Mapped[int] = mapped_column(ForeignKey("customer_property.id"), index=True)
    kind: Mapped[IncidentKind] = mapped_column(_enum(IncidentKind))
    occurred_on: Mapped[date]
    description: Mapped[str] = mapped_column(Text)
    reported_on: Mapped[date | None]
    recorded_by: Mapped[str] = mapped_column(String(80))

    property: Mapped[CustomerProperty] = relationship(back_populates="incidents")


class Signature(Base):
    """An electronic signature: who, as which function, meaning what, over which content."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    function: Mapped[Function | None] = mapped_column(_enum(Function))
    meaning: Mapped[str] = mapped_column(String(200))
    printed_name: Mapped[str] = mapped_column(String(200))
    signed_at: Mapped[datetime]
    utc_offset_minutes: Mapped[int] = mapped_column(Integer, default=0)
    content_sha256: Mapped[str] = mapped_column(String(64))
    lapsed_at: Mapped[datetime | None]
    lapse_reason: Mapped[str | None] = mapped_column(Text)
    #: What was signed within the review: "section:<key>" or "decision".
    scope: Mapped[str] = mapped_column(String(80), default="")
    #: The signer's certificate and the signature its key made over ``content_sha256``.
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    signature_value: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: The audit chain's head when it was signed (covered by ``signature_value``; NULL for
    #: signatures made before schema 0008).
    audit_head_seq: Mapped[int | None] = mapped_column(Integer)
    audit_head_mac: Mapped[str | None] = mapped_column(String(64))


class Certificate(Base):
    """A certificate of the local certification authority ("ca"), of a user ("user", with the
    user's private key encrypted by the user's password), or of another CA a user's imported
    key chains to ("chain"). Never deleted: old signatures name the certificate they used."""

    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    serial: Mapped[str] = mapped_column(String(64), unique=True)
    subject: Mapped[str] = mapped_column(String(300))
    certificate_pem: Mapped[str] = mapped_column(Text)
    key_pem: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="local")  # "local" or "pkcs12"
    issued_at: Mapped[datetime]
    not_after: Mapped[datetime]
    superseded_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revocation_reason: Mapped[str | None] = mapped_column(String(40))


class Crl(Base):
    """A certificate revocation list the local CA issued (the newest one is in force)."""

    __tablename__ = "crls"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    issued_at: Mapped[datetime]
    next_update: Mapped[datetime]
    pem: Mapped[str] = mapped_column(Text)


class Record(Base):
    """A generated (and signed) PDF review record. Never modified."""

    __tablename__ = "records"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    language: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    audit_head_seq: Mapped[int] = mapped_column(Integer)
    audit_head_mac: Mapped[str] = mapped_column(String(64))


class Acknowledgement(Base):
    """An order acknowledgement confirmed to the customer after an accepting decision: the PDF
    and workbook as made, kept with the review, and the communication log's entry. Never
    modified."""

    __tablename__ = "acknowledgements"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"), index=True)
    reference: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(10))
    pdf_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    xlsx_file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    communication_id: Mapped[int] = mapped_column(ForeignKey("communications.id"))
    made_by: Mapped[str] = mapped_column(String(80))
    made_at: Mapped[datetime] = mapped_column(default=utcnow)


class MappingProfile(Base):
    """How one customer's spreadsheets map to our fields: header text → field, kept as JSON."""

    __tablename__ = "mapping_profiles"
    __table_args__ = (UniqueConstraint("customer_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    name: Mapped[str] = mapped_column(String(80))
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class RevisionChange(Base):
    """One difference of a revision from what came before it: its previous revision or the
    quotation it refers to. Written with the revision; never changed."""

    __tablename__ = "revision_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("order_revisions.id"), index=True)
    base_revision_id: Mapped[int] = mapped_column(ForeignKey("order_revisions.id"))
    basis: Mapped[str] = mapped_column(String(20))  # "previous" or "quotation"
    change: Mapped[str] = mapped_column(String(20))  # added, removed, changed, header
    line_no: Mapped[int | None] = mapped_column(Integer)
    part_number: Mapped[str | None] = mapped_column(String(80))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)


class AuditEvent(Base):
    """One append-only entry of the audit trail, chained to its predecessor by an HMAC."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str | None] = mapped_column(String(40))
    changes: Mapped[str] = mapped_column(Text)
    prev_mac: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


Index("ix_audit_events_entity", AuditEvent.entity, AuditEvent.entity_id)
# The dashboard's "now" figures (migration 0011): open reviews, orders not yet under review,
# questions still open.
Index("ix_reviews_state", Review.state)
Index("ix_orders_status_kind", Order.status, Order.kind)
Index("ix_clarifications_closed_at", Clarification.closed_at)


class Presence(Base):
    """Who has a review open now: one row per open review window, its heartbeat refreshed
    while it stays open. Not audited (it records no change to anything): written outside the
    audited sessions, and a row older than a few heartbeats counts as gone."""

    __tablename__ = "presence"

    token: Mapped[str] = mapped_column(String(36), primary_key=True)
    review_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    seen_at: Mapped[datetime]
