"""Turn a pool of forked worker processes into one that ends with the command: stopped at once when the
command is, and never outliving it, however it ends."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor

# Linux's prctl(PR_SET_PDEATHSIG): the kernel sends the signal to this process when its parent ends.
_PR_SET_PDEATHSIG = 1


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """Processes forked from this one (they start with what it has loaded), each ending with it."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=end_with_parent, initargs=(os.getpid(),))


def end_with_parent(parent: int) -> None:
    """In a worker: end when the process that forked it ends, however it ends (SIGKILL included), rather than
    linger idle for ever."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown is all there is
        return
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)


def stop(pool: ProcessPoolExecutor) -> None:
    """End the pool's workers now, not after the work they hold, and cancel its queued work."""
    # A command's workers are the only processes it forks.
    workers = multiprocessing.active_children()
    for worker in workers:
        worker.kill()
    # The pool's own thread sees its workers gone and ends; waiting for it here, rather than at the
    # interpreter's exit, where it would meet a pipe already closed.
    pool.shutdown(wait=True, cancel_futures=True)
    for worker in workers:
        worker.join()
