"""Screenshot of the /statistik page on the demo corpus → docs/img/statistik.png.

Analyses examples/demo into a temporary store (or uses ``--db``), serves it with uvicorn
on a free local port and photographs the page with the system Chromium through
playwright (``/usr/bin/chromium``; no browser is downloaded).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="")
    parser.add_argument("--url-path", default="/statistik?by=gender&group=source")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img" / "statistik.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from zitat.web.app import serving

    tmp = tempfile.TemporaryDirectory(prefix="zitat-shot-")
    db = args.db or str(Path(tmp.name) / "demo.db")
    if not args.db:
        subprocess.run([sys.executable, "-m", "zitat.cli", "ingest", str(ROOT / "examples" / "demo"),
                        "--db", db], check=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with serving(db) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + args.url_path)
        page.screenshot(path=str(args.out), full_page=True)
        browser.close()
    tmp.cleanup()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
