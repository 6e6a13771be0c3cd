using System.Diagnostics;
using System.Text.Json;

namespace AttrHpo.Tool.Tests;

/// <summary>
/// Debian's python3-optuna (3.1) run as a real process: it loads the files the tool writes and writes the files it imports.
/// The tests that use it fail, never skip, when it is missing (.ci/run installs python3-optuna and python3-plotly).
/// </summary>
public static class OptunaPython
{
    /// <summary>Loads a study with <c>optuna.load_study</c>, draws four of its plots, and prints its trials as JSON.</summary>
    public const string Dump = """
        import json, sys, optuna
        optuna.logging.set_verbosity(optuna.logging.WARNING)
        s = optuna.load_study(study_name=sys.argv[2], storage="sqlite:///" + sys.argv[1])
        from optuna import visualization as v
        plots = [type(p(s)).__name__ for p in (v.plot_optimization_history, v.plot_intermediate_values, v.plot_parallel_coordinate, v.plot_slice)]
        def when(d): return None if d is None else d.isoformat()
        print(json.dumps({"direction": s.direction.name, "plots": plots, "user_attrs": s.user_attrs, "system_attrs": s.system_attrs, "trials": [{
            "number": t.number, "state": t.state.name, "value": t.value, "params": t.params,
            "distributions": {k: json.loads(optuna.distributions.distribution_to_json(d)) for k, d in t.distributions.items()},
            "intermediate": [[k, x] for k, x in sorted(t.intermediate_values.items())],
            "user_attrs": t.user_attrs, "system_attrs": t.system_attrs,
            "start": when(t.datetime_start), "complete": when(t.datetime_complete)} for t in s.trials]}))
        """;

    /// <summary>
    /// Runs an Optuna study named <c>warm</c> into the file argv[1]: a log-scaled float, an integer with a step, a string and a
    /// numeric choice, a float with a step; trials 1 and 5 pruned after reporting, trial 3 failed after sampling, trial 6 failed
    /// before sampling anything; with argv[2] = "dynamic", odd trials suggest one more parameter.
    /// </summary>
    public const string Create = """
        import sys, optuna
        optuna.logging.set_verbosity(optuna.logging.ERROR)
        s = optuna.create_study(study_name="warm", storage="sqlite:///" + sys.argv[1], direction="maximize", sampler=optuna.samplers.RandomSampler(seed=7))
        def objective(t):
            if t.number == 6: raise RuntimeError("no parameters yet")
            lr = t.suggest_float("lr", 1e-5, 1e-1, log=True)
            units = t.suggest_int("units", 16, 128, step=16)
            opt = t.suggest_categorical("optimizer", ["adam", "sgd", "rmsprop"])
            batch = t.suggest_categorical("batch", [32, 64])
            dropout = t.suggest_float("dropout", 0.0, 0.5, step=0.1)
            if sys.argv[2] == "dynamic" and t.number % 2 == 1: t.suggest_int("extra", 1, 3)
            t.set_user_attr("note", "trial %d" % t.number)
            if t.number == 3: raise RuntimeError("diverged")
            score = 0.0
            for step in range(4):
                score = units / 128 - abs(lr - 0.01) - dropout + step * 0.1 + (0.05 if opt == "adam" else 0.0)
                t.report(score, step)
                if t.number in (1, 5) and step == 2: raise optuna.TrialPruned()
            return score
        s.optimize(objective, n_trials=8, catch=(RuntimeError,))
        """;

    /// <summary>Runs <paramref name="script"/> with <c>python3 -c</c>; fails the test when Python or Optuna is missing or the script fails.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        // Debian's Python (where python3-optuna installs) before any other on the PATH; ATTRHPO_PYTHON names another.
        var python = Environment.GetEnvironmentVariable("ATTRHPO_PYTHON") ?? (File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
        var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"{python} cannot be run ({exception.Message}); install python3, python3-optuna and python3-plotly (apt-get install -y python3-optuna python3-plotly).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(patience.Token);
            var failed = await error;
            Assert.False(
                failed.Contains("No module named 'optuna'", StringComparison.Ordinal) || failed.Contains("No module named 'plotly'", StringComparison.Ordinal),
                $"{python} has not got Optuna and Plotly: apt-get install -y python3-optuna python3-plotly. {failed}");
            Assert.True(process.ExitCode == 0, $"{python} failed ({process.ExitCode}): {failed}");
            return await output;
        }
    }

    /// <summary>The study <paramref name="study"/> of the Optuna file <paramref name="file"/>, as <see cref="Dump"/> prints it.</summary>
    public static async Task<JsonElement> LoadAsync(string file, string study)
    {
        using var document = JsonDocument.Parse(await RunAsync(Dump, file, study));
        return document.RootElement.Clone();
    }
}
