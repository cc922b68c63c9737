"""``kawasaki-econ report`` / ``make reproduce``: execute every notebook, then write one
self-contained HTML report and an Excel workbook.

* Every ``notebooks/*.ipynb`` (in name order — notebooks added later are picked up) is
  executed with nbclient in a fresh ``python3`` kernel running *this* interpreter
  (``sys.executable``, i.e. the project's ``.venv``), at most ``jobs`` at a time. The
  executed copies go to ``reports/notebooks/``; the sources stay output-free.
* The notebooks save their figures (PNG + SVG + a small JSON caption) into
  ``reports/figures/`` — the directory is passed to the kernels in
  ``$KAWASAKI_ECON_FIGURES``.
* ``reports/index.html``: every figure embedded as base64 PNG, the claims audit table,
  the notebooks' titles and statements, and the data sources — readable without Jupyter.
* ``reports/kawasaki_econ_tables.xlsx``: one sheet per key table with Japanese headers
  and units, plus a 出典 (sources) sheet from ``data/raw/catalog.toml``.

Progress goes to stderr; :func:`reproduce` returns the path of ``index.html``.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import html
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .errors import KawasakiEconError
from .paths import project_root, reports_dir

if TYPE_CHECKING:
    import pandas as pd

FIGURES_ENV = "KAWASAKI_ECON_FIGURES"  # same names as in kawasaki_econ.figures.style
TABLES_ENV = "KAWASAKI_ECON_TABLES"
CLAIMS_TABLE = "05_claims_audit.json"  # written by notebooks/05_claims_audit.ipynb
HTML_NAME = "index.html"
EXCEL_NAME = "kawasaki_econ_tables.xlsx"
TIMINGS_NAME = "timings.json"


class NotebookError(KawasakiEconError):
    """A notebook failed to execute (a cell raised, or it timed out)."""


@dataclass
class NotebookRun:
    name: str
    source: Path
    executed: Path
    seconds: float = 0.0
    title: str = ""
    intro: str = ""
    error: str | None = None
    figures: list[str] = field(default_factory=list)


def _progress(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def notebooks_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "notebooks"


def notebook_paths(root: Path | None = None) -> list[Path]:
    """Every notebook of ``notebooks/``, in name order."""
    return sorted(notebooks_dir(root).glob("*.ipynb"))


# --------------------------------------------------------------------------- execution


def _kernel_manager_class():
    """An AsyncKernelManager whose kernel is ``sys.executable -m ipykernel_launcher``.

    The ``python3`` kernelspec normally resolves to the current interpreter, but a
    user-level kernelspec of the same name could point elsewhere; pinning the command
    makes the notebooks run in the same environment as the caller (CI: ``.venv``).
    """
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class VenvKernelManager(AsyncKernelManager):
        @property
        def kernel_spec(self):  # type: ignore[override]
            return KernelSpec(
                argv=[sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
                      "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"],
                display_name="Python 3 (ipykernel)", language="python", resource_dir="",
                metadata={},
            )

    return VenvKernelManager


def _intro(nb) -> tuple[str, str]:
    """Title (first heading) and statement (rest) of the first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            lines = cell.source.strip().splitlines()
            title = ""
            if lines and lines[0].startswith("#"):
                title = lines[0].lstrip("#").strip()
                lines = lines[1:]
            return title, "\n".join(lines).strip()
    return "", ""


async def _execute_one(run: NotebookRun, timeout: int, env: dict[str, str],
                       semaphore: asyncio.Semaphore, quiet: bool) -> NotebookRun:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    nb = nbformat.read(run.source, as_version=4)
    run.title, run.intro = _intro(nb)
    async with semaphore:
        _progress(f"executing {run.source.name} …", quiet)
        start = time.perf_counter()
        client = NotebookClient(
            nb, timeout=timeout, kernel_name="python3",
            kernel_manager_class=_kernel_manager_class(),
            resources={"metadata": {"path": str(run.source.parent)}},
        )
        try:
            await client.async_execute(env=env)
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            run.error = f"{type(exc).__name__}: {exc}"
        finally:
            run.seconds = time.perf_counter() - start
            run.executed.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, run.executed)
    state = "FAILED" if run.error else "done"
    _progress(f"{state:6s} {run.source.name} in {run.seconds:.1f} s", quiet)
    return run


