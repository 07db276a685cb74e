"""Optuna's side of the `quality` benchmark of Hone.Benchmarks.

Runs Optuna's samplers on the same problems as the C# side
(benchmarks/Hone.Benchmarks/Quality/QualityProblems.cs): same parameter names, ranges, order and
arithmetic. The runner checks that before it trusts a result: it asks this script for random
points of every problem with their distributions and values, replays them in Hone and compares.

The digits MLP is trained by the C# side only: this script defines its search space and, for each
trial, asks the runner for the validation error of the parameters Optuna chose (an "evaluate"
event, answered with a "value" line).

The runner starts this script with the system interpreter (/usr/bin/python3, where the Debian
package python3-optuna installs Optuna) and drives it over stdin/stdout, one JSON object per line:

    -> {"event": "ready", "python": "3.11.2", "optuna": "3.1.0"}
    <- {"op": "check", "problem": "branin", "points": 16, "seed": 1}
    -> {"points": [{"params": {...}, "distributions": {...}, "value": 1.23}, ...]}
    <- {"op": "run", "problem": "branin", "sampler": "tpe", "seed": 0, "trials": 100}
    -> {"best": 0.398, "seconds": 1.9}
    <- {"op": "run", "problem": "digits", ...}
    -> {"event": "evaluate", "number": 0, "params": {...}}
    <- {"op": "value", "value": 0.05}
    ...
    -> {"best": 0.03, "seconds": 12.0}
    <- {"op": "exit"}
    -> {"peak_memory_bytes": 74000000}

Exit code 3 means Optuna cannot be imported.
"""

import json
import logging
import math
import platform
import resource
import sys
import time
import warnings


try:
    import optuna
except ImportError as error:
    print(f"Optuna cannot be imported by {sys.executable}: {error}", file=sys.stderr)
    sys.exit(3)


# ---------------------------------------------------------------------------------------------
# Problems. Keep in step with QualityProblems.cs and SyntheticFunctions.cs: same names, ranges,
# order of suggestions and order of arithmetic.
# ---------------------------------------------------------------------------------------------


def suggest_vector(trial, dimensions, low, high):
    return [trial.suggest_float(f"x{i}", low, high) for i in range(dimensions)]


def branin(trial):
    x1, x2 = trial.suggest_float("x0", -5.0, 10.0), trial.suggest_float("x1", 0.0, 15.0)
    b = 5.1 / (4.0 * math.pi * math.pi)
    c = 5.0 / math.pi
    t = 1.0 / (8.0 * math.pi)
    u = x2 - b * x1 * x1 + c * x1 - 6.0
    return u * u + 10.0 * (1.0 - t) * math.cos(x1) + 10.0


HARTMANN_ALPHA = (1.0, 1.2, 3.0, 3.2)
HARTMANN_A = (
    (10.0, 3.0, 17.0, 3.5, 1.7, 8.0),
    (0.05, 10.0, 17.0, 0.1, 8.0, 14.0),
    (3.0, 3.5, 1.7, 10.0, 17.0, 8.0),
    (17.0, 8.0, 0.05, 10.0, 0.1, 14.0),
)
HARTMANN_P = (
    (0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886),
    (0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991),
    (0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650),
    (0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381),
)


def hartmann6(trial):
    x = suggest_vector(trial, 6, 0.0, 1.0)
    total = 0.0
    for i in range(4):
        inner = 0.0
        for j in range(6):
            d = x[j] - HARTMANN_P[i][j]
            inner += HARTMANN_A[i][j] * d * d
        total += HARTMANN_ALPHA[i] * math.exp(-inner)
    return -total


def rosenbrock5(trial):
    x = suggest_vector(trial, 5, -5.0, 10.0)
    total = 0.0
    for i in range(4):
        a = x[i + 1] - x[i] * x[i]
        b = x[i] - 1.0
        total += 100.0 * a * a + b * b
    return total


def ackley5(trial):
    x = suggest_vector(trial, 5, -32.768, 32.768)
    squares = 0.0
    cosines = 0.0
    for v in x:
        squares += v * v
        cosines += math.cos(2.0 * math.pi * v)
    n = float(len(x))
    return -20.0 * math.exp(-0.2 * math.sqrt(squares / n)) - math.exp(cosines / n) + 20.0 + math.e


def styblinski_tang10(trial):
    x = suggest_vector(trial, 10, -5.0, 5.0)
    total = 0.0
    for v in x:
        v2 = v * v
        total += v2 * v2 - 16.0 * v2 + 5.0 * v
    return 0.5 * total


