"""Nothing of Kawasaki's plan in another municipality's report inputs: a designated
city, a core city and a village get no plan figures and no plan sections."""

from __future__ import annotations

import pytest

from kawasaki_econ.plans import PlanError, has_plan, plan_codes, plan_for, read_plan
from kawasaki_econ.report.sweep import PLAN_FIGURES, Sweep, problems


@pytest.fixture(scope="module")
def sweep() -> Sweep:
    return Sweep()


def _texts(outputs) -> str:
    parts = []
    for value in outputs.values():
        if isinstance(value, str):
            parts.append(value)
        else:
            parts.append(value.to_csv(index=False))
    return "\n".join(parts)


@pytest.mark.parametrize("code", ["01100", "20201", "47356"])  # 札幌市, 長野市, 渡名喜村
def test_no_kawasaki_plan_figure_elsewhere(sweep, code):
    assert not has_plan(code)
    outputs = sweep.outputs(code)
    text = _texts(outputs)
    for figure in PLAN_FIGURES:
        assert figure not in text, figure
    assert problems(code, outputs) == []


def test_kawasaki_has_its_plan_and_its_figures(sweep):
    assert plan_codes() == ("14130",)
    assert all(has_plan("14130", s) for s in ("claims", "kpi", "markers", "chapter2"))
    plan = plan_for("14130")
    assert any("41,028" in s.statement_ja for s in plan.chapter2)
    text = _texts(sweep.outputs("14130"))
    assert "41,028" in text and "544,782" in text


def test_a_bad_plan_registry_names_the_file_and_field(tmp_path):
    path = tmp_path / "14100.toml"
    path.write_text('code = "14100"\ntitle_ja = "x"\ntitle_en = "x"\n'
                    'sections = ["claims", "haneda"]\n', encoding="utf-8")
    with pytest.raises(PlanError, match=r"14100\.toml.*unknown section"):
        read_plan(path)
    path.write_text('code = "14130"\ntitle_ja = "x"\ntitle_en = "x"\nsections = []\n',
                    encoding="utf-8")
    with pytest.raises(PlanError, match="differs from the file name"):
        read_plan(path)
    with pytest.raises(ValueError, match="unknown plan section"):
        has_plan("14130", "haneda")
