"""Worker processes that die with their parent.

A forked analysis worker killed parent leaves behind (SIGKILL, or SIGTERM, which ends
Python without running the pool's shutdown) would live on under PID 1 with a few hundred
MB of model each. On Linux the kernel sends the worker SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``); everywhere, a watchdog thread also ends the worker once
its parent process id changes.
"""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
#: seconds between the watchdog's looks at the parent process id
WATCH_INTERVAL = 0.5


def _set_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent thread ends; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent_pid: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent_pid:
            os._exit(1)  # no cleanup to run: the parent owns the results and the store


def tie_to_parent(parent_pid: int, *, death_signal: bool = True,
                  interval: float = WATCH_INTERVAL) -> None:
    """Make the calling (freshly forked) process end when ``parent_pid`` ends.

    Args:
        parent_pid: the process id of the parent, taken in the parent before forking
            (so that a parent which died in between is noticed).
        death_signal: also use Linux' parent-death signal; it follows the parent *thread*
            that forked, so callers pass False when they forked from a short-lived thread.
        interval: seconds between the watchdog's checks.
    """
    if death_signal:
        _set_death_signal()
    if os.getppid() != parent_pid:  # the parent is already gone
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid, interval), name="zitat-lifeline",
                     daemon=True).start()
