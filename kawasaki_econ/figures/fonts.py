"""The bundled Japanese font and the matplotlib settings every figure is drawn under.

Nothing here changes matplotlib's global state at import time. The Japanese font
(IPAexGothic, shipped by matplotlib-fontja) is located through the package's file without
importing ``matplotlib_fontja`` (whose import calls ``japanize()`` and rewrites the global
``font.family``); it is registered with the font manager once, on first use. :func:`rc`
applies :data:`RC` through ``matplotlib.rc_context``.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager

FONT_NAME = "IPAexGothic"
FONT_FILE = "ipaexg.ttf"
SVG_HASHSALT = "kawasaki_econ"
#: Resolution of saved PNGs (dots per inch).
DPI = 150

#: matplotlib settings applied (via rc_context) while a figure is built, drawn or saved.
RC: dict[str, object] = {
    "font.family": [FONT_NAME],
    "font.size": 9.0,
    "axes.titlesize": 10.5,
    "axes.titleweight": "normal",
    "axes.labelsize": 9.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#dddddd",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "legend.fontsize": 8.0,
    "legend.frameon": False,
    "xtick.labelsize": 8.0,
    "ytick.labelsize": 8.0,
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "svg.hashsalt": SVG_HASHSALT,
    "svg.fonttype": "path",
    "axes.unicode_minus": True,
    "axes.formatter.use_locale": False,
}


def font_path() -> Path:
    """Return the path of the Japanese font (IPAexGothic) of matplotlib-fontja.

    The package ``matplotlib_fontja`` is located, not imported (its import would change
    matplotlib's global font settings).

    Returns
    -------
    pathlib.Path
        The font file ``ipaexg.ttf`` inside the installed matplotlib-fontja.

    Raises
    ------
    ImportError
        If matplotlib-fontja is not installed.
    FileNotFoundError
        If the font file is missing from it.

    Examples
    --------
    >>> from kawasaki_econ import figures
    >>> figures.font_path().name
    'ipaexg.ttf'
    """
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("matplotlib-fontja is not installed: it provides the Japanese font")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: Japanese font file missing from matplotlib-fontja")
    return path


@functools.cache
def ensure_font() -> Path:
    """Register the bundled Japanese font with matplotlib's font manager (once).

    Returns
    -------
    pathlib.Path
        The font file registered (:func:`font_path`).

    Raises
    ------
    ImportError
        If matplotlib-fontja is not installed.
    FileNotFoundError
        If the font file is missing from it.

    Examples
    --------
    >>> from matplotlib import font_manager
    >>> from kawasaki_econ import figures
    >>> path = figures.ensure_font()
    >>> path == figures.font_path()
    True
    >>> font_manager.FontProperties(fname=path).get_name()
    'IPAexGothic'
    """
    path = font_path()
    known = {Path(f.fname).resolve() for f in font_manager.fontManager.ttflist}
    if path.resolve() not in known:
        font_manager.fontManager.addfont(str(path))
    return path


def font_properties(**kwargs) -> font_manager.FontProperties:
    """FontProperties pointing at the bundled Japanese font file."""
    return font_manager.FontProperties(fname=str(ensure_font()), **kwargs)


@contextlib.contextmanager
def rc() -> Iterator[None]:
    """Apply the package's matplotlib settings within a ``with`` block.

    The settings (``RC``: the Japanese font :data:`FONT_NAME`, sizes, grid, SVG hash
    salt …) are applied through ``matplotlib.rc_context``; the global rcParams are
    restored on exit. The font is registered first (:func:`ensure_font`).

    Yields
    ------
    None
        Nothing; the settings hold inside the block.

    Raises
    ------
    ImportError
        If matplotlib-fontja (the Japanese font) is not installed.

    Examples
    --------
    >>> import matplotlib as mpl
    >>> from kawasaki_econ import figures
    >>> before = mpl.rcParams["font.family"]
    >>> with figures.rc():
    ...     mpl.rcParams["font.family"]
    ['IPAexGothic']
    >>> mpl.rcParams["font.family"] == before
    True
    """
    ensure_font()
    with mpl.rc_context(RC):
        yield


__all__ = ["DPI", "FONT_NAME", "RC", "ensure_font", "font_path", "font_properties", "rc"]
