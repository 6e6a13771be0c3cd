using System.CommandLine;
using AttrHpo.Tool.Hunt;

namespace AttrHpo.Tool;

/// <summary>
/// <c>attrhpo hunt</c>: a study whose objective is a program. Its <c>NAME~PRIOR</c> arguments (Oríon's syntax) are the search
/// space, each trial runs it with values in their place, and it reports its result on its output (<see cref="ResultProtocol"/>).
/// The machinery lives in the Hunt folder; this is the command line and the run.
/// </summary>
internal static class HuntCommand
{
    private static readonly string[] Samplers = ["random", "sobol", "gp", "grid"];

    public static Command Create(ToolOutput io, SharedOptions shared)
    {
        var storage = SharedOptions.Storage("Where the study is kept: " + ToolStorage.LocationForms + " (a SQLite file is created when missing).");
        var study = SharedOptions.Study();
        var trials = Positive(new Option<int>("--trials", "-n") { Description = "How many trials this run finishes (complete, pruned or failed); running the command again adds as many again.", DefaultValueFactory = _ => 10, HelpName = "N" });
        var sampler = new Option<string>("--sampler") { Description = "How trials' values are chosen: random, sobol, gp (a Gaussian process) or grid.", DefaultValueFactory = _ => "random" };
        sampler.AcceptOnlyFromAmong(Samplers);
        var resolution = Positive(new Option<int>("--grid-resolution") { Description = "With --sampler grid: how many values each continuous prior contributes, both bounds included (2 or more).", DefaultValueFactory = _ => 5, HelpName = "N" }, minimum: 2);
        var seed = new Option<ulong>("--seed") { Description = "The seed of every random choice: the same seed proposes the same trials.", HelpName = "N" };
        var parallelism = Positive(new Option<int>("--parallelism", "-j") { Description = "How many trials run at once.", DefaultValueFactory = _ => 1, HelpName = "N" });
        var direction = new Option<string>("--direction") { Description = "Whether smaller (minimize) or larger (maximize) objectives are better.", DefaultValueFactory = _ => "minimize" };
        direction.AcceptOnlyFromAmong("minimize", "maximize");
        var pruning = new Option<string>("--pruning") { Description = "Stop trials early from the values they report (attrhpo: step=N value=V): none, or median (worse than the median of other trials at a step).", DefaultValueFactory = _ => "none" };
        pruning.AcceptOnlyFromAmong("none", "median");
        var startup = Positive(new Option<int>("--pruning-startup") { Description = "With --pruning median: how many other trials must have reported a step before a trial is stopped there.", DefaultValueFactory = _ => 5, HelpName = "N" });
        var promotion = new Option<string>("--promotion") { Description = "With a fidelity prior: run new trials on a small budget and promote the best to larger ones: none, asha or hyperband (its base is the reduction factor).", DefaultValueFactory = _ => "none" };
        promotion.AcceptOnlyFromAmong("none", "asha", "hyperband");
        var trialTimeout = Seconds(new Option<double?>("--trial-timeout") { Description = "Seconds a trial may run before its program is killed and the trial fails.", HelpName = "SECONDS" });
        var maxTime = Seconds(new Option<double?>("--max-time") { Description = "Seconds after which this run starts no more trials (running ones finish).", HelpName = "SECONDS" });
        var gpu = new Option<bool>("--gpu")
        {
            Description = "Lease each trial a GPU of its own (one trial per device at a time): the program sees only that device (CUDA_VISIBLE_DEVICES) and " +
                "ATTRHPO_GPU_INDEX, ATTRHPO_GPU_NAME, ATTRHPO_GPU_STAND_IN (1 when the CPU stands in, on a machine without a GPU).",
        };
        var standIns = Positive(new Option<int>("--stand-in-gpus") { Description = "With --gpu on a machine without a GPU: how many devices the CPU stands in for.", DefaultValueFactory = _ => 1, HelpName = "N" });
        var logs = new Option<string?>("--logs") { Description = "The folder of the trials' output (LOGS/STUDY/TRIAL/stdout.txt); by default FILE.hunt beside a SQLite file, ./attrhpo-hunt for PostgreSQL.", HelpName = "DIR" };
        var program = new Argument<string[]>("COMMAND")
        {
            Description = "After --: the program and its arguments. An argument --NAME~'PRIOR' is a parameter (passed as --NAME VALUE; --NAME=~'PRIOR' as --NAME=VALUE); others pass unchanged.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "hunt",
            "Optimise a program's hyperparameters: run it once per trial with values for its --NAME~'PRIOR' arguments (uniform, loguniform, int, choices, fidelity) " +
            "and read the result it prints ('attrhpo: objective=VALUE'). The study is kept in the storage: running the same command again continues it. " +
            "Exit codes: 0 done, 1 usage (a malformed prior), 2 program not found, 3 storage unavailable, 4 refused (the study was hunted with other priors), 5 every trial failed, 130 Ctrl+C.")
        {
            storage, study, trials, sampler, resolution, seed, parallelism, direction, pruning, startup, promotion, trialTimeout, maxTime, gpu, standIns, logs, program,
        };
        command.SetAction((parse, cancellationToken) => ToolCommands.GuardAsync(io, async () =>
        {
            HuntCommandLine line;
            try
            {
                line = HuntCommandLine.Parse(parse.GetValue(program) ?? []);
            }
            catch (PriorException exception)
            {
                throw new ToolException(ExitCodes.Usage, exception.Message);
            }

            var promote = parse.GetRequiredValue(promotion);
            if (promote != "none" && line.Fidelity is null)
            {
                throw new ToolException(ExitCodes.Usage, $"--promotion {promote} needs a fidelity prior, the budget promotions raise: add one such as --epochs~'fidelity(1, 27, base=3)'.");
            }

            CheckProgram(line.Executable);
            var location = parse.GetRequiredValue(storage);
            await using var opened = ToolStorage.Open(location, readOnly: false, shared.Wait(parse));
            var name = parse.GetRequiredValue(study);
            var folder = Path.Combine(parse.GetValue(logs) ?? (opened is SqliteStudyStorage sqlite ? sqlite.Path + ".hunt" : "attrhpo-hunt"), FolderName(name));
            var objective = new HuntObjective(line, parse.GetRequiredValue(direction) == "maximize" ? Direction.Maximize : Direction.Minimize, new TrialProcess(line, folder)) { Gpu = parse.GetValue(gpu) };
            await HuntRun.CheckStoredAsync(opened, name, objective, location, cancellationToken).ConfigureAwait(false);
            using var chosen = Sampler(parse.GetRequiredValue(sampler), parse.GetValue(resolution));
            var options = new StudyOptions
            {
                Name = name,
                Seed = parse.GetValue(seed),
                Storage = opened,
                Sampler = chosen.Sampler,
                Pruning = parse.GetRequiredValue(pruning) == "median" ? Pruning.Median(startupTrials: parse.GetValue(startup)) : null,
                Promotion = promote switch
                {
                    "asha" => Promotion.Asha(reductionFactor: line.Fidelity!.Base),
                    "hyperband" => Promotion.Hyperband(reductionFactor: line.Fidelity!.Base),
                    _ => null,
                },
                TrialTimeout = parse.GetValue(trialTimeout) is { } limit ? TimeSpan.FromSeconds(limit) : null,
                Executor = objective.Gpu ? new GpuExecutor(new GpuExecutorOptions { CpuAcceleratorDevices = parse.GetValue(standIns) }) : null,
            };
            var stop = StopCondition.MoreTrials(parse.GetValue(trials));
            if (parse.GetValue(maxTime) is { } most)
            {
                stop |= StopCondition.WallTime(TimeSpan.FromSeconds(most));
            }

            await HuntRun.RunAsync(io, Study.Create(objective, options), line, stop, parse.GetValue(parallelism), folder, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    /// <summary>A program given by path must exist; one given by name must be on PATH. Windows, with its PATHEXT, is left to the first trial.</summary>
    private static void CheckProgram(string program)
    {
        var found = OperatingSystem.IsWindows()
            || (program.Contains('/', StringComparison.Ordinal)
                ? File.Exists(program)
                : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator).Any(d => d.Length > 0 && File.Exists(Path.Combine(d, program))));
        if (!found)
        {
            throw new ToolException(
                ExitCodes.NotFound,
                program.Contains('/', StringComparison.Ordinal)
                    ? $"The program '{program}' does not exist (relative paths are from the current folder, {Environment.CurrentDirectory})."
                    : $"The program '{program}' is not on PATH; give its path, such as ./{program}.");
        }
    }

    /// <summary>A study name as a folder name: characters other than letters, digits, '.', '-' and '_' become '_'.</summary>
    private static string FolderName(string study)
    {
        var name = new string([.. study.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);
        return name.Trim('.').Length == 0 ? "_" + name : name;
    }

    private static ChosenSampler Sampler(string name, int resolution) => name switch
    {
        "sobol" => new ChosenSampler(new SobolSampler()),
        "gp" => new ChosenSampler(new GpSampler()),
        "grid" => new ChosenSampler(new GridSampler(resolution)),
        _ => new ChosenSampler(new RandomSampler()),
    };

    private static Option<int> Positive(Option<int> option, int minimum = 1)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < minimum)
            {
                r.AddError($"{option.Name} must be {minimum} or more.");
            }
        });
        return option;
    }

    private static Option<double?> Seconds(Option<double?> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is { } seconds && !(seconds > 0 && seconds <= 31_536_000))
            {
                r.AddError($"{option.Name} must be more than 0 seconds (and at most a year).");
            }
        });
        return option;
    }

    /// <summary>The sampler, disposed after the run when it holds resources (the Gaussian process's).</summary>
    private sealed record ChosenSampler(ISampler Sampler) : IDisposable
    {
        public void Dispose() => (Sampler as IDisposable)?.Dispose();
    }
}
