"""The review: checklist templates, the workflow's rules, the actions of a review,
amendments, clarifications with the customer, and the walkthrough's view of it."""
