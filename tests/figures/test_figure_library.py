"""Figure library on the real processed tables: bars, highlighting, Japanese glyphs,
deterministic files, gaps shown as gaps, English labels."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font
from matplotlib.patches import Rectangle

import kawasaki_econ
from kawasaki_econ import analysis, figures
from kawasaki_econ.lang import has_japanese
from kawasaki_econ.paths import project_root


@pytest.fixture(scope="module")
def census():
    return kawasaki_econ.load("census")


@pytest.fixture(scope="module")
def ridership():
    return kawasaki_econ.load("ridership")


@pytest.fixture(scope="module")
def guest_nights():
    return kawasaki_econ.load("guest_nights")


@pytest.fixture(scope="module")
def airport():
    return kawasaki_econ.load("airport")


@pytest.fixture(scope="module")
def kpi():
    return kawasaki_econ.load("kpi")


@pytest.fixture(scope="module")
def ranked(census):
    return analysis.rank_change(census, 2016, 2021, measure="employees")


def _all_figures(census, ridership, guest_nights, airport, kpi, ranked, lang="ja"):
    stations = figures.station_series(ridership)
    return {
        "census_totals": figures.census_totals(census, lang=lang),
        "census_by_industry": figures.census_by_industry(census, lang=lang),
        "city_employee_change": figures.city_employee_change(ranked, lang=lang),
        "industry_shares": figures.industry_share_comparison(
            analysis.industry_shares(census, 2016), lang=lang),
        "location_quotients": figures.location_quotient_chart(
            analysis.location_quotients(census, 2016),
            analysis.location_quotients(census, 2016, base="designated"), lang=lang),
        "shift_share": figures.shift_share_chart(
            analysis.shift_share_summary(analysis.shift_share(census)), lang=lang),
        "ridership_index": figures.station_ridership_index(stations, lang=lang),
        "ridership_levels": figures.station_ridership(stations, lang=lang),
        "guest_nights_monthly": figures.guest_nights_monthly(
            figures.guest_nights_series(guest_nights), lang=lang),
        "guest_nights_annual": figures.guest_nights_annual_chart(
            figures.guest_nights_annual(guest_nights), lang=lang),
        "haneda": figures.haneda_chart(figures.haneda_international(airport),
                                       figures.airport_monthly(airport), lang=lang),
        "kpi": figures.kpi_target_changes(kpi, lang=lang),
    }


@pytest.fixture(scope="module")
def ja_figures(census, ridership, guest_nights, airport, kpi, ranked):
    return _all_figures(census, ridership, guest_nights, airport, kpi, ranked, "ja")


@pytest.fixture(scope="module")
def en_figures(census, ridership, guest_nights, airport, kpi, ranked):
    return _all_figures(census, ridership, guest_nights, airport, kpi, ranked, "en")


# --------------------------------------------------------------------------- city bars


def test_city_comparison_has_one_bar_per_designated_city_and_wards(ranked):
    fig = figures.city_employee_change(ranked)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == 21  # 20 designated cities + 東京都区部
    labels = [t.get_text() for t in ax.get_yticklabels()]
    names = {label.split(" (")[0] for label in labels}
    assert names == set(analysis.DESIGNATED_CITIES.values()) | {"東京都区部"}
    # bars are drawn in label order (bottom to top)
    kawasaki = next(i for i, label in enumerate(labels) if label.startswith("川崎市"))
    colours = [mpl.colors.to_hex(b.get_facecolor()) for b in bars]
    assert colours.count(colours[kawasaki]) == 1, "Kawasaki must have a colour of its own"
    assert "(16)" in labels[kawasaki]  # 16th of 20 (SSDSE-A cross-check of the issue)
    wards = next(i for i, label in enumerate(labels) if label == "東京都区部")
    assert colours[wards] != colours[kawasaki]
    # bar lengths are the % changes; Kawasaki +0.67 %
    assert bars[kawasaki].get_width() == pytest.approx(0.6729, abs=1e-3)


def test_city_comparison_caveat_and_source_in_footer(ranked):
    fig = figures.city_employee_change(ranked)
    footer = figures.footer_text(fig)
    assert "法人番号" in footer  # 2016→2021 coverage caveat
    assert footer.splitlines()[-1].startswith("出典: ")
    assert "SSDSE-A-2021" in footer and "SSDSE" in footer


def test_industry_shares_highlight_kawasaki(census):
    fig = figures.industry_share_comparison(analysis.industry_shares(census, 2016), ("G", "L"))
    for ax in fig.axes:
        bars = [p for p in ax.patches if isinstance(p, Rectangle)]
        assert len(bars) == 21
        labels = [t.get_text() for t in ax.get_yticklabels()]
        i = labels.index("川崎市")
        colours = [mpl.colors.to_hex(b.get_facecolor()) for b in bars]
        assert colours.count(colours[i]) == 1
        # Kawasaki has the highest share of the designated cities in G and L (2016)
        others = [b.get_width() for j, b in enumerate(bars)
                  if labels[j] not in ("川崎市", "東京都区部")]
        assert bars[i].get_width() > max(others)


def test_figures_follow_the_focus(census):
    ranked = analysis.rank_change(census, 2016, 2021, focus="14100")
    fig = figures.city_employee_change(ranked)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    yokohama = next(i for i, label in enumerate(labels) if label.startswith("横浜市"))
    assert labels[yokohama] == "横浜市 (6)"  # 6th of 20 in the 2016→2021 employee change
    assert ax.get_yticklabels()[yokohama].get_color() == figures.style.FOCUS
    assert any("横浜市: 指定都市20市中6位" == t.get_text() for t in ax.texts)
    # an explicit focus wins over the frame's
    fig = figures.city_employee_change(ranked, focus="14130", lang="en")
    assert any("Kawasaki: rank 16 of 20" in t.get_text() for t in fig.axes[0].texts)
    assert figures.census_totals(census, "14100").get_suptitle().startswith("横浜市の")
    assert figures.census_by_industry(census, "40130", lang="en").get_suptitle().startswith(
        "Fukuoka:")
    # a municipality outside the designated cities: its name from the census table
    assert figures.census_totals(census, "14204").get_suptitle().startswith("鎌倉市の")


# --------------------------------------------------------------------------- glyphs


def _texts(fig):
    fig.canvas.draw()
    for text in fig.findobj(mpl.text.Text):
        if text.get_visible() and text.get_text():
            yield text


def test_japanese_text_renders_without_missing_glyphs(ja_figures, caplog):
    japanese_seen = 0
    for name, fig in ja_figures.items():
        with warnings.catch_warnings(record=True) as caught, caplog.at_level(logging.WARNING):
            warnings.simplefilter("always")
            fig.canvas.draw()
            fig.savefig(io.BytesIO(), format="png")
            fig.savefig(io.BytesIO(), format="svg")
        missing = [str(w.message) for w in caught if "missing" in str(w.message).lower()
                   or "glyph" in str(w.message).lower()]
        assert not missing, f"{name}: {missing[:3]}"
        assert not [r for r in caplog.records if "findfont" in r.getMessage()], name
        caplog.clear()
        for text in _texts(fig):
            if has_japanese(text.get_text()):
                japanese_seen += 1
    assert japanese_seen > 50


def test_font_used_contains_every_character(ja_figures):
    bundled = Path(figures.font_path()).resolve()
    cmap = FT2Font(str(bundled)).get_charmap()
    for name, fig in ja_figures.items():
        for text in _texts(fig):
            content = text.get_text()
            if not has_japanese(content):
                continue
            used = Path(font_manager.findfont(text.get_fontproperties(),
                                              fallback_to_default=False)).resolve()
            assert used == bundled, f"{name}: {content!r} drawn with {used}"
            absent = {ch for ch in content if not ch.isspace() and ord(ch) not in cmap}
            assert not absent, f"{name}: {content!r} lacks glyphs {absent}"


def test_tick_labels_drawn_later_use_the_japanese_font(census):
    fig = figures.city_employee_change(analysis.rank_change(census, 2016, 2021))
    fig.canvas.draw()  # outside any rc_context
    for tick in fig.axes[0].get_yticklabels():
        assert tick.get_fontproperties().get_family()[0] == figures.FONT_NAME


def test_import_does_not_change_global_rcparams():
    code = (
        "import matplotlib as mpl, sys\n"
        "before = list(mpl.rcParams['font.family'])\n"
        "import kawasaki_econ.figures as f\n"
        "import kawasaki_econ\n"
        "f.census_totals(kawasaki_econ.load('census'))\n"
        "assert list(mpl.rcParams['font.family']) == before, mpl.rcParams['font.family']\n"
        "assert 'matplotlib_fontja' not in sys.modules\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_import_kawasaki_econ_stays_light():
    code = ("import sys, kawasaki_econ\n"
            "assert 'matplotlib' not in sys.modules and 'kawasaki_econ.figures' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# --------------------------------------------------------------------------- saving


def test_saving_is_deterministic(tmp_path, census, ranked):
    fig = figures.city_employee_change(ranked)
    first = figures.save(fig, tmp_path / "a" / "city")
    second = figures.save(fig, tmp_path / "b" / "city")
    fresh = figures.save(figures.city_employee_change(ranked), tmp_path / "c" / "city")
    for i, suffix in enumerate((".png", ".svg")):
        assert first[i].suffix == suffix
        data = first[i].read_bytes()
        assert len(data) > 10_000
        assert data == second[i].read_bytes() == fresh[i].read_bytes()
    svg = first[1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    # clip paths numbered in order of use, not matplotlib's hash of float coordinates
    # (whose last digits can differ between processes drawing the same pixels)
    ids = re.findall(r'<clipPath id="([^"]+)"', svg)
    assert ids and ids == [f"clip{i}" for i in range(1, len(ids) + 1)]
    assert not re.search(r"url\(#p[0-9a-f]{10}\)", svg)
    png = first[0].read_bytes()
    assert b"Software" not in png and b"matplotlib" not in png.lower()
    caption = (tmp_path / "a" / "city.json").read_text(encoding="utf-8")
    assert "政令指定都市" in caption and "出典" in caption


def test_save_bare_name_goes_to_env_dir(tmp_path, monkeypatch, ranked):
    monkeypatch.setenv(figures.FIGURES_ENV, str(tmp_path / "figs"))
    paths = figures.save(figures.city_employee_change(ranked), "x")
    assert paths[0] == tmp_path / "figs" / "x.png" and paths[0].exists()
    assert paths._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


def test_output_dirs_default_to_the_focus_draft_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(figures.FIGURES_ENV, raising=False)
    monkeypatch.delenv(figures.TABLES_ENV, raising=False)
    monkeypatch.setenv("KAWASAKI_ECON_ROOT", str(tmp_path))
    assert figures.output_dir() == tmp_path / "reports" / "drafts" / "14130" / "figures"
    assert figures.output_dir("14100") == tmp_path / "reports" / "drafts" / "14100" / "figures"
    assert figures.table_dir("14100") == tmp_path / "reports" / "drafts" / "14100" / "tables"
    assert figures.output_dir("14100").is_dir()
    monkeypatch.setenv(figures.TABLES_ENV, str(tmp_path / "build" / "tables"))
    assert figures.table_dir("14100") == tmp_path / "build" / "tables"


# --------------------------------------------------------------------------- gaps


def _line(fig, gid):
    for ax in fig.axes:
        for line in ax.get_lines():
            if line.get_gid() == gid:
                return line
    raise AssertionError(f"no line {gid}")


def test_station_lines_break_at_missing_fiscal_years(ridership):
    stations = figures.station_series(ridership)
    kawasaki = stations[stations["station"] == "川崎"].set_index("fiscal_year")["value"]
    # the years with a figure for JR 川崎, from the raw files: JR East's top-100 tables and
    # the transcribed station table (FY2014 was not published)
    raw = project_root() / "data" / "raw"
    years = {int(p.stem.split("FY")[1]) for p in (raw / "jreast").glob("passenger_top100_FY*.json")
             if any(r["city"] == "川崎" for r in json.loads(p.read_text(encoding="utf-8")))}
    csv = pd.read_csv(raw / "transcribed" / "station_ridership.csv", dtype=str)
    years |= set(csv[(csv.station == "川崎") & (csv.measure == "boardings_daily_avg")]
                 .fiscal_year.astype(int))
    assert set(kawasaki.index) == years and 2014 not in years and {2013, 2015} <= years
    for fig in (figures.station_ridership_index(stations), figures.station_ridership(stations)):
        line = _line(fig, "station:川崎")
        x = np.asarray(line.get_xdata())
        y = np.asarray(line.get_ydata(), dtype=float)
        assert np.isnan(y[x == 2014]).all()
        assert not np.isnan(y[x == 2013]).any() and not np.isnan(y[x == 2015]).any()
        assert list(x) == list(range(int(x.min()), int(x.max()) + 1))  # every FY present


def test_index_chart_marks_plan_claims(ridership):
    fig = figures.station_ridership_index(figures.station_series(ridership))
    claim = _line(fig, "claim:武蔵小杉")
    assert claim.get_ydata()[0] == pytest.approx(160.0)
    assert _line(fig, "claim:川崎").get_ydata()[0] == pytest.approx(110.0)
    # JR 武蔵小杉 FY2009 76,831 = 100
    line = _line(fig, "station:武蔵小杉")
    x = np.asarray(line.get_xdata())
    assert np.asarray(line.get_ydata())[x == 2010][0] == pytest.approx(99617 / 76831 * 100)


def test_guest_night_months_not_bridged(guest_nights):
    series = figures.guest_nights_series(guest_nights, ("14",))
    assert len(series) == 179  # 2011-01 … 2025-11, complete
    holed = series[series["period"] != "2020-06"]
    fig = figures.guest_nights_monthly(holed)
    line = _line(fig, "monthly:14")
    x = np.asarray(line.get_xdata())
    y = np.asarray(line.get_ydata(), dtype=float)
    assert np.isnan(y[np.isclose(x, 2020 + 5 / 12)]).all()
    # 2016-07: Kanagawa foreign, in 万人泊; the 2020–21 collapse is visible
    assert np.nanmax(y[(x >= 2020.25) & (x < 2022)]) < 0.2 * np.nanmax(y[x < 2020])


def test_guest_nights_annual_keeps_published_values(guest_nights):
    annual = figures.guest_nights_annual(guest_nights, ("14",))
    a = annual.set_index("period")
    assert a.loc["2016", "value"] == 2_160_600 and a.loc["2016", "basis"] == "published"
    assert a.loc["2015", "value"] == 2_156_320
    assert a.loc["2019", "basis"] == "sum_of_months"
    assert "2025" not in a.index  # incomplete year: no bar


def test_census_totals_no_line_across_scope_break(census):
    fig = figures.census_totals(census)
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_xticklabels()]
        pos_2014 = labels.index(next(label for label in labels if label.startswith("2014")))
        for line in ax.get_lines():
            x = np.asarray(line.get_xdata(), dtype=float)
            if len(x) > 1 and line.get_linestyle() not in ("None", "", " "):
                assert pos_2014 not in x, "a line crosses the 2014 (all) / 2016 (private) break"
        hatched = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_hatch()]
        assert len(hatched) == 1  # 2014, all establishments
    assert "直接比較できない" in figures.footer_text(fig)


def test_haneda_points_not_joined_and_bases_apart(airport):
    annual = figures.haneda_international(airport)
    assert set(annual["basis"]) == {"calendar_year", "fiscal_year"}
    fig = figures.haneda_chart(annual, figures.airport_monthly(airport))
    ax = fig.axes[0]
    for line in ax.get_lines():
        y = np.asarray(line.get_ydata(), dtype=float)
        if line.get_linestyle() not in ("None", "", " ") and len(y) > 1:
            # only the vertical terminal-opening reference line
            assert len(set(np.asarray(line.get_xdata(), dtype=float))) == 1
    gids = {line.get_gid() for line in ax.get_lines()}
    assert "calendar_year:2017" in gids and "fiscal_year:2017" in gids
    assert "claim:2009" in gids and "claim:2016" in gids


def test_kpi_target_chart_only_real_points(kpi):
    fig = figures.kpi_target_changes(kpi)
    # the three targets the 2nd implementation programme changed (plan_kpi_targets.csv)
    assert len(fig.axes) == 3
    lines = {line.get_gid(): line for ax in fig.axes for line in ax.get_lines()}
    actual = [gid for gid in lines if str(gid).startswith("actual:")]
    assert actual == ["actual:P7_hotel_guests_foreign:2019"]  # 約28万人 (2019年)
    assert lines[actual[0]].get_ydata()[0] == 0
    assert lines[actual[0]].get_xdata()[0] == 280000
    assert lines[actual[0]].get_markerfacecolor() == "white"  # rounded (約)
    assert lines["draft_target:P7_hotel_guests_foreign"].get_xdata()[0] == 190000
    assert lines["target:P7_hotel_guests_foreign"].get_xdata()[0] == 230000
    assert lines["draft_target:PX_job_placements_careersupport"].get_xdata()[0] == 710
    assert lines["target:PX_job_placements_careersupport"].get_xdata()[0] == 490
    assert lines["target:PX_consumer_consult_completion_rate"].get_xdata()[0] == 99.0


def test_kpi_target_table_from_the_plan(kpi):
    from kawasaki_econ.analysis.series import kpi_target_table

    table = kpi_target_table(kpi).set_index("indicator_id")
    p7 = table.loc["P7_hotel_guests_foreign"]
    assert (p7["draft_target"], p7["target"], p7["target_year"]) == (190000, 230000, 2021)
    assert p7["change_pct"] == pytest.approx((230000 / 190000 - 1) * 100)
    assert (p7["actual"], p7["actual_period"], p7["actual_status"]) == (280000, 2019, "rounded")
    job = table.loc["PX_job_placements_careersupport"]
    assert (job["draft_target"], job["target"], job["n_actual"]) == (710, 490, 0)
    assert pd.isna(job["actual"])  # nothing published: left missing, not estimated
    with pytest.raises(ValueError, match="no_such_indicator"):
        kpi_target_table(kpi, ["no_such_indicator"])


# --------------------------------------------------------------------------- English


def test_english_labels_have_no_japanese(en_figures):
    for name, fig in en_figures.items():
        fig.canvas.draw()
        texts = [fig.get_suptitle()]
        for ax in fig.axes:
            texts += [ax.get_title(), ax.get_title("left"), ax.get_xlabel(), ax.get_ylabel()]
            texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
            legend = ax.get_legend()
            if legend is not None:
                texts += [t.get_text() for t in legend.get_texts()]
        bad = [t for t in texts if has_japanese(t)]
        assert not bad, f"{name}: {bad[:5]}"
        footer = figures.footer_text(fig)
        # one source paragraph, at the start of a line (long ones wrap onto further lines)
        assert [line.startswith("Source: ") for line in footer.splitlines()].count(True) == 1, \
            f"{name}: {footer}"
        assert not has_japanese(footer), f"{name}: {footer}"


def test_invalid_lang_rejected(ranked):
    with pytest.raises(ValueError, match="lang"):
        figures.city_employee_change(ranked, lang="fr")


def test_source_line_from_catalogue():
    text = figures.describe_sources(["jreast/passenger_top100_FY2009.json#rank 3",
                                     "jreast/passenger_top100_FY2010.json#rank 9"])
    assert text == "出典: JR東日本「各駅の乗車人員」 (passenger_top100_FY2009–2010)"
    en = figures.describe_sources(["ssdse/SSDSE-A-2024.csv:C2208"], lang="en")
    assert en.startswith("Source: NSTAC") and "SSDSE-A-2024" in en


def test_transcribed_station_figures_are_credited_to_jr_east(ridership):
    stations = figures.station_series(ridership)
    fig = figures.station_ridership(stations)
    source = fig.footer.source
    # publisher first (from the catalogue's publisher field), then where it was copied from
    assert source.startswith("出典: JR東日本「各駅の乗車人員」 (passenger_top100_FY1999–2012)（転記: ")
    assert "公表資料からの転記" not in source
    en = figures.station_ridership(stations, lang="en").footer.source
    assert en.startswith("Source: East Japan Railway Company, station boardings")
    assert "(transcribed from: " in en
    # without the attribution the transcription stays a source of its own
    plain = figures.describe_sources(stations)
    assert "公表資料からの転記 (station_ridership: " in plain


def test_station_levels_one_panel_per_station(ridership):
    stations = figures.station_series(ridership)
    fig = figures.station_ridership(stations)
    panels = [ax for ax in fig.axes if ax.get_visible()]
    assert len(panels) == stations["station"].nunique() == 14
    for ax in panels:
        lines = [line.get_gid() for line in ax.get_lines()]
        assert len({g.split(":", 1)[1] for g in lines}) == 1  # one station per panel
    # FY2023 川崎 (transcribed, published after the top-100 table ended) is its own marker
    line = _line(fig, "station:川崎")
    x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata(), dtype=float)
    assert y[x == 2023][0] == 187_310 and line.get_marker() == "o"


def test_footer_needs_a_kawasaki_figure():
    from matplotlib.figure import Figure

    with pytest.raises(TypeError, match="new_figure"):
        figures.footnote(Figure(), "note")


def test_claims_status_labels_claims_by_their_short_labels():
    from kawasaki_econ.analysis.claims import claims_frame
    from kawasaki_econ.analysis.claims.registry import STATUS_LABELS

    claims = claims_frame()
    for lang in ("ja", "en"):
        fig = figures.claims_status(claims, lang=lang)
        ax = fig.axes[0]
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        assert ticks == list(claims[f"label_{lang}"])
        positions = list(ax.get_yticks())
        assert positions == sorted(positions, reverse=True)  # first claim on top
        assert not set(ticks) & set(claims["id"])  # no English ids
        assert [t.get_text() for t in ax.get_xticklabels()] == list(STATUS_LABELS[lang].values())
        if lang == "ja":
            assert "JR武蔵小杉駅 乗車人員 '09→'15" in ticks  # claims.toml label_ja


def test_comparison_charts_name_the_group_of_a_core_city(census):
    focus = analysis.resolve_focus(census, "14201")  # 横須賀市, a core city (中核市)
    group = analysis.peer_group(focus, census, kawasaki_econ.load("population"))
    assert group.kind == "core"
    ranked = analysis.peer_change(census, group, 2016, 2021)
    fig = figures.city_employee_change(ranked, focus=focus.code)
    title = fig.get_suptitle()
    assert title.startswith("横須賀市と比較グループの") and "政令指定都市" not in title
    ax = fig.axes[0]
    assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == len(ranked)
    row = ranked[ranked.is_focus].iloc[0]
    n = int(ranked["rank_in_group"].notna().sum())
    assert f"横須賀市: 比較グループ{n}地域中{int(row['rank_in_group'])}位" in [t.get_text() for t in ax.texts]
    assert "政令指定都市" not in figures.footer_text(fig)
    shares = analysis.peer_shares(census, group, 2016)
    fig = figures.industry_share_comparison(shares, focus=focus.code, lang="en")
    assert "comparison group" in fig.get_suptitle() and "big cities" not in fig.get_suptitle()
    g = shares[(shares.industry_code == "G") & shares.is_focus].iloc[0]
    assert f"Yokosuka: rank {int(g['rank_in_group'])} of {n}" in [
        t.get_text() for t in fig.axes[0].texts]
