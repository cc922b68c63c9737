"""Exception types of the package. Every reader raises :class:`IngestError`."""

from __future__ import annotations


class KawasakiEconError(Exception):
    """Base class of all errors raised by kawasaki_econ (CLI exit code 1).

    The message is English (``str(exc)``); an error shown to Japanese users may also carry
    the same sentence in Japanese, which :meth:`text` picks by language. Pickling and
    copies keep both texts (errors cross process boundaries).

    Parameters
    ----------
    message : str
        The English sentence: what went wrong and what to do.
    ja : str, optional
        The same sentence in Japanese (same facts, numbers and identifiers).

    Attributes
    ----------
    ja : str or None
        The Japanese sentence, ``None`` when none was given.

    Examples
    --------
    >>> exc = KawasakiEconError("the series is empty", ja="系列が空")
    >>> str(exc), exc.text("ja"), exc.text("en")
    ('the series is empty', '系列が空', 'the series is empty')
    """

    ja: str | None = None  # also for a subclass whose __init__ skips this one's

    def __init__(self, message: str, *, ja: str | None = None) -> None:
        super().__init__(message)
        self.ja = ja

    def text(self, lang: str) -> str:
        """The message in ``lang``.

        Parameters
        ----------
        lang : str
            ``'ja'`` for the Japanese sentence, anything else (``'en'``) for the English.

        Returns
        -------
        str
            The Japanese sentence for ``'ja'`` when the error has one, else ``str(self)``.

        Examples
        --------
        >>> ForecastError("--by 2027 is ambiguous", ja="--by 2027 は曖昧").text("ja")
        '--by 2027 は曖昧'
        >>> ForecastError("no Japanese given").text("ja")
        'no Japanese given'
        """
        return self.ja if lang == "ja" and self.ja else str(self)

    def __reduce__(self):
        """Rebuilt from the class, the arguments and the attributes (``ja`` among them)
        without calling ``__init__``: a subclass whose ``__init__`` takes other arguments
        (e.g. IngestError's location) pickles the same way."""
        return _rebuild, (type(self), self.args, dict(self.__dict__))


def _rebuild(cls: type, args: tuple, state: dict) -> KawasakiEconError:
    """An unpickled error: ``cls`` with ``args`` and the attributes of ``state``."""
    exc = cls.__new__(cls, *args)
    exc.args = args
    exc.__dict__.update(state)
    return exc


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
