"""``python -m qms_review``: the same as the ``qms-review`` command."""

import sys

from qms_review.cli import main

sys.exit(main())
