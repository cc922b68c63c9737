"""kawasaki_econ — regional economic analysis for Kawasaki City's industrial promotion plan
(かわさき産業振興プラン).

``load(name)`` returns a processed table (building it first if needed). The sub-packages
``analysis``, ``forecast``, ``figures`` and ``report`` are reachable as attributes
(``kawasaki_econ.analysis.rank_change``) and imported on first use (PEP 562), so that
``import kawasaki_econ`` and the ``kawasaki-econ`` command stay light: pandas, numpy,
matplotlib and statsmodels are imported only when something needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .version import __version__

#: Sub-packages imported on first attribute access (``kawasaki_econ.analysis`` …).
SUBPACKAGES = ("analysis", "forecast", "figures", "report")

if TYPE_CHECKING:
    import pandas as pd

    from . import analysis, figures, forecast, report  # noqa: F401


def load(name: str) -> pd.DataFrame:
    """Load one processed table, building ``data/processed/`` first if needed.

    Parameters
    ----------
    name : str
        Table name: ``census``, ``population``, ``guest_nights``, ``ridership``,
        ``airport``, ``tourism``, ``kpi``, ``core_cities`` or ``prefecture_panel``
        (``kawasaki-econ data list`` lists them; the README's "Processed tables" section
        gives each column, its type and unit).

    Returns
    -------
    pandas.DataFrame
        The table in long (tidy) form, one row per key, with the dtypes of its spec:
        whole-number counts as ``Int64``, text as ``str``/``object``, a ``status``
        (final / preliminary / …) and a ``source`` (raw file and cell) on every row.

    Raises
    ------
    kawasaki_econ.errors.KawasakiEconError
        If ``name`` is not a processed table, or the table has to be built and a raw
        file is missing, differs from its catalogue checksum or cannot be parsed (the
        message names the file, the row and the column).

    Examples
    --------
    >>> import kawasaki_econ as k
    >>> census = k.load("census")
    >>> census["value"].dtype
    Int64Dtype()
    >>> sorted(census["measure"].unique())
    ['employees', 'establishments']
    """
    from .build import load as _load

    return _load(name)


def __getattr__(name: str):
    """Import a sub-package on first access (PEP 562)."""
    if name in SUBPACKAGES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(SUBPACKAGES))


__all__ = ["load", "__version__", *SUBPACKAGES]
