"""``qms-review demo``: the demo dataset, its users and passwords, into an empty database."""

from __future__ import annotations

import argparse

from qms_review.cli.context import EXIT_OK, Command, Context, no_arguments, opened
from qms_review.core import demo as demo_data
from qms_review.core.messages import label, punctuation, text


def demo(ctx: Context, _args: argparse.Namespace) -> int:
    with opened(ctx) as store:
        created = demo_data.load(store, ctx.actor)
    language = ctx.language
    print(text("cli.demo.loaded", language, count=created, url=store.url))
    print(text("cli.demo.users", language))
    separator = punctuation("list_separator", language)
    for login, name, functions in demo_data.USERS:
        shown = separator.join(label("owner", f.value, language) for f in functions)
        print(
            "  "
            + text(
                "cli.demo.user",
                language,
                login=f"{login:<12}",
                password=f"{demo_data.password_of(login):<18}",
                name=name,
                functions=shown,
            )
        )
    print(text("cli.demo.passphrase", language, passphrase=demo_data.CA_PASSPHRASE))
    return EXIT_OK


COMMANDS = {"demo": Command(no_arguments, demo)}