async def _execute_all(runs: list[NotebookRun], timeout: int, env: dict[str, str],
                       jobs: int, quiet: bool, previous: dict[str, float]) -> list[NotebookRun]:
    # Longest first (by the previous run's times; new notebooks first), which balances
    # the parallel lanes; the results keep name order.
    order = sorted(runs, key=lambda r: -previous.get(r.source.name, float("inf")))
    semaphore = asyncio.Semaphore(max(1, jobs))
    await asyncio.gather(*(_execute_one(r, timeout, env, semaphore, quiet) for r in order))
    return runs


def previous_timings(reports: Path) -> dict[str, float]:
    """Per-notebook seconds of the last run (``reports/timings.json``), if any."""
    try:
        data = json.loads((reports / TIMINGS_NAME).read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data.get("notebooks", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _run_coroutine(coro):
    """``asyncio.run`` — in a worker thread when called from a running event loop
    (e.g. from a notebook)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


JOBS_ENV = "KAWASAKI_ECON_JOBS"


def default_jobs() -> int:
    """Notebooks executed at once: ``$KAWASAKI_ECON_JOBS``, else the number of CPUs, at
    most 2 (each kernel is one busy process; more would only contend)."""
    env = os.environ.get(JOBS_ENV, "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return max(1, min(2, os.cpu_count() or 1))


def execute_notebooks(
    notebooks: list[Path] | None = None,
    *,
    out_dir: Path | None = None,
    figures_dir: Path | None = None,
    tables_dir: Path | None = None,
    timeout: int = 300,
    jobs: int | None = None,
    root: Path | None = None,
    quiet: bool = False,
) -> list[NotebookRun]:
    """Execute ``notebooks`` (default: all, in name order) into ``out_dir`` (default
    ``reports/notebooks``) with ``$KAWASAKI_ECON_FIGURES`` = ``figures_dir`` (default
    ``reports/figures``) and ``$KAWASAKI_ECON_TABLES`` = ``tables_dir`` (default
    ``reports/tables``). Raises :class:`NotebookError` naming every failed notebook
    (after all have run; executed copies are written either way)."""
    reports = reports_dir(root)
    out_dir = Path(out_dir or reports / "notebooks")
    figures_dir = Path(figures_dir or reports / "figures")
    tables_dir = Path(tables_dir or reports / "tables")
    figures_dir.mkdir(parents=True, exist_ok=True)
    tables_dir.mkdir(parents=True, exist_ok=True)
    paths = notebook_paths(root) if notebooks is None else [Path(p) for p in notebooks]
    if not paths:
        raise NotebookError(f"no notebooks found in {notebooks_dir(root)}")
    env = dict(os.environ)
    env[FIGURES_ENV] = str(figures_dir.resolve())
    env[TABLES_ENV] = str(tables_dir.resolve())
    if root is not None:
        env["KAWASAKI_ECON_ROOT"] = str(Path(root).resolve())
    env.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    env.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    runs = [NotebookRun(p.stem, p, out_dir / p.name) for p in paths]
    previous = previous_timings(out_dir.parent)
    runs = _run_coroutine(_execute_all(runs, timeout, env, jobs or default_jobs(), quiet,
                                       previous))
    failed = [r for r in runs if r.error]
    if failed:
        details = "\n".join(f"  {r.source.name}: {_short(r.error)} (executed copy: {r.executed})"
                            for r in failed)
        raise NotebookError(f"{len(failed)} notebook(s) failed:\n{details}")
    return runs


def _short(text: str | None, limit: int = 1500) -> str:
    text = re.sub(r"\x1b\[[0-9;]*m", "", text or "")
    return text if len(text) <= limit else text[:limit] + " …"


# --------------------------------------------------------------------------- figures


def figure_records(figures_dir: Path) -> list[dict[str, Any]]:
    """One record per saved figure (PNG, with its JSON caption if present), by name."""
    records = []
    for png in sorted(figures_dir.glob("*.png")):
        meta_file = png.with_suffix(".json")
        meta = {}
        if meta_file.exists():
            try:
                meta = json.loads(meta_file.read_text(encoding="utf-8"))
            except json.JSONDecodeError:
                meta = {}
        records.append({"name": png.stem, "png": png, "svg": png.with_suffix(".svg"),
                        "title": meta.get("title") or png.stem, "notes": meta.get("notes", []),
                        "source": meta.get("source") or ""})
    return records


def _clear_outputs(*dirs: Path) -> None:
    """Remove the figures and tables of an earlier run (they are regenerated)."""
    for directory in dirs:
        if directory.exists():
            for pattern in ("*.png", "*.svg", "*.json"):
                for file in directory.glob(pattern):
                    file.unlink()


# --------------------------------------------------------------------------- tables

STATUS_JA = {
    "confirmed": "確認",
    "confirmed_other_vintage": "別の公表版で確認",
    "contradicted": "不一致",
    "unverifiable": "検証不能",
    "plan_statement": "計画内の記述",  # = analysis.claims.STATUS_LABELS["ja"] (claims audit)
}
SCOPE_JA = {"all": "全事業所（公務含む）", "private": "民営事業所"}
SURVEY_JA = {"economic_census_basic": "経済センサス‐基礎調査",
             "economic_census_activity": "経済センサス‐活動調査",
             "establishment_enterprise_census": "事業所・企業統計調査"}
DATA_STATUS_JA = {"final": "確報", "preliminary": "速報", "estimate": "推計", "rounded": "概数",
                  "target": "目標", "derived": "加工（合計等）", "unknown": "不明"}


def _plain(value: Any) -> Any:
    """Cell value for Excel/HTML: dicts and lists as compact JSON, NaN as empty."""
    if value is None:
        return None
    if isinstance(value, (dict, list, tuple)):
        return json.dumps(value, ensure_ascii=False)
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def claims_table(saved: Path | None = None) -> pd.DataFrame:
    """The claims audit: the table the claims notebook saved during this run (``saved``)
    if present, else computed (``analysis.claims.claims_frame``)."""
    if saved is not None and saved.exists():
        import pandas as pd

        return pd.DataFrame(json.loads(saved.read_text(encoding="utf-8")))
    from .analysis.claims import claims_frame

    return claims_frame()


def census_summary(census: pd.DataFrame) -> pd.DataFrame:
    """Establishments and employees of the designated cities, 東京都区部 and the nation,
    every census year (SSDSE-A; nation: official figures where present)."""
    import pandas as pd

    from .analysis import DESIGNATED_CITIES, with_tokyo_wards

    data = with_tokyo_wards(census)
    codes = list(DESIGNATED_CITIES) + ["13100"]
    rows = data[data["area_code"].isin(codes) & (data["dataset"] == "SSDSE-A")
                & (data["industry_code"] == "ALL")]
    wide = rows.pivot_table(index=["area_code", "area_name", "census_year", "survey", "scope",
                                   "status"], columns="measure", values="value",
                            aggfunc="first").reset_index()
    sources = rows.groupby(["area_code", "census_year"])["source"].first()
    wide["source"] = [sources.get((a, y), "") for a, y in
                      zip(wide["area_code"], wide["census_year"], strict=True)]
    order = {c: i for i, c in enumerate(codes)}
    wide = wide.sort_values(["area_code", "census_year"],
                            key=lambda s: s.map(order) if s.name == "area_code" else s)
    return pd.DataFrame({
        "地域コード": wide["area_code"],
        "地域名": wide["area_name"],
        "調査年": wide["census_year"].astype(int),
        "調査": wide["survey"].map(SURVEY_JA).fillna(wide["survey"]),
        "範囲": wide["scope"].map(SCOPE_JA).fillna(wide["scope"]),
        "事業所数（事業所）": wide.get("establishments"),
        "従業者数（人）": wide.get("employees"),
        "状態": wide["status"].map(DATA_STATUS_JA).fillna(wide["status"]),
        "出典": wide["source"],
    }).reset_index(drop=True)


def city_comparison(census: pd.DataFrame) -> pd.DataFrame:
    """Employee change 2016→2021 and the G / L shares (2016, 2021) of the big cities."""
    import pandas as pd

    from .analysis import industry_shares, rank_change

    ranked = rank_change(census, 2016, 2021, measure="employees")
    est = rank_change(census, 2016, 2021, measure="establishments").set_index("area_code")
    out = pd.DataFrame({
        "地域コード": ranked["area_code"],
        "地域名": ranked["area_name"],
        "従業者数 2016年（人）": ranked["value_start"].round().astype("Int64"),
        "従業者数 2021年（人）": ranked["value_end"].round().astype("Int64"),
        "従業者数の増減（人）": ranked["change"].round().astype("Int64"),
        "従業者数の増減率（%）": ranked["pct_change"].round(2),
        "増減率の順位（指定都市20市中）": ranked["rank"],
        "事業所数の増減率（%）": ranked["area_code"].map(est["pct_change"]).round(2),
    })
    for year in (2016, 2021):
        shares = industry_shares(census, year).set_index(["area_code", "industry_code"])
        for code, name in (("G", "情報通信業"), ("L", "学術研究，専門・技術サービス業")):
            key = [(a, code) for a in out["地域コード"]]
            out[f"{name}の従業者割合 {year}年（%）"] = [
                round(float(shares.loc[k, "share_pct"]), 2) if k in shares.index else None
                for k in key]
            out[f"{name}の割合の順位 {year}年"] = [
                _plain(shares.loc[k, "rank_designated"]) if k in shares.index else None
                for k in key]
    out["注記"] = ranked["caveat"].map(
        lambda c: "2021年調査は法人番号により把握範囲を拡大（増減の一部は把握範囲の拡大による）"
        if c else "")
    out.loc[out["地域コード"] == "13100", "注記"] += "；東京都区部は23区の合計（参考、順位対象外）"
    return out


def ridership_table(ridership: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    from .analysis import index_to
    from .figures.series import station_series

    s = index_to(station_series(ridership), 2009, period="fiscal_year", by=["station"])
    return pd.DataFrame({
        "事業者": "JR東日本",
        "駅名": s["station"],
        "年度": s["fiscal_year"].astype(int),
        "1日平均乗車人員（人/日）": s["value"].round().astype("Int64"),
        "指数（2009年度 = 100）": s["index"].round(1),
        "状態": s["status"].map(DATA_STATUS_JA).fillna(s["status"]),
        "出典": s["source"],
    })


def guest_nights_table(guest_nights: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    from .figures.series import guest_nights_annual

    parts = [guest_nights_annual(guest_nights, ("00", "14"), nationality=n)
             for n in ("foreign", "total")]
    a = pd.concat(parts, ignore_index=True)
    return pd.DataFrame({
        "地域コード": a["area_code"],
        "地域名": a["area_name"],
        "暦年": a["period"].astype(int),
        "国籍": a["nationality"].map({"foreign": "外国人", "total": "総数"}),
        "施設の範囲": a["frame"].map({"all_facilities": "全施設",
                                  "employees_10plus": "従業者数10人以上"}),
        "延べ宿泊者数（人泊）": a["value"].round().astype("Int64"),
        "基準": a["basis"].map({"published": "公表年計", "sum_of_months": "月次12か月の合計（参考）"}),
        "状態": a["status"].map(DATA_STATUS_JA).fillna(a["status"]),
        "出典": a["source"],
    }).sort_values(["国籍", "地域コード", "暦年"], ignore_index=True)


def claims_sheet(claims: pd.DataFrame) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame({
        "ID": claims["id"],
        "章・節": claims["section"],
        "頁": claims["page"],
        "計画の記述": claims["statement_ja"],
        "計画の値": claims["claimed"].map(_plain),
        "データによる値": claims["computed"].map(_plain),
        "単位": claims["unit"],
        "判定": claims["status"].map(lambda s: f"{STATUS_JA.get(s, s)} ({s})"),
        "説明": claims["note"],
        "出典": claims["sources"].map(_plain),
    })


def sources_sheet(root: Path | None = None) -> pd.DataFrame:
    import pandas as pd

    from .catalog import read_catalog

    entries = read_catalog(root)
    return pd.DataFrame([{
        "ファイル（data/raw/）": e.path,
        "発行者": e.get("publisher"),
        "入手元": e.get("origin"),
        "公表・版": e.get("release"),
        "取得": e.get("retrieved"),
        "内容": e.get("covers"),
        "注意事項": e.get("caveats"),
        "利用条件": e.get("license"),
        "SHA-256": e.sha256,
    } for e in entries.values()])


def key_tables(root: Path | None = None, claims: pd.DataFrame | None = None
               ) -> dict[str, pd.DataFrame]:
    """The workbook's sheets: name -> table (Japanese headers with units). ``claims``:
    the audit frame if already computed."""
    from .tables import load

    census = load("census", root=root)
    tables = {
        "経済センサス": census_summary(census),
        "他都市比較": city_comparison(census),
        "駅乗車人員": ridership_table(load("ridership", root=root)),
        "延べ宿泊者数（年）": guest_nights_table(load("guest_nights", root=root)),
    }
    if claims is None:
        try:
            claims = claims_table()
        except ImportError:  # claims module not available
            claims = None
    if claims is not None:
        tables["計画の検証"] = claims_sheet(claims)
    tables["出典"] = sources_sheet(root)
    return tables


SHEET_NOTES = {
    "経済センサス": "政令指定都市と東京都区部（23区の合計）の事業所数・従業者数。2014年は公務を含む全事業所、"
    "2016・2021年は民営事業所のみで、直接比較できない。",
    "他都市比較": "2016→2021年（民営）の従業者数の増減と業種別割合。2021年調査は法人番号により把握範囲を拡大。",
    "駅乗車人員": "JR東日本 市内各駅の1日平均乗車人員（年度）。欠けた年度は行がない（補間なし）。",
    "延べ宿泊者数（年）": "観光庁 宿泊旅行統計調査（全施設）。公表年計のない年は月次12か月の合計を参考として掲載。",
    "計画の検証": "かわさき産業振興プラン第2期実行プログラム（平成30年3月）の数値の検証結果。",
    "出典": "data/raw/catalog.toml に登録された原データ。",
}


def write_excel(path: Path, tables: dict[str, pd.DataFrame]) -> Path:
    """Write ``tables`` to ``path``: a note row, a bold header row, frozen panes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    for name, df in tables.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append([SHEET_NOTES.get(name, "")])
        ws["A1"].font = Font(italic=True, color="555555")
        ws.append(list(df.columns))
        for cell in ws[2]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in df.itertuples(index=False):
            ws.append([_plain(v) for v in row])
        ws.freeze_panes = "A3"
        for i, col in enumerate(df.columns, start=1):
            values = [str(col)] + [str(v) for v in df[col].head(200) if v is not None]
            width = max(len(v.encode("utf-8")) * 0.7 for v in values) + 2
            ws.column_dimensions[get_column_letter(i)].width = max(8, min(width, 60))
    wb.properties.creator = f"kawasaki_econ {__version__}"
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    wb.save(tmp)
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------- HTML

CSS = """
body{font-family:"IPAexGothic","Hiragino Sans","Yu Gothic","Noto Sans CJK JP",sans-serif;
 max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.6}
h1{font-size:1.6em;border-bottom:3px solid #00798c;padding-bottom:.3em}
h2{font-size:1.3em;border-left:6px solid #00798c;padding-left:.5em;margin-top:2.2em}
figure{margin:1.5em 0;border:1px solid #ddd;padding:.6em;background:#fff}
figure img{max-width:100%;height:auto}
figcaption{font-size:.85em;color:#444}
table{border-collapse:collapse;font-size:.8em;width:100%}
th,td{border:1px solid #ccc;padding:.3em .5em;vertical-align:top;text-align:left}
th{background:#ddebf7}
.status{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;white-space:nowrap}
.confirmed{background:#3a7d44}.confirmed_other_vintage{background:#66a182}
.contradicted{background:#d1495b}.unverifiable{background:#8a8a8a}
.intro{background:#f6f8fa;padding:.6em 1em;border-radius:4px}
nav ul{columns:2}
code{background:#f0f0f0;padding:0 .2em}
small{color:#666}
"""


def _md(text: str) -> str:
    """Minimal Markdown → HTML for the notebooks' opening statements."""
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        p = html.escape(para)
        p = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", p)
        p = re.sub(r"\*(.+?)\*", r"<em>\1</em>", p)
        p = re.sub(r"`(.+?)`", r"<code>\1</code>", p)
        out.append(f"<p>{p}</p>")
    return "\n".join(out)


def _figure_html(rec: dict[str, Any]) -> str:
    data = base64.b64encode(rec["png"].read_bytes()).decode("ascii")
    notes = "".join(f"<br>{html.escape(n)}" for n in rec["notes"])
    return (f'<figure id="fig-{html.escape(rec["name"])}">'
            f'<img src="data:image/png;base64,{data}" alt="{html.escape(rec["title"])}">'
            f"<figcaption><strong>{html.escape(rec['title'])}</strong>{notes}"
            f"<br>{html.escape(rec['source'])}<br><small>{html.escape(rec['name'])}.png / "
            f".svg</small></figcaption></figure>")


def _claims_html(claims: pd.DataFrame | None) -> str:
    if claims is None:
        return "<p>The claims audit is not available (kawasaki_econ.analysis.claims).</p>"
    counts = claims["status"].value_counts()
    summary = "、".join(f"{STATUS_JA.get(s, s)} {n}件" for s, n in counts.items())
    rows = []
    for r in claims.itertuples():
        rows.append(
            "<tr>"
            f"<td>{html.escape(str(r.id))}<br><small>{html.escape(str(r.section))} "
            f"{html.escape(str(r.page))}</small></td>"
            f"<td>{html.escape(str(r.statement_ja))}</td>"
            f"<td>{html.escape(str(_plain(r.claimed)))}</td>"
            f"<td>{html.escape(str(_plain(r.computed)))}</td>"
            f"<td>{html.escape(str(r.unit))}</td>"
            f'<td><span class="status {html.escape(str(r.status))}">'
            f"{html.escape(STATUS_JA.get(r.status, str(r.status)))}</span>"
            f"<br><small>{html.escape(str(r.status))}</small></td>"
            f"<td>{html.escape(str(_plain(r.note) or ''))}</td>"
            "</tr>")
    return (f"<p>{html.escape(summary)}</p><table><thead><tr><th>ID</th><th>計画の記述</th>"
            "<th>計画の値</th><th>データによる値</th><th>単位</th><th>判定</th><th>説明</th>"
            "</tr></thead><tbody>" + "\n".join(rows) + "</tbody></table>")


def _sources_html(root: Path | None) -> str:
    from .catalog import read_catalog

    groups: dict[str, list] = {}
    for e in read_catalog(root).values():
        groups.setdefault(e.get("publisher"), []).append(e)
    rows = []
    for publisher, entries in groups.items():
        files = ", ".join(html.escape(e.path) for e in entries)
        first = entries[0]
        rows.append(f"<tr><td>{html.escape(publisher)}</td><td>{files}</td>"
                    f"<td>{html.escape(first.get('origin'))}</td>"
                    f"<td>{html.escape(first.get('license'))}</td></tr>")
    return ("<table><thead><tr><th>発行者 / publisher</th><th>ファイル (data/raw/)</th>"
            "<th>入手元 / origin</th><th>利用条件 / licence</th></tr></thead><tbody>"
            + "\n".join(rows) + "</tbody></table>")


def write_html(path: Path, runs: list[NotebookRun], figures: list[dict[str, Any]],
               claims: pd.DataFrame | None, root: Path | None = None) -> Path:
    """One self-contained HTML file (figures embedded as base64 PNG)."""
    used: set[str] = set()
    sections, toc = [], []
    for run in runs:
        prefix = run.name.split("_", 1)[0] + "_"
        figs = [f for f in figures if f["name"].startswith(prefix)]
        used.update(f["name"] for f in figs)
        run.figures = [f["name"] for f in figs]
        anchor = f"nb-{html.escape(run.name)}"
        toc.append(f'<li><a href="#{anchor}">{html.escape(run.title or run.name)}</a></li>')
        sections.append(
            f'<section id="{anchor}"><h2>{html.escape(run.title or run.name)}</h2>'
            f'<div class="intro">{_md(run.intro)}</div>'
            f'<p><small>notebook: <a href="notebooks/{html.escape(run.executed.name)}">'
            f"notebooks/{html.escape(run.executed.name)}</a> (executed in "
            f"{run.seconds:.1f} s)</small></p>"
            + "\n".join(_figure_html(f) for f in figs) + "</section>")
    others = [f for f in figures if f["name"] not in used]
    if others:
        toc.append('<li><a href="#other">その他の図 / other figures</a></li>')
        sections.append('<section id="other"><h2>その他の図 / Other figures</h2>'
                        + "\n".join(_figure_html(f) for f in others) + "</section>")
    toc += ['<li><a href="#claims">計画の数値の検証 / claims audit</a></li>',
            '<li><a href="#sources">出典 / data sources</a></li>']
    page = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>かわさき産業振興プラン 第2章の再現 — kawasaki_econ report</title>
<style>{CSS}</style></head><body>
<h1>かわさき産業振興プラン 第2章の再現<br><small>Kawasaki industrial promotion plan,
Chapter 2 reproduced from published data</small></h1>
<p>この報告は <code>make reproduce</code> により、登録された原データ（data/raw）からノートブックを
実行して作成しました。図の数値はすべて公表データに基づき、欠けた期間は補間していません。<br>
This report was built by <code>make reproduce</code>: every notebook executed on the
catalogued raw data; nothing is interpolated. The tables are also in
<a href="{EXCEL_NAME}">{EXCEL_NAME}</a>. kawasaki_econ {__version__}.</p>
<nav><ul>{"".join(toc)}</ul></nav>
{"".join(sections)}
<section id="claims"><h2>計画の数値の検証 / Claims audit</h2>{_claims_html(claims)}</section>
<section id="sources"><h2>出典 / Data sources</h2>{_sources_html(root)}</section>
</body></html>
"""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, path)
    return path


# --------------------------------------------------------------------------- entry point


def reproduce(
    timeout: int = 300,
    *,
    root: Path | None = None,
    out_dir: Path | None = None,
    jobs: int | None = None,
    quiet: bool = False,
    notebooks: list[Path] | None = None,
) -> Path:
    """Execute every notebook (or only ``notebooks``), then write ``index.html`` and the
    Excel workbook into ``out_dir`` (default ``reports/``); returns the path of
    ``index.html``.

    ``timeout`` is per cell, in seconds. Raises :class:`NotebookError` if any notebook
    fails (the executed copies show where).
    """
    from .tables import build

    start = time.perf_counter()
    build(root=root, quiet=quiet)  # fresh tables before notebooks run in parallel
    reports = Path(out_dir) if out_dir is not None else reports_dir(root)
    figures_dir, tables_dir = reports / "figures", reports / "tables"
    _clear_outputs(figures_dir, tables_dir)
    paths = notebook_paths(root) if notebooks is None else [Path(p) for p in notebooks]
    _progress(f"report: {len(paths)} notebook(s), {jobs or default_jobs()} at a time", quiet)
    runs = execute_notebooks(paths, out_dir=reports / "notebooks", figures_dir=figures_dir,
                             tables_dir=tables_dir, timeout=timeout, jobs=jobs, root=root,
                             quiet=quiet)
    figures = figure_records(figures_dir)
    _progress(f"report: {len(figures)} figure(s) in {figures_dir}", quiet)
    t = time.perf_counter()
    try:
        claims = claims_table(tables_dir / CLAIMS_TABLE)
    except ImportError:
        claims = None
    tables = key_tables(root, claims)
    excel = write_excel(reports / EXCEL_NAME, tables)
    _progress(f"report: wrote {excel} ({len(tables)} sheets) in "
              f"{time.perf_counter() - t:.1f} s", quiet)
    index = write_html(reports / HTML_NAME, runs, figures, claims, root)
    timings = {"total_seconds": round(time.perf_counter() - start, 2),
               "notebooks": {r.source.name: round(r.seconds, 2) for r in runs}}
    (reports / TIMINGS_NAME).write_text(json.dumps(timings, indent=1) + "\n", encoding="utf-8")
    _progress(f"report: wrote {index} in {time.perf_counter() - start:.1f} s", quiet)
    return index


__all__ = ["NotebookError", "NotebookRun", "execute_notebooks", "figure_records", "key_tables",
           "notebook_paths", "reproduce", "write_excel", "write_html"]