def mixed(trial):
    lr = trial.suggest_float("lr", 1e-5, 1.0, log=True)
    layers = trial.suggest_int("layers", 1, 8)
    units = trial.suggest_int("units", 8, 1024, log=True)
    kind = trial.suggest_categorical("kind", ["linear", "tree", "kernel"])
    a = math.log10(lr) + 3.0
    b = layers - 3.0
    c = math.log2(units) - 7.0
    base = a * a / 4.0 + b * b / 9.0 + c * c / 9.0
    if kind == "linear":
        alpha = trial.suggest_float("alpha", 0.0, 1.0)
        d = alpha - 0.2
        branch = 0.4 + d * d
    elif kind == "tree":
        depth = trial.suggest_int("depth", 1, 12)
        subsample = trial.suggest_float("subsample", 0.5, 1.0, step=0.05)
        d = depth - 9.0
        e = subsample - 0.8
        branch = d * d / 16.0 + 4.0 * e * e
    else:
        gamma = trial.suggest_float("gamma", 1e-3, 1e2, log=True)
        cost = trial.suggest_float("c", 1e-2, 1e3, log=True)
        d = math.log10(gamma)
        e = math.log10(cost) - 1.0
        branch = 0.2 + d * d / 4.0 + e * e / 4.0
    return base + branch


def digits_space(trial):
    # Keep in step with samples/Hone.Samples.Digits/DigitsObjective.cs.
    n_layers = trial.suggest_int("n_layers", 1, 4)
    for i in range(n_layers):
        trial.suggest_int(f"n_units_l{i}", 1, 128)
    trial.suggest_float("lr", 1e-3, 1.0, log=True)
    if trial.suggest_categorical("optimizer", ["sgd", "nesterov"]) == "nesterov":
        trial.suggest_float("momentum", 0.5, 0.99)


def digits(trial):
    digits_space(trial)
    reply({"event": "evaluate", "number": trial.number, "params": trial.params})
    answer = read_request()
    if answer.get("op") != "value":
        raise ValueError(f"expected a value for trial {trial.number}, got {answer!r}")
    return float(answer["value"])


def digits_check(trial):
    digits_space(trial)
    return 0.0


PROBLEMS = {
    "branin": branin,
    "hartmann6": hartmann6,
    "rosenbrock5": rosenbrock5,
    "ackley5": ackley5,
    "styblinski-tang10": styblinski_tang10,
    "mixed": mixed,
    "digits": digits,
}


# ---------------------------------------------------------------------------------------------
# Samplers: Optuna's defaults, plus the settings Optuna's next major version turns on.
# ---------------------------------------------------------------------------------------------


def make_sampler(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed)
    if name == "tpe-mv":
        return optuna.samplers.TPESampler(
            seed=seed, multivariate=True, group=True, constant_liar=True
        )
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(f"unknown sampler {name!r}")


def run(problem, sampler, seed, trials):
    study = optuna.create_study(
        storage=optuna.storages.InMemoryStorage(), sampler=make_sampler(sampler, seed)
    )
    begin = time.perf_counter()
    study.optimize(PROBLEMS[problem], n_trials=trials)
    seconds = time.perf_counter() - begin
    return {"best": study.best_value, "seconds": seconds}


def describe(distribution):
    if isinstance(distribution, optuna.distributions.FloatDistribution):
        return {
            "type": "float",
            "low": distribution.low,
            "high": distribution.high,
            "log": distribution.log,
            "step": distribution.step,
        }
    if isinstance(distribution, optuna.distributions.IntDistribution):
        return {
            "type": "int",
            "low": distribution.low,
            "high": distribution.high,
            "log": distribution.log,
            "step": distribution.step,
        }
    if isinstance(distribution, optuna.distributions.CategoricalDistribution):
        return {"type": "categorical", "choices": list(distribution.choices)}
    raise ValueError(f"unknown distribution {distribution!r}")


def check(problem, points, seed):
    """Returns random points of a problem with Optuna's distributions and values (none for digits)."""
    objective = digits_check if problem == "digits" else PROBLEMS[problem]
    study = optuna.create_study(
        storage=optuna.storages.InMemoryStorage(),
        sampler=optuna.samplers.RandomSampler(seed=seed),
    )
    study.optimize(objective, n_trials=points)
    return {
        "points": [
            {
                "params": t.params,
                "distributions": {k: describe(d) for k, d in t.distributions.items()},
                "value": None if problem == "digits" else t.value,
            }
            for t in study.trials
        ]
    }


def reply(message):
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def read_request():
    line = sys.stdin.readline()
    if not line:
        raise EOFError("the runner closed the pipe")
    return json.loads(line)


def main():
    # Optuna logs every finished trial at INFO and warns that multivariate TPE is experimental.
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logging.getLogger("optuna").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)

    # Import and compile what the runs use before announcing readiness.
    optuna.create_study(sampler=make_sampler("tpe", 0)).optimize(branin, n_trials=12)
    reply({"event": "ready", "python": platform.python_version(), "optuna": optuna.__version__})
    while True:
        try:
            request = read_request()
        except EOFError:
            return
        op = request["op"]
        if op == "run":
            reply(run(request["problem"], request["sampler"], request["seed"], request["trials"]))
        elif op == "check":
            reply(check(request["problem"], request["points"], request["seed"]))
        elif op == "exit":
            break
        else:
            raise ValueError(f"unknown request {request!r}")
    # ru_maxrss is in kilobytes on Linux.
    reply({"peak_memory_bytes": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024})


if __name__ == "__main__":
    main()
