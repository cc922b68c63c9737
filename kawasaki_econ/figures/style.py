"""Figure style: palette, the :class:`KawasakiFigure` class and its layout, tick helpers.

Every figure is a :class:`KawasakiFigure`, which applies the font settings
(:data:`~kawasaki_econ.figures.fonts.RC`) through ``matplotlib.rc_context`` while it is
built and drawn, so tick labels created lazily at draw time get the Japanese font as
well, and which holds its footer (:class:`~kawasaki_econ.figures.footer.Footer`).
Nothing here changes matplotlib's global state at import time.
"""

from __future__ import annotations

import io

from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from .fonts import DPI, FONT_NAME, ensure_font, rc
from .footer import Footer, footer_of, render_footer
from .io import PNG_METADATA

#: Colours: the focus city / main series, comparison series, reference, status marks.
FOCUS = "#d1495b"
OTHER = "#8fa9c4"
REFERENCE = "#6c6c6c"
PALETTE = ("#00798c", "#d1495b", "#edae49", "#66a182", "#2e4057", "#8d96a3", "#9b5de5",
           "#f15bb5")
PLAN = "#2e4057"
SHADE = "#f3e3c3"


class KawasakiFigure(Figure):
    """A Figure that draws under :func:`~kawasaki_econ.figures.fonts.rc` (Japanese font,
    fixed SVG hash salt) and holds its footer (notes, source line, title).

    It displays itself in Jupyter (``_repr_png_``) without pyplot or ``%matplotlib``.
    """

    footer: Footer

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.footer = Footer()

    def draw(self, renderer):  # noqa: D401 - matplotlib API
        with rc():
            return super().draw(renderer)

    def _repr_png_(self) -> bytes:
        buffer = io.BytesIO()
        with rc():
            self.savefig(buffer, format="png", dpi=100, metadata=PNG_METADATA)
        return buffer.getvalue()


def new_figure(figsize: tuple[float, float] = (8.0, 5.0), nrows: int = 1, ncols: int = 1,
               **subplot_kw):
    """A :class:`KawasakiFigure` (constrained layout) and its axes; call inside ``rc()``."""
    ensure_font()
    fig = KawasakiFigure(figsize=figsize, layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=True, **subplot_kw)
    return fig, axes


def finish(fig: Figure) -> Figure:
    """Pin the Japanese font on every axis' tick labels (also those created later), then
    lay the figure out once and freeze the layout (:func:`freeze_layout`)."""
    for ax in fig.axes:
        ax.tick_params(axis="both", which="both", labelfontfamily=FONT_NAME)
    return freeze_layout(fig)


def freeze_layout(fig: Figure) -> Figure:
    """Run the constrained layout once and switch the layout engine off.

    Constrained layout starts from the figure's current state, so drawing the same
    figure twice (e.g. PNG then SVG, or after a notebook displayed it) can move the axes
    by a few ulps — enough to change the SVG's hashed clip-path ids. Laying out once,
    right after the figure is built, makes every later save byte-identical. Call
    :func:`relayout` after adding artists that need space.
    """
    dpi = fig.dpi
    try:
        # lay out at the PNG resolution: hinted text is relatively wider at higher dpi
        fig.set_dpi(DPI)
        with rc():
            fig.draw_without_rendering()
    finally:
        fig.set_dpi(dpi)
    fig.set_layout_engine("none")
    return fig


def relayout(fig: Figure) -> Figure:
    """Re-run the constrained layout (e.g. after adding a footnote) and freeze it again."""
    fig.set_layout_engine("constrained")
    render_footer(fig)
    return freeze_layout(fig)


def title(fig: Figure, text: str) -> None:
    """The figure's title (suptitle), also kept for its caption."""
    fig.suptitle(text, fontsize=11.5, fontfamily=FONT_NAME)
    footer_of(fig).title = text


def fmt_int(value: float) -> str:
    """'1,234'."""
    return f"{value:,.0f}"


def thousands(ax, axis: str = "y") -> None:
    """Tick labels with thousands separators."""
    formatter = FuncFormatter(lambda v, _pos: f"{v:,.0f}")
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(formatter)


__all__ = ["FOCUS", "OTHER", "PALETTE", "PLAN", "REFERENCE", "SHADE", "KawasakiFigure", "finish",
           "fmt_int", "freeze_layout", "new_figure", "relayout", "thousands", "title"]
