"""Forecast tables that print rounded to their unit: :class:`UnitFrame`.

The forecast, annual, hindcast and driver tables of an
:class:`~kawasaki_econ.forecast.result.AttainmentResult` and the status board of
:func:`~kawasaki_econ.forecast.overview.status_board` are ``UnitFrame`` objects: pandas
DataFrames (a documented subclass, see pandas' "Subclassing pandas data structures") whose
printed forms — ``print(df)`` / ``repr(df)``, ``df.to_string()`` and the notebook (HTML)
view — show

* the columns in the indicator's unit rounded to that unit's precision
  (:func:`~kawasaki_econ.forecast.units.unit_decimals`: counts as whole numbers with
  thousands separators, ``2,372,614``; percentages with one decimal), and
* fractions (probabilities, the hindcast's ``error_pct``) as percentages (``87.3%``,
  ``+4.1%``).

The numbers underneath are unchanged floats: ``df["median"].iloc[0]``, ``df.to_numpy()``,
``df.to_csv()`` and ``df.to_dict()`` give the full values.

A selection that keeps the values as they are — ``df[mask]``, ``df[["period", "median"]]``,
``df.head()``, ``df.tail()`` — is again a ``UnitFrame`` with the same formats. Every other
derived frame (``loc`` / ``iloc``, ``copy()``, arithmetic, ``merge``, ``describe()``,
``pd.DataFrame(df)``) is a plain ``DataFrame`` and prints as pandas does: its numbers may no
longer be in the unit. ``df.to_string(float_format=…)`` or ``formatters=…`` prints with the
formats given instead, and :meth:`UnitFrame.display_frame` gives the printed text as a plain
DataFrame (e.g. for ``to_html`` or ``to_markdown``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .units import unit_decimals

#: How a column is printed: ``'unit'`` (in the table's unit, rounded to its precision),
#: ``'share'`` (a fraction as a percentage, one decimal) or ``'signed_share'`` (the same
#: with its sign: errors and changes).
FORMAT_KINDS = ("unit", "share", "signed_share")
#: Columns in the indicator's unit of every forecast / annual / implied frame.
FORECAST_VALUES = ("mean", "median", "lo80", "hi80", "lo95", "hi95")


class UnitFrame(pd.DataFrame):
    """A DataFrame that prints its values rounded to their unit; the values are unchanged.

    Use :func:`unit_frame` to make one. The attributes below are kept by ``pickle``,
    ``df[...]``, ``head()`` and ``tail()``; other derived frames are plain DataFrames.

    Parameters
    ----------
    data : array-like, dict or DataFrame, optional
        As for :class:`pandas.DataFrame`.
    index, columns : Index or array-like, optional
        As for :class:`pandas.DataFrame`.
    dtype : dtype, optional
        As for :class:`pandas.DataFrame`.
    copy : bool, optional
        As for :class:`pandas.DataFrame`.

    Attributes
    ----------
    display_unit : str or None
        Unit of the ``'unit'`` columns (``'persons'``, ``'人泊'``, ``'%'``, …).
    display_formats : dict
        Column → one of :data:`FORMAT_KINDS`; other columns print as pandas prints them.
    display_unit_column : str or None
        A column holding each row's unit (the status board mixes units); overrides
        ``display_unit``.

    Examples
    --------
    >>> df = unit_frame(pd.DataFrame({"median": [2372614.3]}), "人泊", ["median"])
    >>> print(df)
          median
    0  2,372,614
    >>> float(df["median"].iloc[0])
    2372614.3
    """

    _metadata = ["display_unit", "display_formats", "display_unit_column"]
    display_unit: str | None = None
    display_formats: Mapping[str, str] = {}
    display_unit_column: str | None = None

    @property
    def _constructor(self):
        """Derived frames are plain DataFrames (their columns may no longer be in the unit)."""
        return pd.DataFrame

    def _same_formats(self, frame):
        """``frame`` (a selection of this table's rows or columns) with this table's formats."""
        if not isinstance(frame, pd.DataFrame):
            return frame
        unit_column = self.display_unit_column
        return _formatted(frame, self.display_unit, self.display_formats,
                          unit_column if unit_column in frame.columns else None)

    def __getitem__(self, key):
        return self._same_formats(super().__getitem__(key))

    def head(self, n: int = 5):
        """Return the first ``n`` rows, printed with the same formats.

        Parameters
        ----------
        n : int, default 5
            Number of rows.

        Returns
        -------
        UnitFrame
            The rows, with this table's formats.

        Examples
        --------
        >>> df = unit_frame(pd.DataFrame({"median": [1234.5, 2345.6]}), "人", ["median"])
        >>> print(df.head(1))
          median
        0  1,234
        """
        return self._same_formats(super().head(n))

    def tail(self, n: int = 5):
        """Return the last ``n`` rows, printed with the same formats.

        Parameters
        ----------
        n : int, default 5
            Number of rows.

        Returns
        -------
        UnitFrame
            The rows, with this table's formats.

        Examples
        --------
        >>> df = unit_frame(pd.DataFrame({"median": [1234.5, 2345.6]}), "人", ["median"])
        >>> print(df.tail(1))
          median
        1  2,346
        """
        return self._same_formats(super().tail(n))

    def display_frame(self) -> pd.DataFrame:
        """Return the table as printed, as a plain DataFrame of texts.

        Returns
        -------
        pandas.DataFrame
            The formatted columns hold the text of each value (missing values stay
            missing); the other columns are unchanged.

        Examples
        --------
        >>> df = unit_frame(pd.DataFrame({"median": [2372614.3]}), "人泊", ["median"])
        >>> df.display_frame()["median"].tolist()
        ['2,372,614']
        """
        out = pd.DataFrame(self, copy=True)
        for col, kind in self.display_formats.items():
            if col in out.columns:
                out[col] = self._texts(col, kind)
        return out

    def _texts(self, col: str, kind: str) -> list:
        """The printed text of every value of ``col`` (NaN where missing)."""
        values = pd.to_numeric(pd.Series(self[col]), errors="coerce").to_numpy(dtype=float)
        texts: list = [np.nan] * len(values)
        present = ~np.isnan(values)
        if kind in ("share", "signed_share"):
            spec = ".1%" if kind == "share" else "+.1%"
            return [format(v, spec) if ok else t for v, ok, t in zip(values, present, texts,
                                                                       strict=True)]
        given = (self[self.display_unit_column] if self.display_unit_column
                 else [self.display_unit] * len(values))
        units = [None if u is None or pd.isna(u) else str(u) for u in given]
        for unit in dict.fromkeys(units):
            rows = present & np.array([u == unit for u in units], dtype=bool)
            d = unit_decimals(unit, values[rows])
            for i in np.flatnonzero(rows):
                texts[i] = f"{values[i]:,.{d}f}"
        return texts

    def __repr__(self) -> str:
        return repr(self.display_frame())

    def to_string(self, *args, **kwargs):
        """Render the table as text, with the values rounded to their unit.

        Parameters
        ----------
        *args, **kwargs
            As for :meth:`pandas.DataFrame.to_string`; with ``formatters`` or
            ``float_format`` the formats given are used instead of the unit's.

        Returns
        -------
        str or None
            The text (None when written to ``buf``).

        Examples
        --------
        >>> df = unit_frame(pd.DataFrame({"median": [2372614.3]}), "人泊", ["median"])
        >>> print(df.to_string(index=False))
           median
        2,372,614
        """
        if kwargs.get("formatters") is not None or kwargs.get("float_format") is not None:
            return super().to_string(*args, **kwargs)
        return self.display_frame().to_string(*args, **kwargs)

    def _repr_html_(self) -> str | None:
        return self.display_frame()._repr_html_()


def unit_frame(frame: pd.DataFrame | None, unit: str | None, columns=FORECAST_VALUES, *,
               shares=(), signed_shares=(), unit_column: str | None = None):
    """``frame`` as a :class:`UnitFrame` (the same values; ``None`` stays ``None``).

    Parameters
    ----------
    frame : DataFrame or None
        The table.
    unit : str or None
        Unit of ``columns`` (a canonical unit of the ``kpi`` table, another unit, or none).
    columns : sequence of str
        Columns in ``unit`` (absent ones are skipped).
    shares, signed_shares : sequence of str
        Columns holding fractions (0.873 prints as ``87.3%``; signed: ``+4.1%``).
    unit_column : str, optional
        A column with each row's unit, when rows differ in unit.

    Returns
    -------
    UnitFrame or None

    Examples
    --------
    >>> unit_frame(pd.DataFrame({"actual": [98.04]}), "%", ["actual"]).to_string()
    '  actual\\n0   98.0'
    """
    if frame is None:
        return None
    formats = {c: "unit" for c in columns}
    formats.update({c: "share" for c in shares})
    formats.update({c: "signed_share" for c in signed_shares})
    return _formatted(frame, unit, formats, unit_column)


def _formatted(frame: pd.DataFrame, unit: str | None, formats: Mapping[str, str],
               unit_column: str | None) -> UnitFrame:
    """``frame``'s values as a :class:`UnitFrame` with these display attributes."""
    out = UnitFrame(frame)
    out.display_unit, out.display_formats, out.display_unit_column = unit, formats, unit_column
    return out
