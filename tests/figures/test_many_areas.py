"""Comparison charts of large groups (60–82 areas): no label overlaps another or the
footer, a peer without a rate of change is listed as — (not plotted), location quotients
far above the rest do not flatten the chart, English charts name every area in English."""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

import kawasaki_econ
from kawasaki_econ import analysis, figures
from kawasaki_econ.figures.fonts import DPI
from kawasaki_econ.lang import has_japanese


@pytest.fixture(scope="module")
def census():
    return kawasaki_econ.load("census")


def _group(census, code):
    focus = analysis.resolve_focus(census, code)
    return focus, analysis.peer_group(focus, census, kawasaki_econ.load("population"))


def _renderer(fig):
    fig.set_dpi(DPI)
    FigureCanvasAgg(fig)
    renderer = fig.canvas.get_renderer()
    fig.draw(renderer)
    return renderer


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _assert_readable(fig):
    renderer = _renderer(fig)
    footer = fig.footer.artist.get_window_extent(renderer)
    for ax in fig.axes:
        ticks = [t.get_window_extent(renderer) for t in ax.get_yticklabels() if t.get_text()]
        assert len(ticks) > 50
        ticks.sort(key=lambda b: b.y0)
        for lower, upper in zip(ticks, ticks[1:], strict=False):
            assert lower.y1 <= upper.y0, "two area labels overlap"
        xlabel = ax.xaxis.label.get_window_extent(renderer)
        assert not _overlaps(xlabel, footer), "the x-axis label runs into the footer"
        assert not _overlaps(ax.get_tightbbox(renderer), footer)


def test_shift_share_chart_of_82_areas_is_readable(census):
    focus, group = _group(census, "13303")  # 瑞穂町: Tokyo's 62 + 20 nearest in population
    assert len(group.ranked) == 82
    summary = analysis.shift_share_summary(
        analysis.shift_share(census, 2016, 2021, areas=list(group.ranked)))
    _assert_readable(figures.shift_share_chart(summary, focus=focus.code))


def test_share_chart_of_82_areas_is_readable(census):
    focus, group = _group(census, "13303")
    shares = analysis.peer_shares(census, group, 2021)
    _assert_readable(figures.industry_share_comparison(shares, ("G", "L"), focus=focus.code))


def test_a_peer_with_no_employees_at_the_start_is_listed_without_a_bar(census):
    focus, group = _group(census, "会津若松市")  # its group holds 双葉町: 0 employees in 2016
    assert "07546" in group.codes
    ranked = analysis.peer_change(census, group, 2016, 2021, measure="employees")
    fig = figures.city_employee_change(ranked, focus=focus.code)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert "双葉町" in labels  # no rank in brackets
    row = labels.index("双葉町")
    assert ax.patches[row].get_width() == 0
    assert any(t.get_text() == "—" and t.xy[1] == row for t in ax.texts
               if isinstance(t, matplotlib.text.Annotation))
    assert np.isfinite(ax.get_xlim()).all()
    assert "双葉町（2016年0人）" in figures.footer_text(fig).replace("\n", "")
    _assert_readable(fig)


def test_location_quotients_far_above_the_rest_are_cut_with_their_value(census):
    nation = analysis.location_quotients(census, 2021, base="nation", focus="47382")
    designated = analysis.location_quotients(census, 2021, base="designated", focus="47382")
    fisheries = nation[(nation["area_code"] == "47382") & (nation["industry_code"] == "B")]
    value = float(fisheries["lq"].iloc[0])
    assert value > figures.compare.LQ_AXIS_MAX  # 与那国町's fisheries
    fig = figures.location_quotient_chart(nation, designated, focus="47382", lang="en")
    ax = fig.axes[0]
    assert ax.get_xlim()[1] < 6
    assert f"{value:.2f} ▶" in [t.get_text() for t in ax.texts]
    assert "cut at the axis edge" in figures.footer_text(fig).replace("\n", " ")


def test_english_chart_names_every_area_in_english(census):
    focus, group = _group(census, "47382")
    ranked = analysis.peer_change(census, group, 2016, 2021, measure="employees")
    fig = figures.city_employee_change(ranked, focus=focus.code, lang="en")
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert len(labels) == len(group.codes) == 60
    assert not [label for label in labels if has_japanese(label)]
    assert any(x.startswith("Yonaguni (") for x in labels)
    assert any(x.startswith("Tonaki (") for x in labels)
