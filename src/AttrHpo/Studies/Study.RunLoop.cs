using System.Diagnostics;

namespace AttrHpo;

/// <summary>The run loop of OptimizeAsync: workers that start, run and record trials until the stop condition holds.</summary>
public sealed partial class Study<TParameters>
{
    private async Task<StudyResult<TParameters>> OptimizeOnceAsync(
        StopCondition stop, int parallelism, IProgress<Trial<TParameters>>? progress, IStudyObserver? observer, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await _storage.OpenStudyAsync(Identity, cancellationToken).ConfigureAwait(false);
        await _storage.RecoverExpiredTrialsAsync(Name, _time.GetUtcNow(), Options.MaxTrialStarts, cancellationToken).ConfigureAwait(false);
        var view = new StudyView(Objective.Direction, _pruner, _promotions);
        view.Apply(await _storage.GetChangesAsync(Name, 0, cancellationToken).ConfigureAwait(false));
        var worker = Options.WorkerName ?? $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";
        await ReclaimDeadWorkersAsync(view, worker, cancellationToken).ConfigureAwait(false);
        StudyLog.Starting(_logger, Name, stop, parallelism, Objective.Space);

        // Stopped by the caller, by the fail-fast rule, or by the first worker that faults outside the objective.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = RunHeartbeatAsync(worker, heartbeatStop.Token);
        var workers = new Task[Math.Min(Math.Min(parallelism, Math.Min(stop.TotalBudget, stop.CallBudget)), Options.Executor?.Slots ?? int.MaxValue)];
        var run = new WorkerRun(view, worker, stop, clock, progress, observer, stopping) { CallTrials = new CallTrials(stop.CallBudget) };
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = RunWorkerAsync(run);
        }

        try
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        catch (Exception) when (workers.Any(w => w.IsFaulted))
        {
            throw workers.First(w => w.IsFaulted).Exception!.InnerException!;
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var all = await GetTrialsAsync(cancellationToken).ConfigureAwait(false);
        var first = all.Where(t => t.Error is not null).MinBy(t => t.Number);
        if (view.AllFailed(Options.FailFastAfter))
        {
            throw new StudyFailedException(
                $"Study '{Name}': the first {Options.FailFastAfter} trials of this run all failed, so it stopped early (StudyOptions.FailFastAfter). " +
                $"The first error (trial {first?.Number}): {first?.Error ?? "none recorded"}",
                first is null ? null : view.FirstExceptionIfNumber(first.Number));
        }

        if (!all.Any(t => t.State == TrialState.Complete))
        {
            throw new StudyFailedException(
                $"Study '{Name}': none of its {all.Count} trials completed. The first error (trial {first?.Number}): {first?.Error ?? "none recorded"}",
                first is null ? null : view.FirstExceptionIfNumber(first.Number));
        }

        var result = new StudyResult<TParameters>(Objective.Direction, all, clock.Elapsed);
        StudyLog.Finished(_logger, Name, clock.Elapsed, all.Count, result.Best.Value, result.Best.Number, result.Best.Record.ParametersJson);
        return result;
    }

