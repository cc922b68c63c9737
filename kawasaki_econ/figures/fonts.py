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
    """Path of IPAexGothic inside the installed matplotlib-fontja (not imported)."""
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("matplotlib-fontja is not installed: it provides the Japanese font")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.exists():
        raise FileNotFoundError(f"{path}: Japanese font file missing from matplotlib-fontja")
    return path


@functools.cache
def ensure_font() -> Path:
    """Register the bundled Japanese font with matplotlib's font manager (once)."""
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
    """Temporarily apply :data:`RC` (the global rcParams are restored on exit)."""
    ensure_font()
    with mpl.rc_context(RC):
        yield


__all__ = ["DPI", "FONT_NAME", "RC", "ensure_font", "font_path", "font_properties", "rc"]
