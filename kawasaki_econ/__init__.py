"""kawasaki_econ — regional economic analysis for Kawasaki City's industrial promotion plan
(かわさき産業振興プラン).

``load(name)`` returns a processed table (building it first if needed). Importing the
package is light: pandas, matplotlib and statsmodels are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    import pandas as pd


def load(name: str) -> pd.DataFrame:
    """Processed table ``name`` (see ``kawasaki-econ data list``) as a DataFrame."""
    from .build import load as _load

    return _load(name)


__all__ = ["load", "__version__"]
