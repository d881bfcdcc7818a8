"""Run a build's slow tasks in forked worker processes, or in this one when there are too few to pay for a fork."""
from __future__ import annotations

import multiprocessing
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Callable, Sequence, TypeVar

Result = TypeVar("Result")

# Units of work (files read, pages rendered) below which forking costs more than it saves, and per task.
PARALLEL_THRESHOLD = 400
CHUNK = 250


class WorkerDied(RuntimeError):
    """A worker process ended before handing back its tasks' results (killed, or out of memory)."""


class WorkerTraceback(Exception):
    """Where in the worker a task raised: the cause of the exception raised again here."""


def chunks(items: Sequence[Result], size: int = CHUNK) -> list[Sequence[Result]]:
    """`items` in slices of one task's worth of work each."""
    return [items[start:start + size] for start in range(0, len(items), size)]


@dataclass(frozen=True)
class Workers:
    """A number of processes to run tasks in: zero-argument callables, run in this process or in forked ones.

    Forked workers inherit the tasks (and all they refer to) through the fork, so nothing is pickled on the way
    in and nothing is set aside in a global before forking; only the results travel back, pickled.
    """

    processes: int = 1

    def run(self, tasks: Sequence[Callable[[], Result]], units: int) -> list[Result]:
        """Each task's result, in the order of `tasks`; `units` is how much work they hold together."""
        if not self.forks(units) or len(tasks) < 2:
            return [task() for task in tasks]
        return _Forked(tasks, min(self.processes, len(tasks))).results()

    def forks(self, units: int) -> bool:
        return (self.processes > 1 and units >= PARALLEL_THRESHOLD
                and "fork" in multiprocessing.get_all_start_methods())


class _Forked:
    """One run of tasks in forked processes, which take the next task's index from a shared counter."""

    def __init__(self, tasks: Sequence[Callable[[], Any]], processes: int) -> None:
        context = multiprocessing.get_context("fork")
        self.tasks = tasks
        self.next = context.Value("i", 0)
        self.processes: dict[Connection, multiprocessing.process.BaseProcess] = {}
        try:
            for _ in range(processes):
                receive, send = context.Pipe(duplex=False)
                process = context.Process(target=self._work, args=(send,), daemon=True)
                process.start()
                send.close()  # closed before the next fork too, so only its worker holds it: its end is our EOF
                self.processes[receive] = process
        except BaseException:
            self._stop()
            raise

    def results(self) -> list[Any]:
        try:
            return self._collect()
        finally:
            self._stop()

    def _collect(self) -> list[Any]:
        results: list[Any] = [None] * len(self.tasks)
        pending = len(self.tasks)
        open_ends = list(self.processes)
        while pending:
            if not open_ends:
                raise WorkerDied("the worker processes ended with tasks left undone")
            for receive in wait(open_ends):
                try:
                    index, ok, value, where = receive.recv()
                except (EOFError, OSError):  # the worker is done, or died (perhaps halfway through a message)
                    open_ends.remove(receive)
                    self._check_exit(self.processes[receive])
                    continue
                if not ok:
                    raise value from WorkerTraceback(where)
                results[index] = value
                pending -= 1
        return results

    @staticmethod
    def _check_exit(process: multiprocessing.process.BaseProcess) -> None:
        process.join()
        if process.exitcode != 0:
            raise WorkerDied(f"a worker process ended unexpectedly (exit code {process.exitcode})")

    def _work(self, send: Connection) -> None:
        """In the worker: run tasks until none is left or one fails, sending back each outcome."""
        while True:
            with self.next.get_lock():
                index = self.next.value
                self.next.value += 1
            if index >= len(self.tasks):
                break
            if not self._send(send, index):
                break
        send.close()

    def _send(self, send: Connection, index: int) -> bool:
        try:
            outcome = (index, True, self.tasks[index](), "")
        except BaseException as exc:  # handed to the parent, which raises it as a serial run would
            outcome = (index, False, exc, traceback.format_exc())
        try:
            send.send(outcome)
        except Exception as exc:  # a result or an exception that cannot be pickled
            send.send((index, False, RuntimeError(f"a worker could not send back its result: {exc!r}"), outcome[3]))
            return False
        return outcome[1]

    def _stop(self) -> None:
        for process in self.processes.values():
            if process.is_alive():
                process.kill()
            process.join()
