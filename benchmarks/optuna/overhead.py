"""Optuna's side of the `overhead` benchmark of Hone.Benchmarks.

Times Optuna's random sampler with in-memory storage on the same cheap 10-parameter objective
as the C# side (benchmarks/Hone.Benchmarks/Overhead/OverheadObjective.cs): same parameters, same
ranges, same order.

The runner starts this script with the system interpreter (/usr/bin/python3, where the Debian
package python3-optuna installs Optuna) and drives it over stdin/stdout, one JSON object per line,
so that Hone's runs and Optuna's runs alternate and share whatever else the machine is doing:

    -> (after the warm-up)          {"event": "ready", "python": "3.11.2", "optuna": "3.1.0"}
    <- {"op": "time", "trials": 1000, "seed": 42}
    -> {"total_seconds": 0.9, "last100_seconds": 0.09}
    <- {"op": "retained", "trials": 1000, "seed": 42}
    -> {"retained_bytes": 3200000}
    <- {"op": "exit"}
    -> {"peak_memory_bytes": 74000000}

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
import tracemalloc


try:
    import optuna
except ImportError as error:
    print(f"Optuna cannot be imported by {sys.executable}: {error}", file=sys.stderr)
    sys.exit(3)


FLOAT_NAMES = ("x0", "x1", "x2", "x3")


def objective(trial):
    # Keep in step with OverheadObjective.Evaluate: a representative mix of parameters, nothing
    # expensive.
    total = 0.0
    for name in FLOAT_NAMES:
        x = trial.suggest_float(name, -10.0, 10.0)
        total += x * x
    learning_rate = trial.suggest_float("learning_rate", 1e-5, 1e-1, log=True)
    dropout = trial.suggest_float("dropout", 0.0, 0.5, step=0.1)
    layers = trial.suggest_int("layers", 1, 8)
    units = trial.suggest_int("units", 16, 1024, log=True)
    batch_size = trial.suggest_int("batch_size", 16, 256, step=16)
    optimizer = trial.suggest_categorical("optimizer", ["sgd", "momentum", "adam", "rmsprop"])
    penalty = 0.0 if optimizer == "adam" else 1.0
    return total + learning_rate + dropout + layers + units / 1024.0 + batch_size / 256.0 + penalty


def new_study(seed):
    return optuna.create_study(
        storage=optuna.storages.InMemoryStorage(), sampler=optuna.samplers.RandomSampler(seed=seed)
    )


def warm_up(seconds, seed):
    deadline = time.perf_counter() + seconds
    while True:
        new_study(seed).optimize(objective, n_trials=100)
        if time.perf_counter() >= deadline:
            return


def time_once(trials, seed):
    """Times one optimize call, noting when each objective starts, for the last-100 figure."""
    starts = [0.0] * trials

    def timed_objective(trial):
        starts[trial.number] = time.perf_counter()
        return objective(trial)

    study = new_study(seed)
    gc.collect()
    begin = time.perf_counter()
    study.optimize(timed_objective, n_trials=trials)
    end = time.perf_counter()
    tail = min(100, trials)
    return {"total_seconds": end - begin, "last100_seconds": end - starts[trials - tail]}


def retained_bytes(trials, seed):
    """Measures the heap a finished study keeps, in a separate run: tracemalloc slows Python."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    study = new_study(seed)
    study.optimize(objective, n_trials=trials)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del study
    return {"retained_bytes": after - before}


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
        elif op == "retained":
            reply(retained_bytes(request["trials"], request["seed"]))
        elif op == "exit":
            break
        else:
            raise ValueError(f"unknown request {request!r}")
    # ru_maxrss is in kilobytes on Linux.
    reply({"peak_memory_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024})


if __name__ == "__main__":
    main()
