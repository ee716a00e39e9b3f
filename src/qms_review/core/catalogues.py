"""The translation catalogues: one gettext catalogue per language, found as files.

``resources/translations/<language>.po`` is what people edit; the ``.mo`` beside it is what the
program reads (with the standard library's :mod:`gettext`, so nothing heavy at start-up and no
Qt in core). One catalogue holds both areas of a language, told apart by ``msgctxt``: ``core``
for the messages core renders (``msgid`` = the message key, e.g. ``error.db_too_new``) and the
Qt class name for the GUI's ``tr()`` strings; ``punctuation`` holds the few marks that
differ by language (``，`` for ``, ``) (``msgid`` = the English source). ``en.po`` holds
the English texts of the core keys; the GUI's English is its source code.

The languages offered are the catalogues present, each named by its ``Language-Name`` header,
so adding a language is adding files. A language falls back along :func:`chain`
(``zh_CN`` → ``zh`` → ``en``); a key missing in a language is looked up in the next one.
"""

from __future__ import annotations

import functools
import gettext
import struct
from collections.abc import Mapping
from pathlib import Path

from qms_review.resources import resource, resources_dir

FOLDER = "translations"
#: The language the core keys' texts and the GUI's sources are written in.
SOURCE = "en"
#: The ``msgctxt`` of core messages.
CORE = "core"
#: The ``msgctxt`` of a language's punctuation (``list_separator``, ``colon``).
PUNCTUATION = "punctuation"


@functools.cache
def chain(language: str) -> tuple[str, ...]:
    """The languages to look in, most specific first, ending in English: ``"zh_CN.UTF-8"`` →
    ``("zh_CN", "zh", "en")``. Accepts POSIX locale names and ``zh-CN`` alike."""
    code = language.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    found = [code, code.split("_", 1)[0], SOURCE]
    return tuple(dict.fromkeys(c for c in found if c))


def folder() -> Path:
    return resource(FOLDER)


def catalogue(language: str) -> gettext.NullTranslations:
    """The catalogue of ``language`` with its fallbacks chained behind it (an empty one, which
    returns every key as it is, if there is none at all)."""
    return _chained(resources_dir(), language)


@functools.cache
def _chained(resources: Path, language: str) -> gettext.NullTranslations:
    # Each chain loads its own objects: add_fallback links them in place.
    first: gettext.NullTranslations | None = None
    for code in chain(language):
        loaded = _read(resources / FOLDER / f"{code}.mo")
        if loaded is None:
            continue
        if first is None:
            first = loaded
        else:
            first.add_fallback(loaded)
    return first if first is not None else gettext.NullTranslations()


def _read(path: Path) -> gettext.GNUTranslations | None:
    try:
        with path.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    except FileNotFoundError:
        return None


def available() -> dict[str, str]:
    """The languages there are catalogues for: code → the language's own name, English first."""
    return dict(_available(folder()))


@functools.cache
def _available(where: Path) -> tuple[tuple[str, str], ...]:
    found = {path.stem: _name(path) for path in sorted(where.glob("*.mo"))}
    found.setdefault(SOURCE, "English")
    return tuple(sorted(found.items(), key=lambda item: (item[0] != SOURCE, item[0])))


def _name(path: Path) -> str:
    """The ``Language-Name`` of a compiled catalogue, from its header alone (the command line
    lists the languages on every start; the catalogues themselves are read when used)."""
    data = path.read_bytes()
    order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
    _, count, originals, translations = struct.unpack(f"{order}4I", data[4:20])
    if count:
        length, _ = struct.unpack(f"{order}2I", data[originals : originals + 8])
        if length == 0:  # the header is the translation of the empty msgid, sorted first
            size, at = struct.unpack(f"{order}2I", data[translations : translations + 8])
            for line in data[at : at + size].decode("utf-8", "replace").splitlines():
                key, _, value = line.partition(":")
                if key.strip().lower() == "language-name" and value.strip():
                    return value.strip()
    return path.stem


def match(language: str) -> str | None:
    """The available language that serves ``language`` along its :func:`chain` — a sibling
    if need be (``zh_TW`` → ``zh_CN``) — or None if none does (``de_AT`` without German)."""
    if not language.strip():
        return None
    have = available()
    codes = chain(language)
    # The chain ends in English for lookups; only a language that is English asks for it.
    asked = codes if codes[0].split("_", 1)[0] == SOURCE else codes[:-1]
    for code in asked:
        if code in have:
            return code
        # A regional variant we lack is better served by a sibling than by English.
        sibling = next((c for c in have if c.split("_", 1)[0] == code.split("_", 1)[0]), None)
        if sibling is not None:
            return sibling
    return None


def best(language: str) -> str:
    """The available language that serves ``language`` best: its :func:`match`, else English
    (so a system locale ``zh_CN.UTF-8`` gives ``zh_CN``, ``de_AT`` gives ``en``)."""
    return match(language) or SOURCE


#: Where POSIX programs find the user's language, in gettext's order.
ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def from_environment(env: Mapping[str, str]) -> str:
    """The locale the environment asks for (``LANG=zh_CN.UTF-8`` → ``zh_CN.UTF-8``), or ""."""
    for name in ENVIRONMENT:
        value = env.get(name, "").split(":", 1)[0]
        if value:
            return value
    return ""
