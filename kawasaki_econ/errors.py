"""Exception types of the package. Every reader raises :class:`IngestError`."""

from __future__ import annotations


class KawasakiEconError(Exception):
    """Base class of all errors raised by kawasaki_econ (CLI exit code 1)."""


class IngestError(KawasakiEconError):
    """A raw file could not be read into a tidy table.

    The message names the file and, where it applies, the sheet, row and column,
    and what was expected.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | str | None = None,
        column: str | None = None,
    ) -> None:
        self.file, self.sheet, self.row, self.column = file, sheet, row, column
        where = [
            f"{label} {value}"
            for label, value in (
                ("file", file),
                ("sheet", sheet),
                ("row", row),
                ("column", column),
            )
            if value is not None
        ]
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class ValidationError(KawasakiEconError):
    """A built table does not satisfy its declared schema."""


class CatalogError(KawasakiEconError):
    """A raw file is missing, unregistered or differs from its catalogue checksum."""


class ComparabilityError(KawasakiEconError):
    """Values of different scope, frame, measure or period type were compared."""


class ForecastError(KawasakiEconError):
    """A forecast cannot be made (e.g. a series with no observation)."""


class ParseError(KawasakiEconError, ValueError):
    """A single cell could not be parsed (readers re-raise it as IngestError with its location)."""


class DataWarning(UserWarning):
    """Something in the raw data deserves a look but is not an error (e.g. a municipality
    present in one SSDSE-A release and missing from the next). The CLI prints it as a
    ``warning:`` line."""
