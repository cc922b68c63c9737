"""The report of one municipality: Yokohama in full (one run, module fixture), Kawasaki with
its stations and claims audit (notebook 03 only), Yokohama in English (CLI, notebook 01
only), a core city and a small town (tables only), and a kill test of the all-or-nothing
swap. Expected values come from the raw files (SSDSE-A) or the issue (rank 6 of 20)."""

from __future__ import annotations

import csv
import io
import os
import re
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kawasaki_econ import report
from kawasaki_econ.catalog import read_catalog
from kawasaki_econ.lang import has_japanese
from kawasaki_econ.paths import project_root

YOKOHAMA_FIGURES = {  # notebooks 01, 02 and 04 (no stations, no claims for Yokohama)
    "01_census_totals", "01_census_by_industry_employees",
    "01_census_by_industry_establishments", "02_city_employee_change",
    "02_city_establishment_change", "02_industry_shares_2016", "02_industry_shares_2021",
    "02_location_quotients_2016", "02_location_quotients_2021", "02_shift_share_2016_2021",
    "04_guest_nights_monthly", "04_guest_nights_annual", "04_haneda_international"}
CLAIMS_TOML = Path(report.__file__).parents[1] / "analysis" / "claims.toml"
JSON_LIKE = re.compile(r'[{\[]\s*"[^"]+"\s*:')


def _cli(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kawasaki_econ", *args], capture_output=True,
                          text=True, timeout=600, **kwargs)


def _sheet(path: Path, name: str) -> tuple[list[str], list[tuple]]:
    wb = load_workbook(path, read_only=True)
    rows = list(wb[name].iter_rows(min_row=2, values_only=True))
    return list(rows[0]), rows[1:]


