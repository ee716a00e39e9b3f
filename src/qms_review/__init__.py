"""QMS Review: contract and order review before committing to supply (ISO 9001:2015 §8.2)."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("qms-review")
except PackageNotFoundError:  # frozen build without metadata
    __version__ = "0.1.0"
