using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace AttrHpo;

/// <summary>
/// The warm start of a new version of a study (<see cref="StudyOptions.WarmStart"/>): the complete trials of its earlier
/// versions whose values lie in its space, as observations for its sampler only. Each trial's values are those recorded when
/// it got its parameters (its JSON, decoded with its own version's space), never its unit-cube point read with another space;
/// they are encoded into the new space with the objective's own reading of them, which refuses a value outside its range, off
/// its step, or not one of its choices.
/// </summary>
/// <remarks>
/// <para>A parameter the earlier version lacks (added since) takes its value from <see cref="StudyOptions.WarmStartValues"/>, or
/// else from the objective's default (<see cref="ObjectiveDefinition{TParameters}.WriteDefaultJson"/>); with neither, the trial
/// is not used. A parameter the new version lacks (removed since) had to be fixed at some value in the objective: the trial is
/// used only when <see cref="StudyOptions.WarmStartValues"/> gives that value and the trial had it, as its effect is not known
/// otherwise. Under a promotion schedule only trials run with the full budget are used.</para>
/// </remarks>
internal static class WarmStart
{
    /// <summary>How many distinct reasons for leaving trials out the log names.</summary>
    private const int ReasonsLogged = 3;

    /// <summary>Reads the earlier versions of <paramref name="opened"/> and returns their usable trials as observations, oldest first.</summary>
    /// <param name="storage">The storage the study was given.</param>
    /// <param name="opened">The version the study object runs.</param>
    /// <param name="objective">The objective, with the new space.</param>
    /// <param name="given">The values of parameters absent from one version or the other (<see cref="StudyOptions.WarmStartValues"/>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="ArgumentException"><paramref name="given"/> names a parameter of no version, or holds a value of a type that is not a parameter's.</exception>
    public static async ValueTask<Outcome> LoadAsync<TParameters>(
        IStudyStorage storage, StoredStudy opened, ObjectiveDefinition<TParameters> objective, IReadOnlyDictionary<string, object>? given, CancellationToken cancellationToken)
        where TParameters : notnull
    {
        if (opened.Version == 1)
        {
            return new Outcome([], 0, new Dictionary<string, int>());
        }

        var studies = await storage.GetStudiesAsync(cancellationToken).ConfigureAwait(false);
        var earlier = studies.Where(s => s.Name == opened.Name && s.Version < opened.Version).OrderBy(s => s.Version).ToList();
        var mapping = new Mapping<TParameters>(objective, Given(given, objective, earlier));
        var observations = new List<Observation>();
        var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
        var complete = 0;
        foreach (var version in earlier)
        {
            var changes = await storage.GetChangesAsync(version.StorageName, 0, cancellationToken).ConfigureAwait(false);
            foreach (var trial in changes.Trials.OrderBy(t => t.Number))
            {
                if (trial is not { State: TrialState.Complete, Value: { } value, HasParameters: true }
                    || (trial.Budget is { } budget && budget != objective.Budget?.Max))
                {
                    continue;
                }

                complete++;
                if (mapping.TryMap(trial.ParametersJson, out var point, out var reason))
                {
                    observations.Add(new Observation(point, objective.Direction == Direction.Minimize ? value : -value) { Budget = trial.Budget });
                }
                else
                {
                    reasons[reason] = reasons.GetValueOrDefault(reason) + 1;
                }
            }
        }

        return new Outcome(observations, complete, reasons);
    }

