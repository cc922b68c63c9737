"""The SSDSE-B / SSDSE-E item registry: every item code of the registered releases with
its published name, unit, kind and reference-period basis.

The registry is package data, ``ssdse_items.toml`` beside this module (``[bases.KEY]``
tables and an ``items`` list; the file's header explains the fields). It is loaded once
and checked here: an unknown kind, year basis or basis key, a duplicated code or a row of
the wrong length is an error naming the file and the row — a registry that does not
hold together is never used. How the readers use it: :mod:`kawasaki_econ.sources.ssdse_pref`.

``kind`` is ``count`` (additive counts: persons, facilities, cases, person-nights),
``amount`` (additive non-count quantities: m², t, ha, yen), ``rate`` (ratios, %,
per-capita or per-dwelling figures), ``price`` (land price per m²), ``spending``
(household spending per month) or ``weather``; only ``count`` and ``amount`` add up
across prefectures. ``year_basis`` says what a row's year means for the item:
``calendar``, ``fiscal`` (April–March of the fiscal year starting in that year),
``survey_date`` (a stock counted at a date in that year; ``reference_period`` names the
date) or ``unknown``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

import pandas as pd

from ..paths import PACKAGE_DIR

#: The registry file (package data; part of the ingest code hash, see codehash.py).
REGISTRY_FILE = PACKAGE_DIR / "sources" / "ssdse_items.toml"

YEAR_BASES = ("calendar", "fiscal", "survey_date", "unknown")
KINDS = ("count", "amount", "rate", "price", "spending", "weather")


@dataclass(frozen=True)
class Basis:
    year_basis: str  # one of YEAR_BASES
    reference_period: str  # short: 'Jan–Dec', 'Apr–Mar', '1 Oct', … ('' if unknown)
    note: str  # the survey and the evidence


@dataclass(frozen=True)
class Item:
    code: str
    name_ja: str
    unit: str | None
    kind: str
    basis: str  # key of BASES
    datasets: str  # 'B', 'E' or 'BE': the registered 2026 releases that carry it


class RegistryError(ValueError):
    """The item registry file does not hold together (a packaging or editing error)."""


def load_registry(text: str | None = None) -> tuple[dict[str, Basis], dict[str, Item]]:
    """``(BASES, ITEMS)`` from the registry TOML (the package file unless ``text``)."""
    name = REGISTRY_FILE.name
    data = tomllib.loads(REGISTRY_FILE.read_text(encoding="utf-8") if text is None else text)
    bases: dict[str, Basis] = {}
    for key, entry in data.get("bases", {}).items():
        basis = Basis(**entry)
        if basis.year_basis not in YEAR_BASES:
            raise RegistryError(f"{name}: bases.{key}: year_basis {basis.year_basis!r} not "
                                f"one of {', '.join(YEAR_BASES)}")
        bases[key] = basis
    items: dict[str, Item] = {}
    for n, row in enumerate(data.get("items", []), start=1):
        if len(row) != 6:
            raise RegistryError(f"{name}: items row {n} {row!r}: expected [code, name, unit, "
                                "kind, basis, datasets]")
        code, name_ja, unit, kind, basis_key, datasets = row
        problems = [f"kind {kind!r} not one of {', '.join(KINDS)}" if kind not in KINDS else "",
                    f"unknown basis {basis_key!r}" if basis_key not in bases else "",
                    f"code {code!r} listed twice" if code in items else "",
                    f"datasets {datasets!r} not B, E or BE"
                    if datasets not in ("B", "E", "BE") else ""]
        if any(problems):
            raise RegistryError(f"{name}: items row {n} ({code}): "
                                + "; ".join(p for p in problems if p))
        items[code] = Item(code, name_ja, unit or None, kind, basis_key, datasets)
    return bases, items


#: Reference-period basis of each group of items (keys are used in :data:`ITEMS`).
#: Item code -> registry entry (name, unit, kind, basis key) for every registered release.
BASES, ITEMS = load_registry()

#: Registered releases -> the exact item codes their header must hold.
RELEASES: dict[str, tuple[str, ...]] = {
    "SSDSE-B-2026": tuple(c for c, i in ITEMS.items() if "B" in i.datasets),
    "SSDSE-E-2026": tuple(c for c, i in ITEMS.items() if "E" in i.datasets),
}


def items_frame() -> pd.DataFrame:
    """The item registry as a frame: code, name, unit, kind, year basis, reference period,
    the note saying where the basis comes from, and the datasets carrying the item."""
    return pd.DataFrame([
        {"item_code": i.code, "item_name_ja": i.name_ja, "unit": i.unit, "kind": i.kind,
         "year_basis": BASES[i.basis].year_basis,
         "reference_period": BASES[i.basis].reference_period or None,
         "basis_note": BASES[i.basis].note,
         "datasets": ", ".join(f"SSDSE-{d}" for d in i.datasets)}
        for i in ITEMS.values()
    ])
