"""A realistic demo dataset, so a newcomer sees a living program: ``load`` puts it into an
empty database.

Customers in English and Chinese, a catalogue of parts, quotations, and orders that refer to
them, several with amended revisions. The data is made from a fixed seed: the same every time.
Some lines carry the things reviewers must catch (vague dates, a price changed since the
quotation, a revision that is not released) so that later checks have something to find. A year
of past orders and their decisions (:mod:`.history`) gives the dashboard a story.
"""

from __future__ import annotations

from sqlalchemy import func, select, update

from qms_review.core.checks import findings
from qms_review.core.demo import history
from qms_review.core.demo.customers import add_customer_files
from qms_review.core.demo.orders import add_catalogue, add_orders, add_problem_orders
from qms_review.core.demo.people import CA_PASSPHRASE, ORGANISATION, USERS, add_people, password_of
from qms_review.core.demo.reviews import add_reviews
from qms_review.core.identity import users
from qms_review.core.messages import QmsError, one_or_many
from qms_review.core.store.database import Store
from qms_review.core.store.models import Order, OrderRevision, StoreInfo

__all__ = ["CA_PASSPHRASE", "ORGANISATION", "USERS", "load", "password_of"]


def load(store: Store, actor: str) -> int:
    """Load the demo into an empty database; the number of orders created. A database without
    users also gets the demo's users (one per function) and its certification authority; one
    with an organisation's own users (not a demo database) is refused."""
    with store.write(actor) as session:
        existing = session.scalar(select(func.count()).select_from(Order)) or 0
        if existing:
            raise QmsError(
                one_or_many(existing, "error.demo_not_empty_one", "error.demo_not_empty"),
                count=existing,
            )
        if users.needs_setup(session):
            add_people(session)
        elif not store.identity.is_demo:
            # An organisation's own database: its people are not the demo's, and marking it
            # a demo database would put "[DEMO DATABASE]" over real records.
            raise QmsError("error.demo_not_new", users=len(users.people(session)))
        add_catalogue(session)
        created = add_orders(session, actor)
        created += add_problem_orders(session, actor)
        session.execute(update(StoreInfo).values(is_demo=True))
        for revision_id in session.scalars(select(OrderRevision.id).order_by(OrderRevision.id)):
            findings.run(session, revision_id)
        if {login for login, *_ in USERS} <= {p.login for p in users.people(session)}:
            add_reviews(session)
            add_customer_files(session)
            if history.HISTORY:
                created += history.add_history(session, actor)
    return created
