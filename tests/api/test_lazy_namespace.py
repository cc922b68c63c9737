"""One namespace, still a light CLI: the sub-packages are attributes of ``kawasaki_econ``,
imported on first use, and the command's help imports no pandas, numpy or matplotlib."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "matplotlib", "statsmodels")


def _modules_after(code: str) -> dict:
    """Run ``code`` in a fresh interpreter; return which heavy libraries and which
    kawasaki_econ sub-packages it left imported."""
    probe = code + (
        "\nimport json, sys\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "subs = sorted(m for m in sys.modules if m.count('.') == 1 "
        "and m.startswith('kawasaki_econ.'))\n"
        "print(json.dumps({'heavy': heavy, 'subs': subs}))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_importing_the_package_imports_no_heavy_library_and_no_subpackage():
    got = _modules_after("import kawasaki_econ")
    assert got["heavy"] == []
    assert not {"kawasaki_econ.analysis", "kawasaki_econ.forecast", "kawasaki_econ.figures",
                "kawasaki_econ.report"} & set(got["subs"])


def test_cli_help_imports_no_pandas_numpy_or_matplotlib():
    got = _modules_after(
        "import contextlib, io\n"
        "from kawasaki_econ.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        "        main(['--help'])\n"
        "    except SystemExit as exc:\n"
        "        assert exc.code == 0, exc.code\n"
    )
    assert got["heavy"] == []


def test_python_dash_m_help_exits_zero_and_prints_usage():
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "kawasaki_econ", "--help"],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert "usage:" in done.stdout
    imported = {line.split("|")[-1].strip().split(".")[0]
                for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert "kawasaki_econ" in imported  # the importtime listing is there …
    assert not imported & {"pandas", "numpy", "matplotlib"}  # … and names none of them


@pytest.mark.parametrize("name", ["analysis", "forecast", "figures", "report"])
def test_subpackage_is_an_attribute_imported_on_first_use(name):
    got = _modules_after(f"import kawasaki_econ as k\nk.{name}")
    assert f"kawasaki_econ.{name}" in got["subs"]


def test_rank_change_is_reachable_from_the_package_alone():
    got = _modules_after(
        "import kawasaki_econ as k\n"
        "assert callable(k.analysis.rank_change)\n"
        "assert 'analysis' in dir(k) and 'forecast' in dir(k)\n"
    )
    assert "kawasaki_econ.analysis" in got["subs"]


def test_unknown_attribute_raises_attribute_error():
    import kawasaki_econ

    with pytest.raises(AttributeError, match="no attribute 'analyses'"):
        kawasaki_econ.analyses  # noqa: B018


def test_a_build_with_nothing_to_do_imports_no_pandas_numpy_or_matplotlib():
    from kawasaki_econ.build import build

    build()  # bring data/processed up to date first: the command below is then a no-op
    got = _modules_after(
        "import contextlib, io\n"
        "from kawasaki_econ.cli import main\n"
        "err = io.StringIO()\n"
        "with contextlib.redirect_stderr(err):\n"
        "    assert main(['build']) == 0\n"
        "assert 'nothing to build' in err.getvalue(), err.getvalue()\n"
    )
    assert got["heavy"] == []