    /// <summary>The given values as JSON values, checked against the parameters of every version.</summary>
    private static Dictionary<string, string> Given<TParameters>(IReadOnlyDictionary<string, object>? given, ObjectiveDefinition<TParameters> objective, List<StoredStudy> earlier)
        where TParameters : notnull
    {
        var json = new Dictionary<string, string>(StringComparer.Ordinal);
        if (given is null)
        {
            return json;
        }

        var known = objective.Space.Dimensions.Select(d => d.Name)
            .Concat(earlier.SelectMany(v => v.Space is { } space ? SpaceDefinition.Names(space) : []))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in given)
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException(
                    $"StudyOptions.WarmStartValues names '{name}', a parameter of no version of the study '{objective.Id}' " +
                    $"(its parameters: {string.Join(", ", known.Order(StringComparer.Ordinal))}). Remove it or correct its name.",
                    nameof(given));
            }

            json[name] = ToJson(name, value);
        }

        return json;
    }

    private static string ToJson(string name, object value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            switch (value)
            {
                case double d when double.IsFinite(d):
                    writer.WriteNumberValue(d);
                    break;
                case float f when float.IsFinite(f):
                    writer.WriteNumberValue(f);
                    break;
                case int or long or short or byte or decimal:
                    writer.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case Enum e:
                    writer.WriteStringValue(e.ToString());
                    break;
                default:
                    throw new ArgumentException(
                        $"StudyOptions.WarmStartValues['{name}'] is {value ?? "null"} ({value?.GetType().Name ?? "no type"}); give a value of the " +
                        "parameter's own type: a finite number, a string, a bool or an enum member.",
                        nameof(value));
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>What the warm start found.</summary>
    /// <param name="Observations">The trials used, as the sampler sees them.</param>
    /// <param name="Complete">How many complete trials the earlier versions hold (at the full budget).</param>
    /// <param name="LeftOut">Why the others were not used, with how many each reason left out.</param>
    internal sealed record Outcome(IReadOnlyList<Observation> Observations, int Complete, IReadOnlyDictionary<string, int> LeftOut)
    {
        /// <summary>The most frequent reasons, for the log.</summary>
        public string Reasons => LeftOut.Count == 0
            ? "none left out"
            : string.Join("; ", LeftOut.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Take(ReasonsLogged).Select(r => $"{r.Value}: {r.Key}"));
    }

    /// <summary>Maps one earlier trial's values into the new space.</summary>
    private sealed class Mapping<TParameters>(ObjectiveDefinition<TParameters> objective, Dictionary<string, string> given)
        where TParameters : notnull
    {
        private readonly HashSet<string> _names = [.. objective.Space.Dimensions.Select(d => d.Name)];
        private readonly Dictionary<string, string> _defaults = Defaults(objective);

        public bool TryMap(string json, out double[] point, out string reason)
        {
            point = [];
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json);
            }
            catch (JsonException)
            {
                reason = "its parameters are not valid JSON";
                return false;
            }

            using var owned = document;
            var values = document.RootElement;
            if (values.ValueKind != JsonValueKind.Object)
            {
                reason = "its parameters are not a JSON object";
                return false;
            }

            foreach (var property in values.EnumerateObject().Where(p => !_names.Contains(p.Name)))
            {
                if (!given.TryGetValue(property.Name, out var fixedAt))
                {
                    reason = $"'{property.Name}' was removed, and StudyOptions.WarmStartValues does not say at which value";
                    return false;
                }

                if (!SameValue(property.Value, fixedAt))
                {
                    reason = $"'{property.Name}' was removed at {fixedAt}, and the trial had another value";
                    return false;
                }
            }

            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                foreach (var dimension in objective.Space.Dimensions)
                {
                    writer.WritePropertyName(dimension.Name);
                    if (values.TryGetProperty(dimension.Name, out var value))
                    {
                        value.WriteTo(writer);
                    }
                    else if (given.TryGetValue(dimension.Name, out var added) || _defaults.TryGetValue(dimension.Name, out added))
                    {
                        writer.WriteRawValue(added);
                    }
                    else
                    {
                        reason = $"'{dimension.Name}' was added, and has no default value or StudyOptions.WarmStartValues entry";
                        return false;
                    }
                }

                writer.WriteEndObject();
            }

            TParameters parameters;
            try
            {
                parameters = objective.FromJson(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            }
            catch (Exception exception) when (exception is JsonException or ArgumentException or FormatException or InvalidOperationException)
            {
                reason = "a value lies outside the new space";
                return false;
            }

            point = new double[objective.Space.Count];
            objective.Encode(parameters, point);
            reason = string.Empty;
            return true;
        }

        private static bool SameValue(JsonElement value, string json)
        {
            using var document = JsonDocument.Parse(json);
            var other = document.RootElement;
            return (value.ValueKind, other.ValueKind) switch
            {
                (JsonValueKind.Number, JsonValueKind.Number) => value.GetDouble() == other.GetDouble(),
                (JsonValueKind.String, JsonValueKind.String) => value.GetString() == other.GetString(),
                var (a, b) => a == b && value.GetRawText() == other.GetRawText(),
            };
        }

        private static Dictionary<string, string> Defaults(ObjectiveDefinition<TParameters> objective)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                objective.WriteDefaultJson(writer);
            }

            using var document = JsonDocument.Parse(buffer.WrittenMemory);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal)
                : [];
        }
    }
}
