"""A refused forecast answers in the user's language: every ForecastError carries the same
sentence in Japanese (``ja=``), the CLI prints it with ``--lang ja`` (the default) and the
English one with ``--lang en``, and the Japanese text survives pickling (errors cross
process boundaries)."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest

import kawasaki_econ
from kawasaki_econ.cli import main
from kawasaki_econ.errors import ForecastError, IngestError, KawasakiEconError
from kawasaki_econ.forecast.options import TooFewObservations
from kawasaki_econ.lang import has_japanese

PACKAGE = Path(kawasaki_econ.__file__).resolve().parent

#: Refused commands: (indicator, arguments, words of the English sentence, of the Japanese).
REFUSALS = [
    ("P7_tourists_irikomi", ["--target", "40", "--by", "FY2025"],
     "enter a change over a base year as --target +40% --base FY2014",
     "--target +40% --base FY2014（基準年の値 × 1.40）"),
    ("P7_hotel_guests_foreign", ["--target", "-5", "--by", "FY2027"],
     "target -5 is negative, but the series is a count", "目標 -5 は負の値"),
    ("P7_hotel_guests_foreign", ["--target", "300000", "--by", "FY1900"],
     "FY1900 is before the first observation of the driver (2011-01)",
     "1900年度は説明系列の最初の観測（2011年1月）より前"),
    ("P7_hotel_guests_foreign", ["--target", "300000", "--by", "2027"],
     "--by 2027 is ambiguous", "--by 2027 は年度か暦年かが曖昧"),
]


def _refused(capsys, argv: list[str]) -> str:
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err
    assert err.startswith("error: ") and err.count("\n") == 1 and err.endswith("\n")
    return err


@pytest.mark.parametrize("indicator, argv, en, ja", REFUSALS,
                         ids=["bare-number-for-a-change", "negative-count", "before-the-data",
                              "bare-year"])
def test_cli_refusal_speaks_the_users_language(capsys, indicator, argv, en, ja):
    """Japanese by default and with --lang ja, English with --lang en: one line each."""
    base = ["forecast", "--indicator", indicator, *argv]
    for command in (base, [*base, "--lang", "ja"]):
        err = _refused(capsys, command)
        assert has_japanese(err) and ja in err and en not in err, err
    err = _refused(capsys, [*base, "--lang", "en"])
    assert en in err and not has_japanese(err), err


def test_status_board_gives_the_reason_in_the_boards_language(monkeypatch):
    """A reason the board has no words of its own for is the error's own text, in the
    board's language."""
    import pandas as pd

    from kawasaki_econ.forecast import overview

    def refuse(*args, **kwargs):
        raise ForecastError("the series has no observation", ja="系列に観測がない")

    monkeypatch.setattr(overview, "forecast_indicator", refuse)
    kpi = pd.DataFrame([{
        "indicator_id": "X1", "name_ja": "指標", "unit": "persons", "kind": "target",
        "period": 2027, "period_type": "fiscal_year", "value": 10.0, "direction": ">=",
        "target_label": None, "unit_original": "persons", "indicator_direction": "higher",
    }, {
        "indicator_id": "X1", "name_ja": "指標", "unit": "persons", "kind": "actual",
        "period": 2020, "period_type": "fiscal_year", "value": 5.0, "direction": None,
        "target_label": None, "unit_original": "persons", "indicator_direction": "higher",
    }])
    notes = {lang: overview.status_board(kpi=kpi, lang=lang)["note"].iloc[0]
             for lang in ("ja", "en")}
    assert notes == {"ja": "系列に観測がない", "en": "the series has no observation"}


def _forecast_error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """ForecastError and the names of every class of the package derived from it."""
    names = {"ForecastError"}
    while True:
        found = {node.name for tree in trees.values() for node in ast.walk(tree)
                 if isinstance(node, ast.ClassDef)
                 and any(isinstance(b, ast.Name) and b.id in names
                         or isinstance(b, ast.Attribute) and b.attr in names
                         for b in node.bases)}
        if found <= names:
            return names
        names |= found


def test_every_forecast_error_raised_in_the_package_has_japanese():
    trees = {path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
             for path in sorted(PACKAGE.rglob("*.py"))}
    classes = _forecast_error_classes(trees)
    assert "TooFewObservations" in classes
    raised, missing = 0, []
    for path, tree in trees.items():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            exc = node.exc
            name = (exc.func if isinstance(exc, ast.Call) else exc)
            name = getattr(name, "id", None) or getattr(name, "attr", None)
            if name not in classes:
                continue
            raised += 1
            ja = ([k.value for k in exc.keywords if k.arg == "ja"]
                  if isinstance(exc, ast.Call) else [])
            if not ja or isinstance(ja[0], ast.Constant) and not ja[0].value:
                missing.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert raised >= 60  # the walk does find the refusals
    assert not missing, f"raise {'/'.join(sorted(classes))} without ja=: {missing}"


def test_japanese_text_and_english_str():
    exc = ForecastError("the series is empty", ja="系列が空")
    assert str(exc) == "the series is empty" and exc.args == ("the series is empty",)
    assert exc.text("ja") == "系列が空" and exc.text("en") == "the series is empty"
    plain = ForecastError("no Japanese given")
    assert plain.ja is None and plain.text("ja") == "no Japanese given"


@pytest.mark.parametrize("make", [
    lambda: ForecastError("the series is empty", ja="系列が空"),
    lambda: TooFewObservations("1 observation(s)", n_obs=1, ja="観測が1件しかない"),
    lambda: KawasakiEconError("plain", ja="日本語"),
])
def test_pickling_keeps_the_japanese_text(make):
    exc = make()
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc) and back.args == exc.args
    assert back.ja == exc.ja and back.text("ja") == exc.text("ja") and str(back) == str(exc)
    assert getattr(back, "n_obs", None) == getattr(exc, "n_obs", None)


def test_subclasses_with_their_own_init_keep_their_behaviour():
    exc = IngestError("expected a number", file="a.csv", row=3)
    assert str(exc) == "file a.csv, row 3: expected a number" and exc.ja is None
    back = pickle.loads(pickle.dumps(exc))
    assert (str(back), back.file, back.row, back.sheet) == (str(exc), "a.csv", 3, None)
    assert back.text("ja") == str(exc)
    few = TooFewObservations("too few", 2)
    assert (few.n_obs, few.ja, few.text("ja")) == (2, None, "too few")
