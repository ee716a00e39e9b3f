"""QMS Review: contract and order review before committing to supply (ISO 9001:2015 §8.2)."""

# Written out, not read with importlib.metadata: that import alone costs ~40 ms, a third of
# the budget of ``qms-review --version``. tests/core/test_cli_startup.py checks that it equals
# the version in pyproject.toml and in the installed metadata.
__version__ = "0.1.0"
