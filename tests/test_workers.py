"""The worker pool: tasks run in forked processes give what they give in this one, and a worker's death is an error."""
from __future__ import annotations

import functools
import os
import signal

import pytest

from sitegen.foundation.workers import PARALLEL_THRESHOLD, Workers, WorkerDied

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="worker processes are forked")


def pid_and_square(number: int) -> tuple[int, int]:
    return os.getpid(), number * number


def test_forked_workers_return_each_result_in_the_order_of_the_tasks():
    tasks = [functools.partial(pid_and_square, n) for n in range(40)]
    results = Workers(2).run(tasks, units=PARALLEL_THRESHOLD)
    assert [square for _, square in results] == [n * n for n in range(40)]
    assert os.getpid() not in {pid for pid, _ in results}


def test_below_the_threshold_tasks_run_in_this_process():
    results = Workers(2).run([functools.partial(pid_and_square, n) for n in range(4)], units=PARALLEL_THRESHOLD - 1)
    assert results == [(os.getpid(), n * n) for n in range(4)]


def test_a_task_that_raises_in_a_worker_raises_the_same_error_here():
    def write(n: int) -> int:
        if n == 3:
            raise OSError(28, "No space left on device", f"page-{n}.html")
        return n

    with pytest.raises(OSError) as raised:
        Workers(2).run([functools.partial(write, n) for n in range(8)], units=PARALLEL_THRESHOLD)
    assert (raised.value.errno, raised.value.filename) == (28, "page-3.html")


def test_a_worker_killed_midway_is_an_error_not_a_hang():
    def die_at_three(n: int) -> int:
        if n == 3:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    with pytest.raises(WorkerDied, match="exit code -9"):
        Workers(2).run([functools.partial(die_at_three, n) for n in range(8)], units=PARALLEL_THRESHOLD)
