"""Optuna's side of the `tpe-speed` benchmark of Hone.Benchmarks.

Times Optuna's TPE sampler (its defaults: independent TPE, 10 start-up trials, 24 EI candidates) with
in-memory storage on the same objective as the C# side
(benchmarks/Hone.Benchmarks/TpeSpeed/TpeSpeedObjective.cs): the sum of squares of ten floats x0..x9
in [-10, 10], same names, same ranges, same order.

The runner starts this script with the system interpreter (/usr/bin/python3, where the Debian
package python3-optuna installs Optuna) and drives it over stdin/stdout, one JSON object per line,
so that Hone's runs and Optuna's runs alternate and share whatever else the machine is doing:

    -> (after the warm-up)          {"event": "ready", "python": "3.11.2", "optuna": "3.1.0"}
    <- {"op": "time", "trials": 1000, "seed": 42}
    -> {"total_seconds": 70.1, "starts": [0.0, 0.0001, ...],
        "total_cpu_seconds": 69.8, "cpu_starts": [0.0, 0.0001, ...]}
    <- {"op": "exit"}
    -> {"peak_memory_bytes": 74000000}

"starts" holds, per trial number, when its objective started, in seconds after the optimize call
began; the runner cuts the study into windows of trials with it. "cpu_starts" and
"total_cpu_seconds" are the same in processor time of the process (time.process_time), which other
work on the machine disturbs far less than the wall clock.

Exit code 3 means Optuna cannot be imported.
"""

import argparse
import gc
import json
import logging
import platform
import resource
import sys
import time


try:
    import optuna
except ImportError as error:
    print(f"Optuna cannot be imported by {sys.executable}: {error}", file=sys.stderr)
    sys.exit(3)


NAMES = tuple(f"x{i}" for i in range(10))


def objective(trial):
    # Keep in step with TpeSpeedObjective.Evaluate: ten floats, nothing expensive.
    total = 0.0
    for name in NAMES:
        x = trial.suggest_float(name, -10.0, 10.0)
        total += x * x
    return total


def new_study(seed):
    return optuna.create_study(
        storage=optuna.storages.InMemoryStorage(),
        sampler=optuna.samplers.TPESampler(seed=seed),
    )


def warm_up(seconds, seed):
    deadline = time.perf_counter() + seconds
    while True:
        new_study(seed).optimize(objective, n_trials=30)
        if time.perf_counter() >= deadline:
            return


def time_once(trials, seed):
    """Times one optimize call, noting when each objective starts, on the wall clock and in
    processor time."""
    starts = [0.0] * trials
    cpu_starts = [0.0] * trials

    def timed_objective(trial):
        starts[trial.number] = time.perf_counter()
        cpu_starts[trial.number] = time.process_time()
        return objective(trial)

    study = new_study(seed)
    gc.collect()
    cpu_begin = time.process_time()
    begin = time.perf_counter()
    study.optimize(timed_objective, n_trials=trials)
    end = time.perf_counter()
    cpu_end = time.process_time()
    return {
        "total_seconds": end - begin,
        "starts": [s - begin for s in starts],
        "total_cpu_seconds": cpu_end - cpu_begin,
        "cpu_starts": [s - cpu_begin for s in cpu_starts],
    }


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

    warm_up(args.warmup, args.seed)
    reply({"event": "ready", "python": platform.python_version(), "optuna": optuna.__version__})
    for line in sys.stdin:
        request = json.loads(line)
        op = request["op"]
        if op == "time":
            reply(time_once(request["trials"], request["seed"]))
        elif op == "exit":
            break
        else:
            raise ValueError(f"unknown request {request!r}")
    # ru_maxrss is in kilobytes on Linux.
    reply({"peak_memory_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024})


if __name__ == "__main__":
    main()
