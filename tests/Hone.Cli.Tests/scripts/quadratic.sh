#!/usr/bin/env bash
# A study driven from a shell script through 'hone ask' and 'hone tell', as a training script in any language
# would drive one: a quadratic in a float x, a log-scale float lr and a categorical opt, with its minimum 0 at
# x = 2, lr = 1e-3, opt = adam. Prints the best trial as JSON at the end.
#
#   HONE="hone" HONE_STORAGE=sqlite:///quadratic.db ./quadratic.sh
#
# HONE is the command that runs hone (default: hone); STUDY and TRIALS name the study and the number of trials.
set -euo pipefail

hone() { ${HONE:-hone} "$@"; }
study=${STUDY:-quadratic}
trials=${TRIALS:-60}
space='{"x": {"type": "float", "low": -10, "high": 10},
        "lr": {"type": "float", "low": 1e-5, "high": 1, "log": true},
        "opt": {"type": "categorical", "choices": ["sgd", "adam", "rmsprop"]}}'

hone create-study --study "$study" --direction minimize --sampler tpe --seed 42 > /dev/null
for ((i = 0; i < trials; i++)); do
  # CSV output: a header line, then the trial's number and its parameters in the order of the space.
  IFS=, read -r number x lr opt < <(hone ask --study "$study" --search-space "$space" --format csv | tail -n 1)
  value=$(awk -v x="$x" -v lr="$lr" -v opt="$opt" 'BEGIN {
    l = log(lr) / log(10)
    penalty = (opt == "adam") ? 0 : 4
    printf "%.17g", (x - 2) ^ 2 + (l + 3) ^ 2 + penalty
  }')
  hone tell --study "$study" --trial "$number" --values "$value" > /dev/null
done
hone best-trial --study "$study" --format json
