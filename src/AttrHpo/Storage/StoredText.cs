using System.Globalization;
using System.Text;

namespace AttrHpo;

/// <summary>
/// The text every database storage writes for a trial's state, a study's direction and a point: states and directions by
/// name, points as JSON arrays of round-trip doubles with non-finite values as strings. One definition, so that the SQLite
/// and PostgreSQL storages write and read exactly the same text.
/// </summary>
internal static class StoredText
{
    /// <summary>The trial columns every database storage reads, in the order its row reader takes them.</summary>
    public const string TrialColumns = "number, state, point, parameters, seed, value, error, worker, starts, lease_until, started, finished, attributes, budget, promoted_from, version";

    public static string State(TrialState state) => state switch
    {
        TrialState.Waiting => "Waiting",
        TrialState.Running => "Running",
        TrialState.Complete => "Complete",
        TrialState.Pruned => "Pruned",
        TrialState.Failed => "Failed",
        TrialState.Cancelled => "Cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not a trial state."),
    };

    public static TrialState ParseState(string text) => text switch
    {
        "Waiting" => TrialState.Waiting,
        "Running" => TrialState.Running,
        "Complete" => TrialState.Complete,
        "Pruned" => TrialState.Pruned,
        "Failed" => TrialState.Failed,
        "Cancelled" => TrialState.Cancelled,
        _ => throw new FormatException($"'{text}' is not a trial state."),
    };

    public static string Direction(Direction direction) => direction switch
    {
        AttrHpo.Direction.Minimize => "Minimize",
        AttrHpo.Direction.Maximize => "Maximize",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Not a direction."),
    };

    public static Direction ParseDirection(string text) => text switch
    {
        "Minimize" => AttrHpo.Direction.Minimize,
        "Maximize" => AttrHpo.Direction.Maximize,
        _ => throw new FormatException($"'{text}' is not a direction."),
    };

    /// <summary>A point as a JSON array; each double in its shortest round-trip form, non-finite ones as strings.</summary>
    public static string Point(IReadOnlyList<double> point)
    {
        if (point.Count == 0)
        {
            return "[]";
        }

        var text = new StringBuilder(point.Count * 20);
        text.Append('[');
        for (var i = 0; i < point.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            var x = point[i];
            if (double.IsFinite(x))
            {
                text.Append(x.ToString("R", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append('"').Append(x.ToString(CultureInfo.InvariantCulture)).Append('"');
            }
        }

        return text.Append(']').ToString();
    }

    public static double[] ParsePoint(string json)
    {
        var inner = json.AsSpan().Trim();
        if (inner.Length < 2 || inner[0] != '[' || inner[^1] != ']')
        {
            throw new FormatException($"'{json}' is not a JSON array of numbers.");
        }

        inner = inner[1..^1].Trim();
        if (inner.IsEmpty)
        {
            return [];
        }

        var point = new double[inner.Count(',') + 1];
        var i = 0;
        foreach (var range in inner.Split(','))
        {
            var item = inner[range].Trim().Trim('"');
            point[i++] = double.Parse(item, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return point;
    }
}
