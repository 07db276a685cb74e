"""Optuna's side of the `storage` benchmark of Hone.Benchmarks.

Times Optuna's random sampler with its relational storage on SQLite,
optuna.storages.RDBStorage("sqlite:///..."), a fresh file per study, on the 10-parameter
objective of the `overhead` benchmark (imported from overhead.py, so both stay in step with
benchmarks/Hone.Benchmarks/Overhead/OverheadObjective.cs). create_study wraps the RDBStorage in
Optuna's own cache, as it does for every user.

The runner starts this script with the system interpreter (/usr/bin/python3, where the Debian
package python3-optuna installs Optuna) and drives it over stdin/stdout, one JSON object per line,
as it does overhead.py:

    -> (after the warm-up)          {"event": "ready", "python": "3.11.2", "optuna": "3.1.0"}
    <- {"op": "time", "trials": 1000, "seed": 42}
    -> {"total_seconds": 60.0, "last100_seconds": 6.1}
    <- {"op": "exit"}
    -> {"peak_memory_bytes": 94000000}

Exit code 3 means Optuna cannot be imported.
"""

import argparse
import gc
import json
import logging
import os
import platform
import resource
import shutil
import sys
import tempfile
import time

# overhead.py lives next to this script; importing it also checks that Optuna imports (exit code 3).
from overhead import objective, optuna


class Files:
    """Names a fresh SQLite file per study in a temporary folder, deleted at the end."""

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="hone-bench-optuna-")
        self.count = 0

    def new_url(self):
        self.count += 1
        return "sqlite:///" + os.path.join(self.folder, f"study-{self.count}.db")

    def delete(self):
        shutil.rmtree(self.folder, ignore_errors=True)


def new_study(url, seed):
    storage = optuna.storages.RDBStorage(url)
    study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=seed))
    return storage, study


def warm_up(files, seconds, seed):
    deadline = time.perf_counter() + seconds
    while True:
        storage, study = new_study(files.new_url(), seed)
        study.optimize(objective, n_trials=20)
        storage.engine.dispose()
        if time.perf_counter() >= deadline:
            return


def time_once(files, trials, seed):
    """Times one optimize call on a fresh file, noting when each objective starts, for the last-100 figure."""
    starts = [0.0] * trials

    def timed_objective(trial):
        starts[trial.number] = time.perf_counter()
        return objective(trial)

    storage, study = new_study(files.new_url(), seed)
    gc.collect()
    begin = time.perf_counter()
    study.optimize(timed_objective, n_trials=trials)
    end = time.perf_counter()
    storage.engine.dispose()
    tail = min(100, trials)
    return {"total_seconds": end - begin, "last100_seconds": end - starts[trials - tail]}


def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=float, default=1.0, help="warm-up time in seconds")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    # Optuna logs every finished trial at INFO; the benchmark must not charge Optuna for printing.
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("optuna").setLevel(logging.WARNING)

    files = Files()
    try:
        warm_up(files, args.warmup, args.seed)
        reply({"event": "ready", "python": platform.python_version(), "optuna": optuna.__version__})
        for line in sys.stdin:
            request = json.loads(line)
            op = request["op"]
            if op == "time":
                reply(time_once(files, request["trials"], request["seed"]))
            elif op == "exit":
                break
            else:
                raise ValueError(f"unknown request {request!r}")
    finally:
        files.delete()
    # ru_maxrss is in kilobytes on Linux.
    reply({"peak_memory_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024})


if __name__ == "__main__":
    main()
