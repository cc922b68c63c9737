"""Which report sections the data can fill for a municipality in focus.

* ``tourism``: guest nights are published by prefecture only — always shown, at the level
  of the focus's prefecture (the note says so).
* ``stations``: station ridership only where the data has stations in the focus
  municipality (:func:`~kawasaki_econ.analysis.series.stations_of`; the shipped
  ridership data labels Kawasaki's JR stations only).
* ``claims`` and ``kpi``: the claims audit and the outcome indicators are Kawasaki's
  plan. They appear for Kawasaki, and ``claims`` also for a municipality whose analyst
  supplies a claims registry as ``data/raw/plan/<code>/claims.toml`` (catalogued like
  any raw file). The ``kpi`` table has no area column: its indicators are Kawasaki's.

A section without data is not drawn; the report and the notebooks print its note — one
sentence — instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..paths import raw_dir
from .areas import KAWASAKI
from .series import stations_of

SECTIONS = ("tourism", "stations", "claims", "kpi")

#: Notebook (name prefix) -> the section it belongs to; notebooks not listed always run.
NOTEBOOK_SECTIONS: dict[str, str] = {
    "03_": "stations",
    "05_": "claims",
    "06_": "kpi",
}

_NOTES: dict[str, tuple[str, str]] = {
    "tourism": ("延べ宿泊者数は都道府県別にのみ公表されるため、{name}を含む{pref}の値を示します。",
                "Guest nights are published by prefecture only: the figures are those of "
                "{pref_en}, which contains {name}."),
    "stations": ("駅別乗車人員のデータには{name}の駅が含まれないため、この節は省略します。",
                 "The station ridership data has no station in {name}, so this section is "
                 "left out."),
    "claims": ("計画の数値の検証は川崎市の産業振興プランが対象で、{name}の検証項目（claims.toml）は"
               "提供されていないため、この節は省略します。",
               "The claims audit covers Kawasaki's industrial promotion plan and no claims "
               "registry has been supplied for {name}, so this section is left out."),
    "kpi": ("成果指標は川崎市の産業振興プランのものであり、{name}の指標データはないため、この節は省略します。",
            "The outcome indicators are those of Kawasaki's plan and there is no indicator "
            "data for {name}, so this section is left out."),
}


@dataclass(frozen=True)
class Section:
    """A report section for one municipality in focus.

    Parameters
    ----------
    key : str
        The section, one of :data:`SECTIONS` (``tourism``, ``stations``, ``claims``,
        ``kpi``).
    available : bool
        Whether the data can fill the section for the focus.
    note : str, default ''
        The one sentence printed in the section's place (or beside it, for ``tourism``
        shown at prefecture level); empty when the section is shown as it is.

    Examples
    --------
    >>> from kawasaki_econ.analysis.coverage import Section
    >>> Section("kpi", available=True)
    Section(key='kpi', available=True, note='')
    """

    key: str
    available: bool
    note: str = ""


def claims_registry(focus: str, root: Path | None = None) -> Path | None:
    """The claims registry that applies to a municipality.

    Parameters
    ----------
    focus : str
        5-digit municipality code (14130 = 川崎市).
    root : pathlib.Path, optional
        Project root (default: the checkout, or ``KAWASAKI_ECON_ROOT``).

    Returns
    -------
    pathlib.Path or None
        An analyst-supplied ``data/raw/plan/<code>/claims.toml`` if it exists; else the
        registry of the focus's plan shipped with the package (Kawasaki's plan, 14130);
        else None.

    Examples
    --------
    >>> from kawasaki_econ.analysis.coverage import claims_registry
    >>> claims_registry("14130").name
    'claims.toml'
    >>> claims_registry("14100") is None
    True
    """
    supplied = raw_dir(root) / "plan" / focus / "claims.toml"
    if supplied.exists():
        return supplied
    if focus == KAWASAKI:
        from .claims import REGISTRY

        return Path(REGISTRY)
    return None


def section(key: str, focus: str, name: str, lang: str = "ja", *,
            prefecture: str = "", prefecture_en: str = "",
            root: Path | None = None) -> Section:
    """Whether a report section can be shown for a municipality, and its note.

    Parameters
    ----------
    key : str
        One of :data:`SECTIONS`: ``tourism``, ``stations``, ``claims``, ``kpi``.
    focus : str
        5-digit municipality code (14130 = 川崎市).
    name : str
        The municipality's name, for the note (e.g. 横浜市).
    lang : {'ja', 'en'}, default 'ja'
        Language of the note.
    prefecture, prefecture_en : str, default ''
        The focus's prefecture in Japanese and English, for the ``tourism`` note (guest
        nights are published by prefecture only).
    root : pathlib.Path, optional
        Project root (where an analyst-supplied claims registry is looked for).

    Returns
    -------
    Section
        ``available`` and the one-sentence ``note`` (empty when none is needed).

    Raises
    ------
    ValueError
        If ``key`` is not one of :data:`SECTIONS`.

    Examples
    --------
    >>> from kawasaki_econ.analysis.coverage import section
    >>> s = section("kpi", "14100", "Yokohama", lang="en")
    >>> s.available, s.note[:40]
    (False, 'The outcome indicators are those of Kawa')
    """
    if key not in SECTIONS:
        raise ValueError(f"unknown section {key!r}; one of {SECTIONS}")
    if key == "tourism":
        available = True
        needs_note = focus[:2] + "000" != focus
    elif key == "stations":
        available = bool(stations_of(focus))
        needs_note = not available
    elif key == "claims":
        available = claims_registry(focus, root) is not None
        needs_note = not available
    else:
        available = focus == KAWASAKI
        needs_note = not available
    ja, en = _NOTES[key]
    text = (ja if lang == "ja" else en).format(name=name, pref=prefecture,
                                               pref_en=prefecture_en or prefecture)
    return Section(key, available, text if needs_note else "")


def notebook_section(notebook_name: str) -> str | None:
    """The report section a notebook belongs to.

    Parameters
    ----------
    notebook_name : str
        File name or stem of a notebook, e.g. ``03_station_ridership.ipynb``.

    Returns
    -------
    str or None
        The section key (see :data:`NOTEBOOK_SECTIONS`), or None for a notebook that
        always runs.

    Examples
    --------
    >>> from kawasaki_econ.analysis.coverage import notebook_section
    >>> notebook_section("03_station_ridership"), notebook_section("01_census_trends")
    ('stations', None)
    """
    for prefix, key in NOTEBOOK_SECTIONS.items():
        if notebook_name.startswith(prefix):
            return key
    return None


__all__ = ["NOTEBOOK_SECTIONS", "SECTIONS", "Section", "claims_registry", "notebook_section",
           "section"]
