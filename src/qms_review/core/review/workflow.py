"""The rules of a review, as pure functions over a snapshot: which actions each state allows,
and what still blocks a decision. The GUI and the command line obey the same ones, because both
act through :mod:`qms_review.core.review.actions`, which asks here first.

States: draft → in review → ready for decision → decided, and superseded when a newer revision
of the order replaces the one reviewed. A decision needs (ISO 9001 8.2.3, IATF 16949 8.2.3.1.1):
every mandatory applicable item answered by someone holding the owning function; every "No"
that needs it dispositioned; every finding dispositioned; every required function's sections
signed; no open clarification (unless the order is referred back); conditions written when
accepting with conditions; a verbal order's written confirmation recorded before accepting;
and for a waived formal review (IATF), the customer's authorisation with its evidence.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from qms_review.core.messages import Message, QmsError, Texts, labelled
from qms_review.core.store.vocabulary import Decision, Function, ReviewState


class Action(enum.StrEnum):
    ANSWER = "answer"
    DISPOSITION = "disposition"
    CLARIFY = "clarify"
    SIGN = "sign"
    SUBMIT = "submit"
    REOPEN = "reopen"
    DECIDE = "decide"
    SUPERSEDE = "supersede"
    SET_FUNCTIONS = "set_functions"
    WAIVE = "waive"


_WORK = {
    Action.ANSWER,
    Action.DISPOSITION,
    Action.CLARIFY,
    Action.SIGN,
    Action.SET_FUNCTIONS,
    Action.WAIVE,
    Action.SUPERSEDE,
}
ALLOWED: dict[ReviewState, frozenset[Action]] = {
    ReviewState.DRAFT: frozenset(_WORK),
    ReviewState.IN_REVIEW: frozenset(_WORK | {Action.SUBMIT}),
    ReviewState.READY_FOR_DECISION: frozenset(
        {Action.CLARIFY, Action.REOPEN, Action.DECIDE, Action.SUPERSEDE}
    ),
    ReviewState.DECIDED: frozenset({Action.SUPERSEDE}),
    ReviewState.SUPERSEDED: frozenset(),
}
#: Who may do what beyond holding the function an item or section belongs to.
APPROVER_ACTIONS = frozenset({Action.DECIDE, Action.REOPEN, Action.SET_FUNCTIONS, Action.WAIVE})


def refusal(state: ReviewState, action: Action, functions: frozenset[Function]) -> QmsError | None:
    """Why ``action`` may not happen in ``state`` by someone holding ``functions`` (None: it
    may, as far as state and role go; the gates are checked separately)."""
    if action not in ALLOWED[state]:
        return QmsError("review.not_now", **_named("action", action), **_named("state", state))
    if action in APPROVER_ACTIONS and Function.APPROVER not in functions:
        return QmsError("review.approver_only", **_named("action", action))
    return None


def _named(prefix: str, value: enum.StrEnum) -> dict[str, Message]:
    """A state's or action's name, rendered in the language of the message that shows it."""
    return {prefix: labelled(f"review_{prefix}", value.value)}


@dataclass(frozen=True)
class Blocker:
    """One thing that stands between the review and a decision, and where it is."""

    kind: str  # answer, answer_disposition, finding, signature, broken, clarification,
    #            conditions, verbal, waiver
    key: str  # item key, finding id, section key, clarification id, …
    section: str | None = None
    #: What people read for the key and the section (an item's or finding's own text, the
    #: section's title, in every language); the keys themselves when unknown.
    name: Texts | None = field(default=None, compare=False)
    section_name: Texts | None = field(default=None, compare=False)

    def message(self, keyed: bool = False) -> QmsError:
        """What people read; ``keyed``: a section's key beside its title, for the command line
        (where sections are named by either)."""
        suffix = "_keyed" if keyed and self.kind in ("signature", "broken") else ""
        return QmsError(
            f"review.blocker.{self.kind}{suffix}",
            key=self.key,
            name=self.name or self.key,
            section=self.section_name or self.section or "",
        )


@dataclass(frozen=True)
class Snapshot:
    """What the gates look at (made by :func:`qms_review.core.review.actions.snapshot`)."""

    state: ReviewState
    waived: bool = False
    waiver_evidence: bool = False
    verbal: bool = False
    verbal_confirmed: bool = False
    unanswered: tuple[tuple[str, str], ...] = ()  # (section, item) mandatory applicable
    wrongly_answered: tuple[tuple[str, str], ...] = ()  # answered by someone without the function
    undispositioned_no: tuple[tuple[str, str], ...] = ()
    open_findings: tuple[tuple[str | None, int], ...] = ()  # (section, finding id)
    unsigned: tuple[str, ...] = ()  # sections of required functions without a valid signature
    #: Sections whose signature is broken (the signed data changed): not signed.
    broken: tuple[str, ...] = ()
    open_clarifications: tuple[int, ...] = ()
    conditions: str | None = None
    extra: dict[str, str] = field(default_factory=dict)
    #: What people read for a section key, an item key or a finding id (as text).
    names: dict[str, Texts] = field(default_factory=dict)

    def named(self, kind: str, key: str, section: str | None = None) -> Blocker:
        """The blocker with the texts people read for its key and section."""
        return Blocker(
            kind, key, section, self.names.get(key), self.names.get(section) if section else None
        )


def ready_blockers(snap: Snapshot) -> list[Blocker]:
    """What keeps the review from being ready for a decision (in the order of the checklist)."""
    if snap.waived:
        return [] if snap.waiver_evidence else [Blocker("waiver", "evidence")]
    found = [snap.named("answer", item, section) for section, item in snap.unanswered]
    found += [snap.named("answered_by", item, section) for section, item in snap.wrongly_answered]
    found += [
        snap.named("answer_disposition", item, section) for section, item in snap.undispositioned_no
    ]
    found += [snap.named("finding", str(fid), section) for section, fid in snap.open_findings]
    found += [snap.named("signature", section, section) for section in snap.unsigned]
    found += [snap.named("broken", section, section) for section in snap.broken]
    return found


def decision_blockers(snap: Snapshot, decision: Decision, conditions: str | None) -> list[Blocker]:
    """What keeps ``decision`` from being taken now."""
    found = ready_blockers(snap)
    if decision is not Decision.REFERRED_BACK:
        found += [Blocker("clarification", str(c)) for c in snap.open_clarifications]
    if decision is Decision.ACCEPTED_WITH_CONDITIONS and not (conditions or "").strip():
        found.append(Blocker("conditions", "conditions"))
    accepting = decision in (Decision.ACCEPTED, Decision.ACCEPTED_WITH_CONDITIONS)
    if accepting and snap.verbal and not snap.verbal_confirmed:
        found.append(Blocker("verbal", "confirmation"))
    return found
