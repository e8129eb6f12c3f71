"""Analysis workers die with `zitat ingest`, however it ends (issue 24)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _children(pid: int) -> list[int]:
    """Live (non-zombie) processes whose parent is ``pid``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_killed_ingest_leaves_no_worker_processes(tmp_path, sig):
    corpus = tmp_path / "many.txt"
    corpus.write_text("\n".join(
        f" date 2022-03 Meldung {i}: „Wir bleiben dran“, sagte Bürgermeisterin Sabine Roth "
        "in Kiel." for i in range(40_000)), "utf-8")
    empty_model = tmp_path / "no-model"  # the blank fallback pipeline: quick to load
    empty_model.mkdir()
    env = {**os.environ, "ZITAT_MODEL": str(empty_model)}
    zitat = Path(sys.executable).with_name("zitat")
    proc = subprocess.Popen([str(zitat), "ingest", str(corpus), "--db", str(tmp_path / "z.db"),
                             "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers: list[int] = []
    try:
        deadline = time.time() + 60
        while time.time() < deadline and proc.poll() is None and len(workers) < 2:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the ingest did not start its two workers"
        os.kill(proc.pid, sig)
        proc.wait(10)
        gone_by = time.time() + 5
        while time.time() < gone_by and any(_alive(w) for w in workers):
            time.sleep(0.1)
        assert not [w for w in workers if _alive(w)], "workers outlived their parent"
    finally:
        if proc.poll() is None:
            proc.kill()
        for w in workers:  # on failure: do not leave them to the next test
            if _alive(w):
                os.kill(w, signal.SIGKILL)


def test_watchdog_alone_ends_a_child_whose_parent_died():
    """The fallback where Linux' parent-death signal is not available (or not used)."""
    from zitat.lifeline import tie_to_parent

    read_end, write_end = os.pipe()
    middle = os.fork()
    if middle == 0:  # the parent-to-be-killed, in a child of the test process
        try:
            if os.fork() == 0:
                tie_to_parent(os.getppid(), death_signal=False, interval=0.05)
                os.write(write_end, f"{os.getpid()}\n".encode())
                time.sleep(30)
            else:
                time.sleep(0.5)  # the grandchild is tied by now; then its parent dies
        finally:
            os._exit(0)
    os.close(write_end)
    os.waitpid(middle, 0)
    with os.fdopen(read_end) as pipe:
        grandchild = int(pipe.readline())
    gone_by = time.time() + 5
    while time.time() < gone_by and _alive(grandchild):
        time.sleep(0.05)
    assert not _alive(grandchild)
