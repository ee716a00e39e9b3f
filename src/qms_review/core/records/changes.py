"""What changed in a PDF after a revision, in words a reader understands: the pages' content
(or their annotations), the form fields (a value added, removed or changed, a field added), or
the attachments. pyHanko's difference analysis judges whether a change is allowed; this names
what the change touched, by comparing the document as it was at a signed revision with the
document as it is.

The filling of an empty signature field is not a change here: that signature is checked on its
own. Validation data added for long-term validation (the DSS) is not a change either.
"""

from __future__ import annotations

import hashlib
from typing import Any

PAGES, FIELDS, ATTACHMENTS = "pages", "fields", "attachments"
#: The order the kinds of change are reported in.
KINDS = (PAGES, FIELDS, ATTACHMENTS)


def since(reader: Any, revision: int) -> list[str]:
    """The kinds of change (:data:`KINDS`) between ``revision`` (0 = the oldest) and now."""
    then = reader.get_historical_resolver(revision)
    found = []
    if _pages(then) != _pages(reader):
        found.append(PAGES)
    if _fields_changed(_fields(then), _fields(reader)):
        found.append(FIELDS)
    if _attachments(then) != _attachments(reader):
        found.append(ATTACHMENTS)
    return found


def _get(dictionary: Any, key: str) -> Any:
    try:
        return dictionary[key]
    except (KeyError, TypeError):
        return None


def _ref_id(dictionary: Any, key: str) -> object:
    """The object number a key refers to (its identity), or its value when direct."""
    try:
        raw = dictionary.raw_get(key)
    except (KeyError, AttributeError):
        return None
    return getattr(raw, "idnum", None) or repr(raw)


def _digest(stream: Any) -> str:
    try:
        return hashlib.sha256(stream.get_object().data).hexdigest()
    except (AttributeError, TypeError, ValueError, NotImplementedError):
        return "unreadable"


def _pages(handler: Any) -> list[tuple[Any, ...]]:
    """Each page's content digests, annotation objects and size, in page order."""
    found: list[tuple[Any, ...]] = []

    def walk(node: Any, depth: int = 0) -> None:
        node = node.get_object()
        kids = _get(node, "/Kids")
        if kids is not None and depth < 32:
            for kid in kids:
                walk(kid, depth + 1)
            return
        contents = _get(node, "/Contents")
        streams = list(contents) if isinstance(contents, list) else [contents]
        annots = _get(node, "/Annots") or []
        found.append(
            (
                tuple(_digest(s) for s in streams if s is not None),
                tuple(getattr(a, "idnum", repr(a)) for a in annots),
                repr(_get(node, "/MediaBox")),
                _ref_id(node, "/Resources"),
            )
        )

    pages = _get(handler.root, "/Pages")
    if pages is not None:
        walk(pages)
    return found


def _fields(handler: Any) -> dict[str, tuple[str, object]]:
    """Every terminal form field: full name → (type, value's identity)."""
    found: dict[str, tuple[str, object]] = {}

    def walk(field: Any, prefix: str, kind: str, depth: int = 0) -> None:
        field = field.get_object()
        name = _get(field, "/T")
        full = f"{prefix}.{name}" if prefix and name is not None else str(name or prefix)
        kind = str(_get(field, "/FT") or kind)
        kids = _get(field, "/Kids")
        named_kids = [k for k in kids or [] if _get(k.get_object(), "/T") is not None]
        if named_kids and depth < 32:
            for kid in named_kids:
                walk(kid, full, kind, depth + 1)
            return
        value = _ref_id(field, "/V") if _get(field, "/V") is not None else None
        found[full] = (kind, value)

    form = _get(handler.root, "/AcroForm")
    for field in _get(form, "/Fields") or []:
        walk(field, "", "")
    return found


def _fields_changed(
    then: dict[str, tuple[str, object]], now: dict[str, tuple[str, object]]
) -> bool:
    if set(then) != set(now):
        return True
    for name, (kind, value) in then.items():
        if kind == "/Sig" and value is None:
            continue  # an empty signature field since filled: that signature is checked itself
        if now[name] != (kind, value):
            return True
    return False


def _attachments(handler: Any) -> dict[str, str]:
    """Embedded files: name → digest of the data."""
    found: dict[str, str] = {}

    def walk(node: Any, depth: int = 0) -> None:
        node = node.get_object()
        names = _get(node, "/Names") or []
        for n in range(0, len(names) - 1, 2):
            spec = names[n + 1].get_object()
            found[str(names[n])] = _digest(_get(_get(spec, "/EF"), "/F"))
        for kid in _get(node, "/Kids") or []:
            if depth < 32:
                walk(kid, depth + 1)

    tree = _get(_get(handler.root, "/Names"), "/EmbeddedFiles")
    if tree is not None:
        walk(tree)
    return found
