using System.Globalization;
using System.Text;

namespace AttrHpo.Tool.Hunt;

/// <summary>One parameter of a hunt: a dimension of the search space, or the fidelity (the budget that promotions give).</summary>
/// <param name="Name">The parameter's name: the option's name without its dashes.</param>
/// <param name="Dimension">The dimension the prior samples; <see langword="null"/> for the fidelity.</param>
/// <param name="Fidelity">The fidelity's range; <see langword="null"/> for a dimension.</param>
/// <param name="Base">The fidelity's logarithmic base, the promotions' reduction factor.</param>
internal sealed record Prior(string Name, Dimension? Dimension, BudgetRange? Fidelity, int Base = 2);

/// <summary>A prior that cannot be read: the message says what is wrong and how it should read.</summary>
internal sealed class PriorException(string message) : Exception(message);

/// <summary>
/// Reads Oríon's prior expressions: <c>uniform(low, high)</c>, <c>loguniform(low, high)</c> (both with <c>discrete=True</c> for
/// integers), <c>int(low, high)</c> (with <c>log=True</c>), <c>choices(a, b, ...)</c> or <c>choices(['a', 'b'])</c> (also spelled
/// <c>choice</c>) and <c>fidelity(low, high, base=2)</c>. Arguments are positional or <c>name=value</c>; numbers in the invariant
/// culture (<c>1e-5</c>, <c>.5</c>, <c>-3</c>); strings bare or quoted with ' or ". Every bound is inclusive.
/// </summary>
internal static class PriorParser
{
    public const string Kinds = "uniform(low, high), loguniform(low, high), int(low, high), choices(a, b, ...) and fidelity(low, high, base=2)";

    /// <summary>The prior of parameter <paramref name="name"/> that <paramref name="text"/> describes.</summary>
    /// <exception cref="PriorException">The text is not a prior, or its arguments are wrong.</exception>
    public static Prior Parse(string name, string text)
    {
        var open = text.IndexOf('(', StringComparison.Ordinal);
        var trimmed = text.Trim();
        if (open < 0 || !trimmed.EndsWith(')'))
        {
            throw new PriorException($"'{text}' is not a prior; write one of {Kinds}.");
        }

        var kind = text[..open].Trim();
        var arguments = Split(trimmed[(trimmed.IndexOf('(', StringComparison.Ordinal) + 1)..^1], text);
        return kind switch
        {
            "uniform" => Range(name, arguments, log: false),
            "loguniform" => Range(name, arguments, log: true),
            "int" => Integer(name, arguments),
            "choices" or "choice" => Choice(name, arguments),
            "fidelity" => Fidelity(name, arguments),
            _ => throw new PriorException($"'{kind}' is not a prior this tool knows; write one of {Kinds}."),
        };
    }

    private static Prior Range(string name, Arguments arguments, bool log)
    {
        var kind = log ? "loguniform" : "uniform";
        arguments.Check(kind, "low", "high", "discrete");
        var low = arguments.Number(kind, 0, "low");
        var high = arguments.Number(kind, 1, "high");
        var discrete = arguments.Boolean(kind, "discrete");
        CheckBounds(kind, low, high, log);
        if (!discrete)
        {
            return new Prior(name, new RealDimension(name, low, high, log), null);
        }

        return new Prior(name, new IntegerDimension(name, Whole(kind, "low", low), Whole(kind, "high", high), log), null);
    }

    private static Prior Integer(string name, Arguments arguments)
    {
        arguments.Check("int", "low", "high", "log");
        var low = Whole("int", "low", arguments.Number("int", 0, "low"));
        var high = Whole("int", "high", arguments.Number("int", 1, "high"));
        var log = arguments.Boolean("int", "log");
        CheckBounds("int", low, high, log);
        return new Prior(name, new IntegerDimension(name, low, high, log), null);
    }

    private static Prior Choice(string name, Arguments arguments)
    {
        if (arguments.Named.Count > 0)
        {
            throw new PriorException($"choices takes only its values, not '{arguments.Named.Keys.First()}='; write choices(a, b, c).");
        }

        var values = arguments.Positional;
        if (values is [{ Text: ['{', ..] }])
        {
            throw new PriorException("choices with probabilities ({'a': 0.8, ...}) are not supported; list the values, each equally likely: choices(a, b).");
        }

        if (values is [{ Quoted: false, Text: ['[', .., ']'] } list])
        {
            values = Split(list.Text[1..^1], list.Text).Positional;
        }

        if (values.Count == 0)
        {
            throw new PriorException("choices needs at least one value: choices(a, b, c).");
        }

        var labels = new List<string>();
        foreach (var value in values)
        {
            if (value.Text.Length == 0 || value.Text.Contains(", ", StringComparison.Ordinal) || value.Text.Any(char.IsControl))
            {
                throw new PriorException($"the choice '{value.Text}' cannot be stored: a value must be non-empty, without \", \" or line breaks.");
            }

            if (labels.Contains(value.Text))
            {
                throw new PriorException($"the choice '{value.Text}' is listed twice; remove the duplicate.");
            }

            labels.Add(value.Text);
        }

        return new Prior(name, new CategoricalDimension(name, labels), null);
    }

