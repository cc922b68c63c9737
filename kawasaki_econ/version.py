"""The package version (one place; the package and the report footers read it)."""

__version__ = "0.1.0"
