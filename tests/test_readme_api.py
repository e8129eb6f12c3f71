"""The README's Python example: type-checked with mypy, and it finds quotes on the demo store."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _example() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    blocks = re.findall(r"```python\n(.*?)```", readme, re.S)
    return next(b for b in blocks if "zitat.open_store" in b)


@pytest.mark.slow
def test_readme_example_type_checks(tmp_path):
    pytest.importorskip("mypy", reason="mypy is in the dev extra")
    script = tmp_path / "example.py"
    script.write_text(_example() + "\nreveal_type(zitat.analyze)\nreveal_type(hits)\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent",
         "--ignore-missing-imports", "--cache-dir", str(tmp_path / ".mypy"), str(script)],
        capture_output=True, text=True, cwd=tmp_path, timeout=600,
    )
    out = result.stdout
    # the lazy exports are seen with their real types, not Any
    assert "def (text: str" in out and "-> zitat.schema.Article" in out, out
    assert 'Revealed type is "list[zitat.store.records.QuoteHit]"' in out, out
    assert "error:" not in out, out


@pytest.mark.slow
def test_readme_example_finds_quotes_in_the_demo_store(tmp_path):
    from typer.testing import CliRunner

    from zitat.cli import app

    db = tmp_path / "zitat.db"
    # what `make run` does
    ingest = CliRunner().invoke(app, ["ingest", str(ROOT / "examples" / "demo"),
                                      "--db", str(db), "--workers", "1"])
    assert ingest.exit_code == 0, ingest.stderr
    run = subprocess.run([sys.executable, "-c", _example()], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    brandt = [line for line in lines if "Tobias Brandt" in line]
    assert len(brandt) == 3, run.stdout
    assert re.search(r"^\d+ quotes in all$", lines[-1]) and int(lines[-1].split()[0]) >= 3