    private static Prior Fidelity(string name, Arguments arguments)
    {
        arguments.Check("fidelity", "low", "high", "base");
        var low = Whole("fidelity", "low", arguments.Number("fidelity", 0, "low"));
        var high = Whole("fidelity", "high", arguments.Number("fidelity", 1, "high"));
        var @base = arguments.Has(2, "base") ? Whole("fidelity", "base", arguments.Number("fidelity", 2, "base")) : 2;
        if (low < 1 || low >= high)
        {
            throw new PriorException($"fidelity needs 1 <= low < high (a budget such as epochs), but it is fidelity({low}, {high}).");
        }

        if (@base is < 2 or > 100)
        {
            throw new PriorException($"the fidelity's base is the promotions' reduction factor: a whole number from 2 to 100, not {@base}.");
        }

        return new Prior(name, null, new BudgetRange(name, low, high), (int)@base);
    }

    private static void CheckBounds(string kind, double low, double high, bool log)
    {
        if (log && low <= 0)
        {
            throw new PriorException($"low must be > 0 for a log scale ({kind}), but it is {Text(low)}.");
        }

        if (!(low < high))
        {
            throw new PriorException($"low must be smaller than high, but {kind}({Text(low)}, {Text(high)}) has low >= high.");
        }
    }

    private static long Whole(string kind, string argument, double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? (long)value
            : throw new PriorException($"{kind}'s {argument} must be a whole number here, but it is {Text(value)}.");

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Splits a prior's argument list at its top-level commas, keeping quoted strings and bracketed lists whole.</summary>
    private static Arguments Split(string text, string whole)
    {
        var parts = new List<Value>();
        var current = new StringBuilder();
        char? quote = null;
        var quoted = false; // the value is a quoted string
        var depth = 0;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '\'' or '"' when depth == 0 && current.ToString().Trim() is var before && (before.Length == 0 || before.EndsWith('=')):
                    current.Clear().Append(before);
                    quote = c;
                    quoted = before.Length == 0; // a quoted value, never a name=value
                    break;
                case '[' or '{' or '(':
                    depth++;
                    current.Append(c);
                    break;
                case ']' or '}' or ')':
                    depth--;
                    current.Append(c);
                    break;
                case ',' when depth == 0:
                    parts.Add(new Value(quoted ? current.ToString() : current.ToString().Trim(), quoted));
                    current.Clear();
                    quoted = false;
                    break;
                default:
                    current.Append(c);
                    break;
            }
        }

        if (quote is not null || depth != 0)
        {
            throw new PriorException($"'{whole}' has an unclosed {(quote is not null ? "quote" : "bracket")}.");
        }

        if (quoted || current.ToString().Trim().Length > 0 || parts.Count > 0)
        {
            parts.Add(new Value(quoted ? current.ToString() : current.ToString().Trim(), quoted));
        }

        return new Arguments(parts);
    }

    /// <summary>A prior's arguments: the positional ones in order, then the named ones.</summary>
    private sealed class Arguments
    {
        public Arguments(List<Value> parts)
        {
            foreach (var (text, quoted) in parts)
            {
                var equals = text.IndexOf('=', StringComparison.Ordinal);
                if (!quoted && equals > 0 && text[..equals].Trim() is { Length: > 0 } key && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && char.IsAsciiLetter(key[0]))
                {
                    if (!Named.TryAdd(key, text[(equals + 1)..].Trim()))
                    {
                        throw new PriorException($"'{key}' is given twice.");
                    }
                }
                else if (Named.Count > 0)
                {
                    throw new PriorException($"the value '{text}' comes after a named one; give positional values first.");
                }
                else if (text.Length == 0 && !quoted)
                {
                    throw new PriorException("an argument is empty (two commas in a row, or a comma at the end).");
                }
                else
                {
                    Positional.Add(new Value(text, quoted));
                }
            }
        }

        public List<Value> Positional { get; } = [];

        public Dictionary<string, string> Named { get; } = new(StringComparer.Ordinal);

        /// <summary>Refuses more positional values than <paramref name="names"/>, and named ones it does not list.</summary>
        public void Check(string kind, params string[] names)
        {
            if (Positional.Count > names.Length)
            {
                throw new PriorException($"{kind} takes at most {names.Length} values ({string.Join(", ", names)}), but it has {Positional.Count}.");
            }

            foreach (var (key, _) in Named)
            {
                var at = Array.IndexOf(names, key);
                if (at < 0)
                {
                    throw new PriorException($"{kind} has no argument '{key}'; it takes {string.Join(", ", names)}.");
                }

                if (at < Positional.Count)
                {
                    throw new PriorException($"{kind}'s {key} is given twice, by position and by name.");
                }
            }
        }

        public bool Has(int position, string name) => position < Positional.Count || Named.ContainsKey(name);

        public double Number(string kind, int position, string name)
        {
            var text = position < Positional.Count ? Positional[position].Text : Named.GetValueOrDefault(name)
                ?? throw new PriorException($"{kind} needs its {name}: {kind}(low, high).");
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
                ? value
                : throw new PriorException($"{kind}'s {name} '{text}' is not a finite number (write 0.001, 1e-3 or -2).");
        }

        public bool Boolean(string kind, string name) => Named.GetValueOrDefault(name) switch
        {
            null => false,
            "True" or "true" => true,
            "False" or "false" => false,
            var other => throw new PriorException($"{kind}'s {name} must be True or False, not '{other}'."),
        };
    }

    private sealed record Value(string Text, bool Quoted);
}
