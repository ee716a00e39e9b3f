"""``qms-review demo``: the demo dataset, its users and passwords, into an empty database."""

from __future__ import annotations

import argparse

from qms_review.cli.context import EXIT_OK, Command, Context, no_arguments, opened
from qms_review.core import demo as demo_data


def demo(ctx: Context, _args: argparse.Namespace) -> int:
    with opened(ctx) as store:
        created = demo_data.load(store, ctx.actor)
    print(f"Loaded the demo: {created} orders and quotations into {store.url}")
    print("Demo users (login / password — functions):")
    for login, name, functions in demo_data.USERS:
        print(
            f"  {login:<12} {demo_data.password_of(login):<18} {name} — "
            f"{', '.join(f.value for f in functions)}"
        )
    print(f"The demo CA passphrase (to add users): {demo_data.CA_PASSPHRASE}")
    return EXIT_OK


COMMANDS = {"demo": Command(no_arguments, demo)}
