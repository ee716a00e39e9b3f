"""The demo's people: one user per function (English and Chinese names), their passwords,
and the demo CA."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qms_review.core.identity import users
from qms_review.core.store.models import User
from qms_review.core.store.vocabulary import (
    Function,
)

#: The demo's people: login (also the start of the password), printed name, functions.
USERS: tuple[tuple[str, str, tuple[Function, ...]], ...] = (
    ("admin", "Alex Morgan", (Function.ADMINISTRATOR,)),
    ("approver", "Margaret Okafor", (Function.APPROVER, Function.SALES)),
    ("sales", "王丽 Wang Li", (Function.SALES,)),
    ("engineering", "张伟 Zhang Wei", (Function.ENGINEERING,)),
    ("planning", "Sarah Weber", (Function.PLANNING, Function.LOGISTICS)),
    ("production", "李强 Li Qiang", (Function.PRODUCTION,)),
    ("purchasing", "陈静 Chen Jing", (Function.PURCHASING,)),
    ("quality", "James Carter", (Function.QUALITY,)),
    ("finance", "刘洋 Liu Yang", (Function.FINANCE,)),
)


ORGANISATION = "Demo Precision Ltd 演示精密"


#: The demo CA's passphrase: a real one is chosen by the administrator and stored nowhere.
CA_PASSPHRASE = "demo-ca-passphrase"


def password_of(login: str) -> str:
    """A demo user's password (shown by the demo command and in the README)."""
    return f"{login}-demo"


def add_people(session: Session) -> None:
    (admin, name, _functions), *others = USERS
    users.setup(session, ORGANISATION, admin, name, password_of(admin), CA_PASSPHRASE)
    for login, display_name, functions in others:
        users.add_user(session, login, display_name, functions, password_of(login), CA_PASSPHRASE)
        session.scalars(select(User).where(User.login == login)).one().must_change_password = False
