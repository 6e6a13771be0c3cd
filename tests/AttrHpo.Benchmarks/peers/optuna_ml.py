#!/usr/bin/python3
"""Optuna's side of the real-ML quality benchmark (docs/benchmarks.md, "Real training runs (breast cancer MLP)" and
"Held-out real training: digits"; --task digits-gbm: LightGBM through ML.NET on the same digits).

Optuna drives the C# trainer as a black box: one long-lived `AttrHpo.Benchmarks serve --task TASK` child process reads
one JSON object of parameters per line and answers the capped validation loss. Same search spaces as the C# objectives:
- --task breast-cancer (default), `BreastCancerTraining.Train`: learning_rate log 1e-4..1, hidden_units int 4..128,
  l2 log 1e-6..1e-1, activation categorical relu/tanh/sigmoid, batch_size categorical 8/16/32/64/128;
- --task digits, `DigitsTraining.Train`: learning_rate log 1e-3..1, hidden_units int 8..64, dropout float 0..0.6,
  momentum float 0..0.99, epochs int 5..30, activation categorical relu/tanh/elu;
- --task digits-gbm, `DigitsBoostedTraining.Train`: learning_rate log 1e-3..0.5, leaves int log 4..64,
  min_examples_per_leaf int 1..50, iterations int 10..200, l2 log 1e-6..10, feature_fraction float 0.3..1.

--path asktell (the default): batches of --batch (4): four trials are asked (each suggested before the next is asked, so
TPE's constant liar sees the earlier ones as running), then evaluated, then told in order. --path optimize: Optuna's own
asynchronous loop, `study.optimize(n_trials=budget, n_jobs=batch)`, each of its threads evaluating through its own `serve`
child; best so far in the order trials finished, as `ml-quality --path optimize` counts it (thread timing moves it). Best value so far at every 20 evaluations and at the
budget, per seed; prints the medians and writes the same JSON shape as `ml-quality --json`.

    /usr/bin/python3 tests/AttrHpo.Benchmarks/peers/optuna_ml.py --sampler tpe --seeds 5 --budget 60 --json tpe.json
    /usr/bin/python3 tests/AttrHpo.Benchmarks/peers/optuna_ml.py --task digits --sampler tpe --seeds 10 --json tpe.json

Needs Debian's python3-optuna (3.1.0) and a Release build of tests/AttrHpo.Benchmarks.
"""
import argparse
import json
import os
import statistics
import subprocess
import queue
import threading
import time
import warnings

import optuna

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DEFAULT_SERVE = ["dotnet", os.path.join(REPO, "tests/AttrHpo.Benchmarks/bin/Release/net10.0/AttrHpo.Benchmarks.dll"), "serve"]


class Trainer:
    """The C# trainer behind `serve`: one request line, one answer line."""

    def __init__(self, command):
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)

    def ask(self, line):
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline().strip()
        if not answer or answer.startswith("error"):
            raise RuntimeError(f"serve answered {answer!r} to {line!r}")
        return float(answer)

    def evaluate(self, params):
        return self.ask(json.dumps(params))

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def suggest_breast_cancer(trial):
    return {
        "learning_rate": trial.suggest_float("learning_rate", 1e-4, 1.0, log=True),
        "hidden_units": trial.suggest_int("hidden_units", 4, 128),
        "l2": trial.suggest_float("l2", 1e-6, 1e-1, log=True),
        "activation": trial.suggest_categorical("activation", ["relu", "tanh", "sigmoid"]),
        "batch_size": trial.suggest_categorical("batch_size", [8, 16, 32, 64, 128]),
    }


def suggest_digits(trial):
    return {
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 1.0, log=True),
        "hidden_units": trial.suggest_int("hidden_units", 8, 64),
        "dropout": trial.suggest_float("dropout", 0.0, 0.6),
        "momentum": trial.suggest_float("momentum", 0.0, 0.99),
        "epochs": trial.suggest_int("epochs", 5, 30),
        "activation": trial.suggest_categorical("activation", ["relu", "tanh", "elu"]),
    }


def suggest_digits_gbm(trial):
    return {
        "learning_rate": trial.suggest_float("learning_rate", 1e-3, 0.5, log=True),
        "leaves": trial.suggest_int("leaves", 4, 64, log=True),
        "min_examples_per_leaf": trial.suggest_int("min_examples_per_leaf", 1, 50),
        "iterations": trial.suggest_int("iterations", 10, 200),
        "l2": trial.suggest_float("l2", 1e-6, 10.0, log=True),
        "feature_fraction": trial.suggest_float("feature_fraction", 0.3, 1.0),
    }


