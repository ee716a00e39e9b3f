"""The domain's fixed words: kinds of order, states, functions, answers, dispositions. Each
is stored as its string value."""

from __future__ import annotations

import enum


class OrderKind(enum.StrEnum):
    ENQUIRY = "enquiry"
    BID = "bid"
    QUOTATION = "quotation"
    CONTRACT = "contract"
    ORDER = "order"


class OrderStatus(enum.StrEnum):
    RECEIVED = "received"
    IN_REVIEW = "in_review"
    ACCEPTED = "accepted"
    ACCEPTED_WITH_CONDITIONS = "accepted_with_conditions"
    REFERRED_BACK = "referred_back"
    DECLINED = "declined"


class Function(enum.StrEnum):
    """The organisation's functions that own checklist sections and sign them."""

    SALES = "sales"
    ENGINEERING = "engineering"
    PLANNING = "planning"
    PRODUCTION = "production"
    PURCHASING = "purchasing"
    QUALITY = "quality"
    FINANCE = "finance"
    LOGISTICS = "logistics"
    #: Roles rather than functions: the approver decides and signs last; the administrator
    #: manages users and the certification authority.
    APPROVER = "approver"
    ADMINISTRATOR = "administrator"


class PartStatus(enum.StrEnum):
    RELEASED = "released"
    OBSOLETE = "obsolete"


class ReviewState(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    READY_FOR_DECISION = "ready_for_decision"
    DECIDED = "decided"
    SUPERSEDED = "superseded"


class Decision(enum.StrEnum):
    ACCEPTED = "accepted"
    ACCEPTED_WITH_CONDITIONS = "accepted_with_conditions"
    REFERRED_BACK = "referred_back"
    DECLINED = "declined"


class Answer(enum.StrEnum):
    YES = "yes"
    NO = "no"
    NOT_APPLICABLE = "na"


class FindingKind(enum.StrEnum):
    CLARITY = "clarity"
    CAPABILITY = "capability"
    CHANGE = "change"


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Disposition(enum.StrEnum):
    RESOLVED = "resolved"
    CONDITION = "condition"
    CLARIFIED = "clarified"
    WAIVED = "waived"


class CommunicationKind(enum.StrEnum):
    ENQUIRY = "enquiry"
    ORDER = "order"
    CHANGE = "change"
    CLARIFICATION = "clarification"
    CONFIRMATION = "confirmation"
    FEEDBACK = "feedback"
    COMPLAINT = "complaint"


class FeedbackKind(enum.StrEnum):
    """What a customer told us about our products and services (ISO 9001 8.2.1 c)."""

    COMPLAINT = "complaint"
    FEEDBACK = "feedback"
    COMPLIMENT = "compliment"
    SUGGESTION = "suggestion"


class FeedbackStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class IncidentKind(enum.StrEnum):
    """What happened to a customer's property while we held it (ISO 9001 8.5.3)."""

    LOSS = "loss"
    DAMAGE = "damage"
    UNSUITABLE = "unsuitable"
