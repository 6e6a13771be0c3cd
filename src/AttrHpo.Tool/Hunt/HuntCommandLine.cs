using System.Globalization;
using System.Text.RegularExpressions;

namespace AttrHpo.Tool.Hunt;

/// <summary>
/// The program a hunt runs and its arguments, some of them priors: <c>--lr~'loguniform(1e-5, 1)'</c> becomes the two
/// arguments <c>--lr 0.0013</c>, and <c>--lr=~'loguniform(1e-5, 1)'</c> the one argument <c>--lr=0.0013</c>. An argument that
/// starts with one or two dashes and a name (letters, digits, <c>_ . -</c>), then <c>~</c> or <c>=~</c>, is a prior, unless
/// what follows the <c>~</c> starts with <c>/</c> (a home path such as <c>--out=~/runs</c>). Every other argument is passed as it is.
/// </summary>
internal sealed partial class HuntCommandLine
{
    private readonly IReadOnlyList<Part> _parts;

    private HuntCommandLine(string program, IReadOnlyList<Part> parts, IReadOnlyList<Prior> dimensions, Prior? fidelity)
    {
        Executable = program;
        _parts = parts;
        Dimensions = dimensions;
        Fidelity = fidelity;
    }

    /// <summary>The program to run: a path, or a name looked up on PATH.</summary>
    public string Executable { get; }

    /// <summary>The priors that are dimensions of the search space, in the order given.</summary>
    public IReadOnlyList<Prior> Dimensions { get; }

    /// <summary>The fidelity prior, if one was given.</summary>
    public Prior? Fidelity { get; }

    /// <summary>Reads the program and its arguments, as given after <c>--</c>.</summary>
    /// <exception cref="PriorException">A prior is malformed (the message names its argument), a name is given twice, there are two fidelities, or there is no prior.</exception>
    public static HuntCommandLine Parse(IReadOnlyList<string> tokens)
    {
        if (tokens.Count == 0 || tokens[0].Length == 0)
        {
            throw new PriorException("Give the program to run after --, with its priors: attrhpo hunt ... -- ./train.sh --lr~'loguniform(1e-5, 1)'.");
        }

        var parts = new List<Part>();
        var dimensions = new List<Prior>();
        Prior? fidelity = null;
        foreach (var token in tokens.Skip(1))
        {
            var match = PriorArgument().Match(token);
            if (!match.Success || match.Groups["prior"].Value.StartsWith('/'))
            {
                parts.Add(new Part(token, null, Joined: false));
                continue;
            }

            var name = match.Groups["name"].Value;
            Prior prior;
            try
            {
                prior = PriorParser.Parse(name, match.Groups["prior"].Value);
            }
            catch (PriorException exception)
            {
                throw new PriorException($"The prior {token}: {exception.Message}");
            }

            if (dimensions.Any(d => d.Name == name) || fidelity?.Name == name)
            {
                throw new PriorException($"The parameter '{name}' has two priors ({token} is the second); give each parameter one.");
            }

            if (prior.Fidelity is not null)
            {
                fidelity = fidelity is null ? prior : throw new PriorException($"{token}: a hunt has at most one fidelity prior, and '{fidelity.Name}' is one already.");
            }
            else
            {
                dimensions.Add(prior);
            }

            parts.Add(new Part(match.Groups["flag"].Value, prior, Joined: match.Groups["equals"].Length > 0));
        }

        if (dimensions.Count == 0)
        {
            throw new PriorException(
                "The command has no prior to search: give at least one argument such as --lr~'loguniform(1e-5, 1)' " +
                "(quoted, so that the shell passes it whole; arguments without ~ are passed as they are).");
        }

        return new HuntCommandLine(tokens[0], parts, dimensions, fidelity);
    }

    /// <summary>The arguments of one trial: each prior replaced by its value (<paramref name="values"/> in the order of <see cref="Dimensions"/>), the fidelity by <paramref name="budget"/>.</summary>
    public IReadOnlyList<string> Arguments(IReadOnlyList<object> values, long budget)
    {
        var arguments = new List<string>();
        foreach (var part in _parts)
        {
            if (part.Prior is not { } prior)
            {
                arguments.Add(part.Text);
                continue;
            }

            var value = prior.Fidelity is not null ? Format(budget) : Format(values[IndexOf(prior.Name)]);
            if (part.Joined)
            {
                arguments.Add($"{part.Text}={value}");
            }
            else
            {
                arguments.Add(part.Text);
                arguments.Add(value);
            }
        }

        return arguments;
    }

    /// <summary>The index of a dimension in the search space.</summary>
    public int IndexOf(string name)
    {
        for (var i = 0; i < Dimensions.Count; i++)
        {
            if (Dimensions[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A value as the program receives it: numbers in the invariant culture and round-trip form, choices as written.</summary>
    public static string Format(object value) => value switch
    {
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        long integer => integer.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    [GeneratedRegex(@"^(?<flag>-{1,2}(?<name>[A-Za-z_][A-Za-z0-9_.\-]*))(?<equals>=?)~(?<prior>.*)$", RegexOptions.Singleline)]
    private static partial Regex PriorArgument();

    /// <summary>An argument as given, or a prior's option (<paramref name="Text"/>) and its prior.</summary>
    private sealed record Part(string Text, Prior? Prior, bool Joined);
}