# --task: (the search space, the benchmark's name in the JSON output and the summary line)
TASKS = {
    "breast-cancer": (suggest_breast_cancer, "breast-cancer-mlp"),
    "digits": (suggest_digits, "digits-mlp"),
    "digits-gbm": (suggest_digits_gbm, "digits-gbm"),
}


def make_sampler(name, seed):
    if name == "tpe":
        return optuna.samplers.TPESampler(seed=seed, constant_liar=True)
    if name == "random":
        return optuna.samplers.RandomSampler(seed=seed)
    raise ValueError(f"unknown sampler {name!r}: use tpe or random")


def run_seed(trainer, suggest, sampler_name, seed, budget, batch, trace):
    study = optuna.create_study(direction="minimize", sampler=make_sampler(sampler_name, seed))
    values = []
    while len(values) < budget:
        asked = []
        for _ in range(min(batch, budget - len(values))):
            trial = study.ask()
            asked.append((trial, suggest(trial)))
        for trial, params in asked:
            value = trainer.evaluate(params)
            study.tell(trial, value)
            values.append(value)
            trace.append({"seed": seed, "order": len(values), "value": value, "parameters": params})
    return values


def run_seed_optimize(trainers, suggest, sampler_name, seed, budget, trace):
    """Optuna's study.optimize with one thread per trainer; values in the order the trials finished."""
    study = optuna.create_study(direction="minimize", sampler=make_sampler(sampler_name, seed))
    free = queue.Queue()
    for trainer in trainers:
        free.put(trainer)
    values, lock = [], threading.Lock()

    def objective(trial):
        params = suggest(trial)
        trainer = free.get()
        try:
            value = trainer.evaluate(params)
        finally:
            free.put(trainer)
        with lock:
            values.append(value)
            trace.append({"seed": seed, "order": len(values), "value": value, "parameters": params})
        return value

    study.optimize(objective, n_trials=budget, n_jobs=len(trainers))
    return values


def checkpoints(budget):
    return [c for c in range(20, budget, 20)] + [budget]


def median(values):
    return statistics.median(values)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--task", default="breast-cancer", choices=sorted(TASKS))
    parser.add_argument("--sampler", default="tpe", choices=["tpe", "random"])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--budget", type=int, default=60)
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--path", default="asktell", choices=["asktell", "optimize"],
                        help="asktell: batches asked then told; optimize: study.optimize with n_jobs=--batch")
    parser.add_argument("--json", default=None)
    parser.add_argument("--trace", default=None, help="write every trial (seed, order, value, parameters) as JSON lines")
    parser.add_argument("--serve", default=None, help="the serve command line (default: dotnet <Release dll> serve); --task TASK is appended")
    args = parser.parse_args()
    suggest, benchmark = TASKS[args.task]

    optuna.logging.set_verbosity(optuna.logging.WARNING)
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    command = (args.serve.split() if args.serve else DEFAULT_SERVE) + ["--task", args.task]
    trainer = Trainer(command)
    pool = [trainer] + [Trainer(command) for _ in range(args.batch - 1)] if args.path == "optimize" else [trainer]
    try:
        cap = trainer.ask("cap")
        marks = checkpoints(args.budget)
        best = {c: [] for c in marks}
        at_cap, seconds, trace = [], [], []
        for seed in range(args.seeds):
            start = time.perf_counter()
            values = (run_seed_optimize(pool, suggest, args.sampler, seed, args.budget, trace) if args.path == "optimize"
                      else run_seed(trainer, suggest, args.sampler, seed, args.budget, args.batch, trace))
            seconds.append(time.perf_counter() - start)
            for c in marks:
                best[c].append(min(values[:c]))
            at_cap.append(sum(1 for v in values if v >= cap))
            shown = ", ".join(f"@{c} {best[c][-1]:.4g}" for c in marks)
            print(f"  seed {seed}: best {shown}; {at_cap[-1]} of {args.budget} at the cap; {seconds[-1]:.1f} s", flush=True)
    finally:
        for each in pool:
            each.close()

    medians = ", ".join(f"@{c} {median(best[c]):.4g}" for c in marks)
    print(f"{benchmark} sampler=optuna-{args.sampler} optuna={optuna.__version__} path={args.path} batch={args.batch} "
          f"seeds={args.seeds}: median best validation loss {medians}")
    if args.trace:
        with open(args.trace, "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(t) + "\n" for t in trace)
    if args.json:
        result = {
            "benchmark": benchmark,
            "sampler": f"optuna-{args.sampler}",
            "optuna": optuna.__version__,
            "path": args.path,
            "batch": args.batch,
            "budget": args.budget,
            "cap": cap,
            "best_at": {str(c): best[c] for c in marks},
            "median_best_at": {str(c): median(best[c]) for c in marks},
            "at_cap": at_cap,
            "seconds": seconds,
        }
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(result, handle, indent=2)


if __name__ == "__main__":
    main()
