"""The customer's property we hold (ISO 9001 8.5.3): material, tooling, gauges, packaging,
drawings or data, received in a stated condition and kept at a stated place; any loss or
damage is recorded and reported to the customer (the date they were told is kept); returned
when done with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from qms_review.core.customers import rules
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError
from qms_review.core.store.columns import row_of
from qms_review.core.store.models import CustomerProperty, Order, PropertyIncident
from qms_review.core.store.vocabulary import IncidentKind


@dataclass(frozen=True)
class Received:
    """A piece of the customer's property as it came in."""

    item: str
    received_on: date
    condition: str
    location: str
    quantity: Decimal | str | None = None
    unit: str = ""
    order_id: int | None = None


@dataclass(frozen=True)
class Incident:
    id: int
    kind: IncidentKind
    occurred_on: date
    description: str
    reported_on: date | None
    recorded_by: str


@dataclass(frozen=True)
class Held:
    id: int
    item: str
    quantity: Decimal | None
    unit: str | None
    received_on: date
    condition: str
    location: str
    order_id: int | None
    order_number: str | None
    returned_on: date | None
    return_note: str | None
    recorded_by: str
    incidents: tuple[Incident, ...]

    @property
    def unreported(self) -> int:
        """Losses or damage the customer has not been told of yet."""
        return sum(1 for i in self.incidents if i.reported_on is None)


def add_property(session: Session, person: Person, customer_id: int, received: Received) -> int:
    """Record the customer's property we received; its id."""
    rules.require(person, rules.PROPERTY_KEEPERS, "property")
    customer = rules.customer_row(session, customer_id)
    row = CustomerProperty(
        customer_id=customer.id,
        item=rules.text_needed(received.item, "item", lines=False),
        quantity=rules.quantity(received.quantity),
        unit=rules.optional_text(received.unit, "unit", lines=False),
        received_on=received.received_on,
        condition=rules.text_needed(received.condition, "condition"),
        location=rules.text_needed(received.location, "location", lines=False),
        order_id=rules.order_of(session, customer, received.order_id),
        recorded_by=person.login,
    )
    session.add(row)
    session.flush()
    return row.id


def held(session: Session, property_id: int) -> CustomerProperty:
    """The property numbered ``property_id``; refused when there is none."""
    row = row_of(session, CustomerProperty, property_id)
    if row is None:
        raise QmsError("customer.no_property", id=property_id)
    return row


def report_incident(
    session: Session,
    person: Person,
    property_id: int,
    kind: IncidentKind,
    occurred_on: date,
    description: str,
    reported_on: date | None = None,
) -> int:
    """Record a loss of or damage to the property, and the day the customer was told (None:
    not yet; see :func:`customer_told`); its id."""
    rules.require(person, rules.PROPERTY_KEEPERS, "property")
    row = held(session, property_id)
    rules.not_before(occurred_on, row.received_on, "customer.incident_before_received")
    rules.not_before(reported_on, occurred_on, "customer.reported_before_incident")
    incident = PropertyIncident(
        property_id=row.id,
        kind=IncidentKind(kind),
        occurred_on=occurred_on,
        description=rules.text_needed(description, "description"),
        reported_on=reported_on,
        recorded_by=person.login,
    )
    session.add(incident)
    session.flush()
    return incident.id


def customer_told(session: Session, person: Person, incident_id: int, reported_on: date) -> None:
    """The day the customer was told of a loss or damage recorded earlier."""
    rules.require(person, rules.PROPERTY_KEEPERS, "property")
    row = row_of(session, PropertyIncident, incident_id)
    if row is None:
        raise QmsError("customer.no_incident", id=incident_id)
    if row.reported_on is not None:
        raise QmsError("customer.incident_reported", id=incident_id, date=row.reported_on)
    rules.not_before(reported_on, row.occurred_on, "customer.reported_before_incident")
    row.reported_on = reported_on


def return_property(
    session: Session, person: Person, property_id: int, returned_on: date, note: str = ""
) -> None:
    """The property went back to the customer (or was used up or scrapped with their consent:
    the note says which)."""
    rules.require(person, rules.PROPERTY_KEEPERS, "property")
    row = held(session, property_id)
    if row.returned_on is not None:
        raise QmsError("customer.property_returned", id=property_id, date=row.returned_on)
    rules.not_before(returned_on, row.received_on, "customer.returned_before_received")
    row.returned_on = returned_on
    row.return_note = rules.optional_text(note, "note")


def property_of(session: Session, customer_id: int) -> list[Held]:
    """The customer's property, newest first, each with its losses and damage."""
    query = (
        select(CustomerProperty, Order.number)
        .outerjoin(Order, CustomerProperty.order_id == Order.id)
        .where(CustomerProperty.customer_id == customer_id)
        .options(selectinload(CustomerProperty.incidents))
        .order_by(CustomerProperty.received_on.desc(), CustomerProperty.id.desc())
    )
    return [
        Held(
            r.id,
            r.item,
            r.quantity,
            r.unit,
            r.received_on,
            r.condition,
            r.location,
            r.order_id,
            number,
            r.returned_on,
            r.return_note,
            r.recorded_by,
            tuple(
                Incident(i.id, i.kind, i.occurred_on, i.description, i.reported_on, i.recorded_by)
                for i in r.incidents
            ),
        )
        for r, number in session.execute(query)
    ]