    private async Task RunWorkerAsync(WorkerRun run)
    {
        // Yield first so that starting the workers never runs a trial on the caller's thread.
        await Task.Yield();
        try
        {
            while (!run.Stop.IsCancellationRequested && !run.Condition.Holds(run.View.StopState(run.Clock.Elapsed))
                && await RunNextTrialAsync(run).ConfigureAwait(false))
            {
                if (run.View.AllFailed(Options.FailFastAfter))
                {
                    await run.Stop.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception) when (!run.Stop.IsCancellationRequested)
        {
            await run.Stop.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts, runs and records one trial; <see langword="false"/> when this call's count or the study's total is reached.</summary>
    private async Task<bool> RunNextTrialAsync(WorkerRun run)
    {
        if (!run.CallTrials.TryTake())
        {
            return false;
        }

        var token = run.Stop.Token;
        var now = _time.GetUtcNow();
        var trial = await _storage.StartTrialAsync(Name, new TrialLease(run.Worker, now, now + Options.LeaseDuration), run.Condition.TotalBudget, token).ConfigureAwait(false);
        if (trial is null)
        {
            run.CallTrials.GiveBack();
            return await AwaitOthersAsync(run).ConfigureAwait(false);
        }

        run.TellWaiting([]); // there is work here again

        TParameters parameters;
        TrialRecord started;
        try
        {
            (parameters, started) = await AssignParametersAsync(run.View, trial, token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // Stopped, or the sampler failed, between starting the trial and giving it parameters: the objective never ran.
            // Record the trial as cancelled (it does not count toward the budget) rather than leave it running.
            var why = exception is OperationCanceledException && token.IsCancellationRequested
                ? "Cancelled: the study was stopped."
                : $"Cancelled: choosing its parameters failed ({exception.GetType().Name}: {exception.Message}), which stopped the study.";
            await TryCancelUnstartedAsync(trial, why).ConfigureAwait(false);
            throw;
        }

        var reports = new ReportWriter(_storage, Name, started, run.View, _logger);
        var context = new TrialContext(Name, started.Number, started.Seed, _trialLogger, _pruner, started.Budget)
        {
            PromotedFrom = started.PromotedFrom, Checkpoints = _checkpoints, Recorded = Recorder(reports, run.Observer as IReportObserver, started.Number),
        };
        var observerFault = await TellStartedAsync(run, started).ConfigureAwait(false);
        var outcome = observerFault is null
            ? await TrialRunner.RunAsync(Invocation(parameters, started, context), Options.TrialTimeout, Options.Retry, context.BeginRetry, token).ConfigureAwait(false)
            : TrialOutcome.Cancelled("Cancelled: the study was stopped.");
        await reports.CompleteAsync().ConfigureAwait(false);
        var end = new TrialEnd(outcome.State, outcome.Value, outcome.Error, _time.GetUtcNow(), context.Reports, context.Attributes) { Attempt = started.Starts };

        // Recorded even when the study is being cancelled: a finished result is never lost.
        TrialRecord finished;
        try
        {
            finished = await _storage.FinishTrialAsync(Name, started.Number, end, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StudyStorageException exception)
        {
            run.CallTrials.GiveBack(); // not this call's trial any more: another worker runs it again
            StudyLog.ResultDiscarded(_logger, started.Number, exception.Message);
            observerFault?.Throw();
            return true;
        }

        if (finished.State == TrialState.Cancelled)
        {
            run.CallTrials.GiveBack(); // run again in its place, unless the study is stopping
        }

        run.View.Finished(finished, outcome.Exception);
        Log(finished);
        observerFault?.Throw();
        run.Observer?.TrialFinished(finished);
        run.Progress?.Report(new Trial<TParameters>(finished, parameters));
        return true;
    }

    /// <summary>Runs the objective: typed and in this process, or through the study's executor from the trial's JSON.</summary>
    private Func<CancellationToken, ValueTask<double>> Invocation(TParameters parameters, TrialRecord started, TrialContext context) =>
        Options.Executor is { } executor
            ? ct => executor.InvokeAsync(new TrialInvocation(Objective, started.ParametersJson, context), ct)
            : ct => Objective.InvokeAsync(parameters, context, ct);

    /// <summary>The log line of a finished trial.</summary>
    private void Log(TrialRecord trial)
    {
        if (trial.State == TrialState.Complete)
        {
            StudyLog.TrialComplete(_logger, trial.Number, trial.Value, trial.ParametersJson);
        }
        else
        {
            StudyLog.TrialNotComplete(_logger, trial.Number, trial.State, trial.Error, trial.ParametersJson);
        }
    }

    /// <summary>Where a trial's reports go: its storage writer, and the call's observer first when it listens for reports.</summary>
    private static Action<IntermediateValue> Recorder(ReportWriter reports, IReportObserver? observer, int number) =>
        observer is null ? reports.Add : report =>
        {
            observer.TrialReported(number, report);
            reports.Add(report);
        };
}
