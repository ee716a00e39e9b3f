"""``python -m qms_review``: the same as the ``qms-review`` command (and, with the sandbox's
flag, the child process that reads a spreadsheet: see :mod:`qms_review.core.intake.sandbox`)."""

import sys

if sys.argv[1:2] == ["--read-spreadsheet-in-child"]:
    from qms_review.core.intake.child import child_main

    sys.exit(child_main(sys.argv[2:], leave=True))

from qms_review.cli import main

sys.exit(main())
