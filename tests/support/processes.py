"""Run a function in several fresh Python processes at once (spawned, as separate workers would be)."""
import multiprocessing


def _call(target, args, queue):
    queue.put(target(*args))


def run_in_processes(target, argument_lists: list[tuple], timeout: float = 240) -> list:
    """Start one process per argument tuple, wait for all, and return what each `target` returned.

    `target` must be importable (a module-level function). Fails if any process fails.
    """
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    processes = [ctx.Process(target=_call, args=(target, args, queue)) for args in argument_lists]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=timeout)
        assert process.exitcode == 0, f"a worker process failed (exit code {process.exitcode}): see its traceback above"
    return [queue.get(timeout=10) for _ in processes]
