"""pyHanko reports through :mod:`logging`: a warning with a whole traceback for every
certificate it cannot validate, which Python prints on the console when nothing else takes it.
Our verdicts say what is wrong in a sentence; pyHanko's own lines go only to the program's log
file (when there is one), from errors up."""

from __future__ import annotations

import logging
from functools import cache

LOGGERS = ("pyhanko", "pyhanko_certvalidator")


@cache
def pyhanko_logs() -> None:
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.addHandler(logging.NullHandler())  # never Python's last-resort console handler
        logger.setLevel(logging.ERROR)
