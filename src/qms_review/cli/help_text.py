"""``--help`` in the user's language.

The help texts are written in English where the arguments are declared (as the GUI's strings
are in its source); the catalogues translate them under ``msgctxt "cli-help"``, with the English
text as ``msgid``. :class:`Formatter` looks each text up when help is printed — descriptions,
argument help, section headings and argparse's own "usage:" and "show this help message and
exit" — so building a parser costs nothing more, and a text with no translation stays English.
:func:`every_text` walks a whole command tree (every command's module imported) for
``tools/catalogues.py extract`` and the test that every text is translated.
"""

from __future__ import annotations

import argparse
import functools
import os

#: The ``msgctxt`` of the command line's help texts.
CONTEXT = "cli-help"
#: argparse's own texts that ``--help`` shows (from its English source).
ARGPARSE = ("usage: ", "positional arguments", "options", "show this help message and exit")


@functools.cache
def _language() -> str:
    from qms_review.cli import context
    from qms_review.core.store import paths

    return context.language_of(paths.data_dir(os.environ), os.environ)


def translated(english: str, language: str | None = None) -> str:
    """``english`` in ``language`` (default: the settings', else the system's)."""
    from qms_review.core import catalogues

    found = catalogues.catalogue(language or _language()).pgettext(CONTEXT, english)
    return found or english


class Formatter(argparse.HelpFormatter):
    """argparse's formatter with every text looked up in the catalogues.

    Overrides ``_get_help_string`` (the hook ``ArgumentDefaultsHelpFormatter`` uses), besides
    the public ``start_section`` and ``add_usage``; descriptions are the parser's
    (:func:`described`), so ``--version`` looks nothing up."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return translated(action.help) if action.help else action.help

    def start_section(self, heading: str | None) -> None:
        super().start_section(translated(heading) if heading else heading)

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(
            usage, actions, groups, translated("usage: ") if prefix is None else prefix
        )


def described(parser: argparse.ArgumentParser) -> str:
    """``parser``'s help with its description translated too."""
    english = parser.description
    if english:
        parser.description = translated(english.strip())
    try:
        return argparse.ArgumentParser.format_help(parser)
    finally:
        parser.description = english


def every_text(parser: argparse.ArgumentParser) -> list[str]:
    """Every help text of ``parser`` and of its commands, each command's module imported so
    its arguments are declared; in order, once each."""
    found: list[str] = list(ARGPARSE)
    _walk(parser, found)
    return list(dict.fromkeys(t for t in found if t))


def _walk(parser: argparse.ArgumentParser, found: list[str]) -> None:
    declare = getattr(parser, "declare", None)
    if declare is not None:
        declare()  # a command's parser declares its arguments when reached
    if parser.description:
        found.append(parser.description.strip())
    for group in parser._action_groups:  # argparse has no public walk
        if group.title:
            found.append(group.title)
    for action in parser._actions:
        if action.help and action.help != argparse.SUPPRESS:
            found.append(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    found.append(choice.help)
            for sub in dict.fromkeys(action.choices.values()):
                _walk(sub, found)
