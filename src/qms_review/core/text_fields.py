"""What people may type into a text field: no control characters, no bidi overrides.

A comment, a name, a login, an answer, a question or a template's title is shown again on
screens, in terminals and on signed records. An escape sequence (ESC ``[2J`` …) would act on
the terminal of whoever lists it, and a right-to-left override (U+202E) makes a text read
differently from what it holds ("invoice‮fdp.exe"). One check, called by every core
operation that stores such a text (so the GUI and the command line refuse alike), refuses
them and names the field, the position and the character — never echoing the text itself.
Tabs and line breaks stay allowed where a text may have several lines.
"""

from __future__ import annotations

from qms_review.core.messages import Message, QmsError

#: The embedding and override (U+202A–U+202E) and isolate (U+2066–U+2069) controls.
BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
_LINE_BREAKS = frozenset("\t\n\r")


def forbidden(value: str, lines: bool = True) -> tuple[int, str] | None:
    """The first character of ``value`` a text field may not hold, as (position from 1,
    ``U+XXXX``); None when it is clean. ``lines``: tabs and line breaks are allowed."""
    for position, char in enumerate(value, 1):
        code = ord(char)
        control = code < 0x20 or 0x7F <= code <= 0x9F
        if (control and not (lines and char in _LINE_BREAKS)) or char in BIDI_CONTROLS:
            return position, f"U+{code:04X}"
    return None


def checked(value: str, field: str, lines: bool = True) -> str:
    """``value`` unchanged, or :class:`QmsError` ``text.forbidden`` naming the field (its
    label is the message ``field.<field>``), the position and the character."""
    found = forbidden(value, lines)
    if found is not None:
        position, character = found
        raise QmsError(
            "text.forbidden",
            field=Message(f"field.{field}"),
            position=position,
            character=character,
        )
    return value
