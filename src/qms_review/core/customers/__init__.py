"""The customer's file: everything we have from and about one customer, across their orders.

``file`` reads it (enquiries, bids and orders with their revisions, reviews and decisions; the
communication log of all their orders; feedback and complaints; property we hold) and finds
customers by what their file holds; ``feedback`` records feedback and complaints and closes
them (ISO 9001 8.2.1 c); ``custody`` keeps the customer's property we hold, its loss or damage
and its return (ISO 9001 8.5.3). Every write goes through the ORM and so into the audit trail,
and ``store.replay`` checks today's rows against it.
"""
