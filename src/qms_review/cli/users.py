"""``qms-review user add|list|deactivate|activate|functions|reset-password|revoke`` and
``ca export``: users and the organisation's certification authority.

Passwords and passphrases are read without echo (:func:`~qms_review.cli.context.secret`),
never from arguments. Changing users needs an administrator's login and password, except for
the very first user, who becomes the administrator and creates the organisation's
certification authority.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from qms_review.cli.context import EXIT_OK, Command, Context, opened, secret
from qms_review.core.identity import authentication, certificates, users
from qms_review.core.identity.users import Person
from qms_review.core.messages import QmsError, label, punctuation, text
from qms_review.core.store.database import Store
from qms_review.core.store.vocabulary import Function


def user_arguments(parser: argparse.ArgumentParser) -> None:
    functions = [f.value for f in Function]
    actions = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="add a user (the first one becomes the administrator)")
    add.add_argument("login", metavar="LOGIN")
    add.add_argument("--name", required=True, help="the name printed on signatures")
    add.add_argument(
        "--function",
        action="append",
        choices=functions,
        default=[],
        help="a function the user answers and signs for (repeat for several)",
    )
    add.add_argument("--organisation", help="first user only: the organisation's name for its CA")
    actions.add_parser("list", help="list the users, their functions and state")
    own = actions.add_parser(
        "password", help="change your own password (needed after an administrator set it)"
    )
    own.add_argument("login", metavar="LOGIN")
    for name, help_line in (
        ("deactivate", "deactivate a user (users are never deleted)"),
        ("activate", "make a deactivated user active again"),
        ("reset-password", "give a user a temporary password and a new key"),
        ("revoke", "revoke a user's certificate (key compromise) and issue a CRL"),
        ("functions", "set the functions a user holds"),
    ):
        sub = actions.add_parser(name, help=help_line)
        sub.add_argument("login", metavar="LOGIN")
        if name == "functions":
            sub.add_argument("--function", action="append", choices=functions, required=True)
    for sub in (
        add,
        *(
            actions.choices[n]
            for n in ("deactivate", "activate", "reset-password", "revoke", "functions")
        ),
    ):
        sub.add_argument("--admin", metavar="LOGIN", help="the administrator doing this")


def _administrator(store: Store, login: str | None, language: str) -> Person:
    """The administrator doing a change, proven by their password now."""
    if not login:
        raise QmsError("cli.admin_needed")
    person = authentication.check_password(
        store,
        login,
        secret(text("cli.prompt.password_of", language, login=login), language),
        "administration",
    )
    if not person.is_admin:
        raise QmsError("cli.not_admin", login=login)
    return person


def user(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=args.user_command == "add") as store:
        with store.read() as session:
            first = users.needs_setup(session)
        if args.user_command == "list":
            with store.read() as session:
                found = users.people(session)
            language = ctx.language
            separator = punctuation("list_separator", language)
            for p in found:
                states = [text("cli.user.active" if p.active else "cli.user.inactive", language)]
                if p.locked():
                    states.append(text("cli.user.locked", language))
                if p.must_change_password:
                    states.append(text("cli.user.must_change", language))
                names = separator.join(label("owner", f.value, language) for f in p.functions)
                print(
                    text(
                        "cli.user.listed",
                        language,
                        login=f"{p.login:<16}",
                        name=f"{p.display_name:<24}",
                        functions=f"{names:<40}",
                        state=separator.join(states),
                        certificate=p.certificate_serial or "—",
                    )
                )
            return EXIT_OK
        if args.user_command == "password":
            return _own_password(store, args.login, ctx.language)
        if args.user_command == "add" and first:
            return _setup(store, args, ctx.language)
        admin = _administrator(store, args.admin, ctx.language)
        with store.write(admin.actor) as session:
            done = _change(session, args, admin, ctx.language)
    print(done)
    return EXIT_OK


def _own_password(store: Store, login: str, language: str) -> int:
    """A user changes their own password: the current one, then the new one twice."""
    old = secret(text("cli.prompt.password_of", language, login=login), language)
    new = secret(text("cli.prompt.new_password", language, login=login), language, confirm=True)
    person = authentication.change_password(store, login, old, new)
    print(text("cli.user.password_changed", language, login=person.login))
    return EXIT_OK


def _setup(store: Store, args: argparse.Namespace, language: str) -> int:
    if not args.organisation:
        raise QmsError("cli.organisation_needed")
    password = secret(
        text("cli.prompt.password_for", language, login=args.login), language, confirm=True
    )
    passphrase = secret(text("cli.prompt.new_ca_passphrase", language), language, confirm=True)
    with store.write(users.actor_of(args.login)) as session:
        person = users.setup(
            session, args.organisation, args.login, args.name, password, passphrase
        )
    print(text("cli.user.set_up", language, organisation=args.organisation, login=person.login))
    return EXIT_OK


def _change(session: Any, args: argparse.Namespace, admin: Person, language: str) -> str:
    command = args.user_command

    def ca_passphrase() -> str:
        return secret(text("cli.prompt.ca_passphrase", language), language)

    if command == "add":
        password = secret(
            text("cli.prompt.first_password", language, login=args.login), language, confirm=True
        )
        person = users.add_user(
            session, args.login, args.name, args.function, password, ca_passphrase()
        )
        return text(
            "cli.user.added",
            language,
            login=person.login,
            name=person.display_name,
            certificate=person.certificate_serial,
        )
    if command in ("deactivate", "activate"):
        if command == "deactivate" and args.login == admin.login:
            raise QmsError("identity.last_admin")
        users.set_active(session, args.login, command == "activate")
        now = "cli.user.now_active" if command == "activate" else "cli.user.now_inactive"
        return text(now, language, login=args.login)
    if command == "functions":
        person = users.set_functions(session, args.login, args.function)
        names = punctuation("list_separator", language).join(
            label("owner", f.value, language) for f in person.functions
        )
        return text("cli.user.functions", language, login=person.login, functions=names)
    if command == "reset-password":
        temporary = secret(
            text("cli.prompt.temporary_password", language, login=args.login),
            language,
            confirm=True,
        )
        person = authentication.reset_password(session, args.login, temporary, ca_passphrase())
        return text(
            "cli.user.reset", language, login=person.login, certificate=person.certificate_serial
        )
    number = users.revoke(session, args.login, ca_passphrase())
    return text("cli.user.revoked", language, login=args.login, number=number)


def ca_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="ca_command", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export",
        help="save the CA certificate (.pem, or .cer/.der) for PDF "
        "readers and other programs to trust",
    )
    export.add_argument("path", type=Path, metavar="PATH")


def ca(ctx: Context, args: argparse.Namespace) -> int:
    with opened(ctx, create=False) as store, store.read() as session:
        path = certificates.export_ca(session, args.path)
    print(text("cli.ca.saved", ctx.language, path=path))
    return EXIT_OK


COMMANDS = {"user": Command(user_arguments, user), "ca": Command(ca_arguments, ca)}
