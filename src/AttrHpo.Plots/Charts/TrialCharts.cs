using System.Globalization;
using ScottPlot;

namespace AttrHpo;

/// <summary>Charts of how trials ran: learning curves, rung occupancy of a promotion schedule, and a timeline by worker and device.</summary>
internal static class TrialCharts
{
    /// <summary>The attribute a trial's device is read from (what <c>GpuExecutor</c> sets).</summary>
    public const string DeviceAttribute = "device";

    public static Plot IntermediateValues(PlotData data)
    {
        var reporting = data.Trials.Where(t => t.Reports.Count > 0).ToList();
        if (reporting.Count == 0)
        {
            throw new InvalidOperationException(
                $"No trial of study '{data.Title}' reported intermediate values. Call trial.Report(step, value) or trial.ReportOrPrune(step, value) " +
                "in the objective (a TrialContext parameter) for each epoch, then plot the learning curves.");
        }

        var plot = Charts.New($"Intermediate values: {data.Title}", "step", "reported value");
        var labelled = new HashSet<TrialState>();
        foreach (var trial in reporting)
        {
            var line = plot.Add.Scatter(
                trial.Reports.Select(r => (double)r.Step).ToArray(), trial.Reports.Select(r => r.Value).ToArray());
            line.Color = Charts.StateColor(trial.State).WithAlpha(trial.State == TrialState.Pruned ? 0.9 : 0.6);
            line.MarkerSize = 3;
            line.LineWidth = 1.5f;
            if (labelled.Add(trial.State))
            {
                line.LegendText = trial.State.ToString().ToLowerInvariant();
            }

            if (trial.State == TrialState.Pruned)
            {
                var last = trial.Reports[^1];
                var cross = plot.Add.Marker(last.Step, last.Value, MarkerShape.Eks, 10);
                cross.Color = Colors.Crimson;
            }
        }

        if (labelled.Contains(TrialState.Pruned))
        {
            plot.Add.Annotation("× where a trial was pruned", Alignment.LowerRight);
        }

        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    public static Plot Rungs(PlotData data)
    {
        var budgeted = data.Trials.Where(t => t.Budget is not null).ToList();
        if (budgeted.Count == 0)
        {
            throw new InvalidOperationException(
                $"No trial of study '{data.Title}' has a budget, so there are no rungs to show. Rungs come from a promotion schedule: " +
                "set StudyOptions.Promotion = Promotion.Asha() (or Promotion.Hyperband()) with a [Budget] parameter on the objective.");
        }

        var promoted = budgeted.Select(t => t.PromotedFrom).OfType<int>().ToHashSet();
        var budgets = budgeted.Select(t => t.Budget!.Value).Distinct().Order().ToArray();
        (string Name, Func<TrialRecord, bool> Is, Color Color)[] groups =
        [
            ("promoted", t => promoted.Contains(t.Number), Colors.MediumSeaGreen),
            ("complete, not promoted", t => t.State == TrialState.Complete && !promoted.Contains(t.Number), Colors.SteelBlue),
            ("pruned", t => t.State == TrialState.Pruned && !promoted.Contains(t.Number), Colors.Orange),
            ("failed or cancelled", t => t.State is TrialState.Failed or TrialState.Cancelled, Colors.Crimson),
            ("running or waiting", t => t.State is TrialState.Running or TrialState.Waiting, Colors.LightGray),
        ];

        var plot = Charts.New($"Rung occupancy: {data.Title}", "rung (budget)", "trials");
        var bars = new List<Bar>();
        for (var rung = 0; rung < budgets.Length; rung++)
        {
            var here = budgeted.Where(t => t.Budget == budgets[rung]).ToList();
            var stacked = 0.0;
            foreach (var (_, isIn, color) in groups)
            {
                var count = here.Count(isIn);
                if (count > 0)
                {
                    bars.Add(new Bar { Position = rung, ValueBase = stacked, Value = stacked + count, FillColor = color });
                    stacked += count;
                }
            }

            bars[^1].Label = here.Count.ToString(CultureInfo.InvariantCulture); // the total above the stack
        }

        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = 11;
        foreach (var (name, _, color) in groups.Where(g => budgeted.Any(g.Is)))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color });
        }

        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, budgets.Length).Select(i => (double)i)],
            [.. budgets.Select((b, i) => $"rung {i}: budget {b.ToString(CultureInfo.InvariantCulture)}")]);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    public static Plot Timeline(PlotData data)
    {
        var started = data.Trials.Where(t => t.Started is not null).ToList();
        if (started.Count == 0)
        {
            throw new InvalidOperationException(
                $"No trial of study '{data.Title}' has started, so there is no timeline to draw. Run the study (OptimizeAsync) first.");
        }

        var origin = started.Min(t => t.Started!.Value);
        var end = started.Max(t => t.Finished ?? t.Started!.Value);
        var span = (end - origin).TotalSeconds;
        var rows = Rows(started, end);
        var lanes = rows.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var plot = Charts.New($"Timeline: {data.Title}", "seconds since the first trial started", "worker (device)");
        var bars = new List<Bar>();
        foreach (var trial in started)
        {
            var from = (trial.Started!.Value - origin).TotalSeconds;
            var to = ((trial.Finished ?? end) - origin).TotalSeconds;
            bars.Add(new Bar
            {
                Position = lanes.IndexOf(rows[trial.Number]),
                ValueBase = from,
                Value = Math.Max(to, from + (span / 500)), // an instant trial still shows
                FillColor = Charts.StateColor(trial.State),
                Orientation = Orientation.Horizontal,
            });
        }

        plot.Add.Bars(bars);
        foreach (var state in started.Select(t => t.State).Distinct().Order())
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = state.ToString().ToLowerInvariant(), FillColor = Charts.StateColor(state) });
        }

        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, lanes.Count).Select(i => (double)i)], [.. lanes]);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// Each trial's row: its worker and device, and a slot number when that worker ran trials at the same time (the first
    /// slot free when the trial started), so that overlapping trials do not hide each other.
    /// </summary>
    private static Dictionary<int, string> Rows(IReadOnlyList<TrialRecord> started, DateTimeOffset end)
    {
        var rows = new Dictionary<int, string>();
        foreach (var lane in started.GroupBy(Lane, StringComparer.Ordinal))
        {
            var slots = new List<DateTimeOffset>(); // when each slot is free again
            var assigned = new List<(int Number, int Slot)>();
            foreach (var trial in lane.OrderBy(t => t.Started).ThenBy(t => t.Number))
            {
                var slot = slots.FindIndex(free => free <= trial.Started!.Value);
                if (slot < 0)
                {
                    slot = slots.Count;
                    slots.Add(default);
                }

                slots[slot] = trial.Finished ?? end;
                assigned.Add((trial.Number, slot));
            }

            foreach (var (number, slot) in assigned)
            {
                rows[number] = slots.Count == 1 ? lane.Key : $"{lane.Key} #{slot + 1}";
            }
        }

        return rows;
    }

    private static string Lane(TrialRecord trial)
    {
        var worker = trial.Worker.Length > 0 ? trial.Worker : "(no worker)";
        return trial.Attributes.TryGetValue(DeviceAttribute, out var device) ? $"{worker} ({device})" : worker;
    }
}