def _headers(path: Path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    return [str(h) for ws in wb for h in next(ws.iter_rows(min_row=2, max_row=2,
                                                           values_only=True)) if h]




@pytest.fixture(scope="module")
def yokohama(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports") / "14100"
    index = report.reproduce("14100", out_dir=out, quiet=True)
    return out, index  # report times are measured in bench/, not asserted here


@pytest.fixture(scope="module")
def kawasaki(kawasaki_report):
    """Kawasaki's complete report, made once per session (tests/conftest.py)."""
    return kawasaki_report, kawasaki_report / report.HTML_NAME


# --------------------------------------------------------------------------- Yokohama


@pytest.mark.slow
def test_yokohama_report_is_complete(yokohama):
    out, index = yokohama
    assert index == out / "index.html" and index.exists()
    assert (out / report.EXCEL_NAME).exists() and (out / report.TIMINGS_NAME).exists()
    for name in ("01_census_totals", "02_city_employee_change", "04_guest_nights_monthly"):
        assert (out / "figures" / f"{name}.png").exists(), name
        assert (out / "figures" / f"{name}.svg").exists(), name
    assert {p.stem for p in (out / "figures").glob("*.png")} == YOKOHAMA_FIGURES  # no 03, 05, 06
    assert not list(out.parent.glob(".14100.*")), "temporary folder left behind"


@pytest.mark.slow
def test_yokohama_html_title_and_sections(yokohama):
    _, index = yokohama
    page = index.read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", page).group(1)
    assert "横浜市" in title and "川崎" not in title
    assert '<html lang="ja">' in page
    assert "政令指定都市20市と東京都区部" in page  # the peer group, documented on the page
    assert "駅別乗車人員のデータには横浜市の駅が含まれない" in page  # one sentence, no section
    assert "検証項目（claims.toml）は提供されていない" in page
    assert "神奈川県の値を示します" in page  # tourism at the prefecture level
    images = re.findall(r'<img src="([^"]+)"', page)
    assert len(images) == len(YOKOHAMA_FIGURES) == 13  # every figure of notebooks 01, 02, 04
    assert all(s.startswith("data:image/png;base64,") for s in images)
    assert not re.search(r'<(?:img|script|link)[^>]+(?:src|href)="(?:https?:|file:|/)', page)


@pytest.mark.slow
def test_yokohama_ranks_6th_of_20_in_the_comparison_data(yokohama):
    out, _ = yokohama
    head, rows = _sheet(out / report.EXCEL_NAME, "比較グループ")
    col = {h: i for i, h in enumerate(head)}
    by_code = {r[col["地域コード"]]: r for r in rows}
    row = by_code["14100"]
    assert row[col["増減率の順位（20地域中）"]] == 6
    # SSDSE-A-2021 and -2026, column C2208 (従業者数・民営) of 横浜市
    assert row[col["従業者数 2016年（人）"]] == 1475974
    assert row[col["従業者数 2021年（人）"]] == 1527783
    assert sorted(r[col["増減率の順位（20地域中）"]] for r in rows
                  if r[col["増減率の順位（20地域中）"]] is not None) == list(range(1, 21))
    # the data behind the figure: the executed notebook 02 shows the same rank table
    executed = (out / "notebooks" / "02_city_comparison.ipynb").read_text(encoding="utf-8")
    assert '"injected-parameters"' in executed
    assert 'FOCUS = \\"14100\\"' in executed  # papermill's injected cell, JSON-escaped


@pytest.mark.slow
def test_workbook_number_formats_filters_and_print_setup(yokohama):
    out, _ = yokohama
    wb = load_workbook(out / report.EXCEL_NAME)
    assert wb.sheetnames == ["経済センサス", "比較グループ", "特化係数", "シフト・シェア分析",
                             "延べ宿泊者数（年）", "出典"]
    for ws in wb:
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A2:"), ws.title
        assert ws.print_title_rows == "$2:$2", ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
    ws = wb["比較グループ"]
    head = {c.value: c.column for c in ws[2]}
    third = {h: ws.cell(row=3, column=c) for h, c in head.items()}
    assert third["従業者数 2016年（人）"].number_format == "#,##0"
    assert third["従業者数の増減率"].number_format == "0.0%"
    assert third["増減率の順位（20地域中）"].number_format == "0"
    ws = wb["経済センサス"]
    head = {c.value: c.column for c in ws[2]}
    assert ws.cell(row=3, column=head["従業者数（人）"]).number_format == "#,##0"
    rows = list(wb["出典"].iter_rows(min_row=3, values_only=True))
    assert len(rows) == len(read_catalog())


# --------------------------------------------------------------------------- Kawasaki


@pytest.mark.slow
def test_kawasaki_report_has_stations_and_a_readable_audit(kawasaki):
    out, index = kawasaki
    page = index.read_text(encoding="utf-8")
    assert "川崎市" in re.search(r"<title>(.*?)</title>", page).group(1)
    assert (out / "figures" / "03_station_ridership_index.png").exists()
    audit = page[page.index('<section id="claims">'):page.index('<section id="sources">')]
    registry = tomllib.loads(CLAIMS_TOML.read_text(encoding="utf-8"))["claim"]
    assert '<table class="audit">' in audit and audit.count("<tr>") == 1 + len(registry)  # header + 28 claims
    assert not JSON_LIKE.search(audit), "JSON in the audit table"
    assert not re.search(r">\s*None\s*<", audit) and "None" not in audit
    assert "41,028" in audit  # thousands separators (the plan's 2016 establishments)
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    assert wb.sheetnames == ["経済センサス", "比較グループ", "特化係数", "シフト・シェア分析",
                             "駅乗車人員", "延べ宿泊者数（年）", "計画の検証", "成果指標の達成見通し",
                             "出典"]
    for row in wb["計画の検証"].iter_rows(min_row=3, values_only=True):
        for value in row:
            assert value != "None" and not (isinstance(value, str) and JSON_LIKE.search(value))
    head, rows = _sheet(out / report.EXCEL_NAME, "駅乗車人員")
    col = {h: i for i, h in enumerate(head)}
    kosugi = {r[col["年度"]]: r for r in rows if r[col["駅名"]] == "武蔵小杉"}
    assert kosugi[2010][col["1日平均乗車人員（人/日）"]] == 99617  # JR East FY2010 table


# Run as the only notebook of a report: tells the test (by a file, written atomically) that
# the run is executing into its temporary folder, then waits until the test kills it.
WAIT_FOR_KILL = """
import os, pathlib, signal
mark = pathlib.Path({mark!r})
pathlib.Path(str(mark) + ".part").write_text(str(os.getpid()))
os.replace(str(mark) + ".part", mark)
signal.pause()
"""


@pytest.mark.slow
def test_kill_leaves_the_previous_report(kawasaki, tmp_path):
    """A run killed while its notebook executes (handshake: the notebook's kernel writes a
    marker file, then waits to be killed) leaves the previous complete report unchanged and
    its temporary folder behind, which clean_stale removes."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    out, index = kawasaki
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    mark = tmp_path / "kernel.pid"
    notebook = tmp_path / "99_wait_for_kill.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell(WAIT_FOR_KILL.format(mark=str(mark)))]),
                   notebook)
    run = (f"from kawasaki_econ import report; report.reproduce('14130', out_dir={str(out)!r}, "
           f"notebooks=[{str(notebook)!r}], quiet=True)")
    with (tmp_path / "stderr.txt").open("w") as err:
        proc = subprocess.Popen([sys.executable, "-c", run], stderr=err)
    try:
        deadline = time.monotonic() + 600  # a hang fails the test instead of blocking the suite
        while not mark.exists():
            assert proc.poll() is None, (tmp_path / "stderr.txt").read_text()
            assert time.monotonic() < deadline, "the notebook never started"
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    finally:
        proc.kill()
        if mark.exists():
            os.kill(int(mark.read_text()), signal.SIGKILL)  # the kernel the run left waiting
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before, "the previous complete report was changed by a killed run"
    stale = list(out.parent.glob(f".{out.name}.tmp-*"))
    assert len(stale) == 1, "the killed run should have left its temporary folder"
    assert (stale[0] / "figures").is_dir()  # killed while the notebooks ran into it
    removed = report.clean_stale(out)
    assert removed == stale and not list(out.parent.glob(f".{out.name}.*"))
    assert index.exists()


# --------------------------------------------------------------------------- English, others


@pytest.mark.slow
def test_english_report_by_name_has_no_japanese_headers(tmp_path):
    out = tmp_path / "yokohama-en"
    proc = _cli("report", "--focus", "横浜市", "--lang", "en", "--out", str(out),
                "--notebooks", "01")
    assert proc.returncode == 0, proc.stderr
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Yokohama" in re.search(r"<title>(.*?)</title>",
                                                                   page).group(1)
    headers = re.findall(r"<th>(.*?)</th>", page) + _headers(out / report.EXCEL_NAME)
    japanese = [h for h in headers if has_japanese(h)]
    assert not japanese, f"Japanese-only headers under --lang en: {japanese}"
    wb = load_workbook(out / report.EXCEL_NAME, read_only=True)
    assert wb.sheetnames == ["Economic census", "Peer comparison", "Location quotients",
                             "Shift-share", "Guest nights (annual)", "Sources"]


@pytest.mark.parametrize(("focus", "kind", "text"), [
    ("船橋市", "core", "中核市62市（総務省の中核市一覧、2021-04-01現在）"),
    ("真鶴町", "other", "神奈川県の市区町村"),
])
def test_core_city_and_small_town_reports_show_their_group(tmp_path, focus, kind, text):
    index = report.reproduce(focus, out_dir=tmp_path / kind, notebooks=[], quiet=True)
    page = index.read_text(encoding="utf-8")
    assert text in page
    head, rows = _sheet(tmp_path / kind / report.EXCEL_NAME, "比較グループ")
    assert len(rows) == _group_size_from_raw(kind)
    assert sum(1 for r in rows if r[2] == "対象") == 1


def _group_size_from_raw(kind: str) -> int:
    """From the raw files with the csv module: the core cities listed in
    transcribed/core_cities.csv; or for 真鶴町 (14383) 神奈川県's municipalities (codes
    14xxx) in SSDSE-A-2026 together with the 20 municipalities nationwide nearest to it in
    population (A1101, 2020)."""
    raw = project_root() / "data" / "raw"
    if kind == "core":
        text = (raw / "transcribed" / "core_cities.csv").read_text(encoding="utf-8")
        return len(list(csv.DictReader(io.StringIO(text))))
    text = (raw / "ssdse" / "SSDSE-A-2026.csv").read_bytes().decode("cp932")
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("A1101")
    population = {r[0][1:]: int(r[column]) for r in rows[3:]}
    manazuru = population.pop("14383")
    nearest = sorted(population, key=lambda code: abs(population[code] - manazuru))[:20]
    kanagawa = {code for code in population if code.startswith("14")} | {"14383"}
    return len(kanagawa | set(nearest))


def test_ambiguous_and_unknown_focus_are_usage_errors(tmp_path):
    proc = _cli("report", "--focus", "府中市", "--out", str(tmp_path / "x"))
    assert proc.returncode == 1 and "13206" in proc.stderr and "34208" in proc.stderr
    assert not (tmp_path / "x").exists()
    proc = _cli("report", "--focus", "99999", "--out", str(tmp_path / "y"))
    assert proc.returncode == 1 and "no municipality with code 99999" in proc.stderr


def test_a_folder_that_is_not_a_report_is_never_replaced(tmp_path):
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "notes.txt").write_text("mine", encoding="utf-8")
    proc = _cli("report", "--focus", "14130", "--out", str(keep), "--notebooks", "01")
    assert proc.returncode == 1 and "not a report folder" in proc.stderr
    assert [p.name for p in keep.iterdir()] == ["notes.txt"]
    assert not list(tmp_path.glob(".documents.*"))


def test_parameters_are_injected_after_the_parameters_cell():
    import nbformat

    nb = nbformat.read(report.notebooks_dir() / "01_census_trends.ipynb", as_version=4)
    report.inject_parameters(nb, {"FOCUS": "14100", "LANG": "en"})
    tags = [c.metadata.get("tags", []) for c in nb.cells]
    at = next(i for i, t in enumerate(tags) if report.PARAMETERS_TAG in t)
    assert report.INJECTED_TAG in tags[at + 1]
    assert 'FOCUS = "14100"' in nb.cells[at + 1].source  # papermill's parameterisation
    report.inject_parameters(nb, {"FOCUS": "14130"})  # replaces, never stacks
    assert sum(report.INJECTED_TAG in c.metadata.get("tags", []) for c in nb.cells) == 1


def test_failed_notebook_is_reported(tmp_path):
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    bad = tmp_path / "99_bad.ipynb"
    nbformat.write(new_notebook(cells=[new_code_cell("raise ValueError('boom')")]), bad)
    with pytest.raises(report.NotebookError, match="99_bad.ipynb"):
        report.execute_notebooks([bad], out_dir=tmp_path / "out", figures_dir=tmp_path / "f",
                                 tables_dir=tmp_path / "t", quiet=True, timeout=60)
    assert (tmp_path / "out" / "99_bad.ipynb").exists()
