using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Generators.Tests;

/// <summary>
/// Which folders of a project use types declared in which other folders, read from the syntax of its C# files: a folder
/// uses another when one of its files names (outside comments and strings) a type declared only there. Finds the cycles.
/// </summary>
internal sealed class FolderGraph
{
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _uses = new(StringComparer.Ordinal);

    private FolderGraph()
    {
    }

    /// <summary>The folders (relative to <paramref name="root"/>, "." for the root itself) and the types by which each uses the others.</summary>
    public static FolderGraph Of(string root)
    {
        var files = Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Select(f => (Folder: Folder(root, f), Syntax: CSharpSyntaxTree.ParseText(File.ReadAllText(f)).GetCompilationUnitRoot()))
            .ToList();
        var declaredIn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (folder, syntax) in files)
        {
            foreach (var name in syntax.DescendantNodes().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText)
                .Concat(syntax.DescendantNodes().OfType<DelegateDeclarationSyntax>().Select(d => d.Identifier.ValueText)))
            {
                (declaredIn.TryGetValue(name, out var folders) ? folders : declaredIn[name] = []).Add(folder);
            }
        }

        var graph = new FolderGraph();
        foreach (var (folder, syntax) in files)
        {
            var uses = graph.UsesOf(folder);
            foreach (var name in syntax.DescendantNodes().OfType<SimpleNameSyntax>().Where(NamesAType).Select(n => n.Identifier.ValueText))
            {
                if (declaredIn.TryGetValue(name, out var folders) && folders.Count == 1 && folders.Single() is var other && other != folder)
                {
                    (uses.TryGetValue(other, out var types) ? types : uses[other] = new(StringComparer.Ordinal)).Add(name);
                }
            }
        }

        return graph;
    }

    /// <summary>Adds a use by hand (for testing the cycle search itself).</summary>
    public static FolderGraph Of(params (string From, string To, string Type)[] uses)
    {
        var graph = new FolderGraph();
        foreach (var (from, to, type) in uses)
        {
            var targets = graph.UsesOf(from);
            (targets.TryGetValue(to, out var types) ? types : targets[to] = new(StringComparer.Ordinal)).Add(type);
            graph.UsesOf(to);
        }

        return graph;
    }

    /// <summary>Each cycle between folders (a strongly connected group of two or more), described with the types that close it.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var cycles = new List<string>();
        foreach (var folder in _uses.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(folder))
            {
                Visit(folder);
            }
        }

        return cycles;

        void Visit(string folder)
        {
            index[folder] = low[folder] = index.Count;
            stack.Push(folder);
            foreach (var next in _uses[folder].Keys)
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[folder] = Math.Min(low[folder], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[folder] = Math.Min(low[folder], index[next]);
                }
            }

            if (low[folder] != index[folder])
            {
                return;
            }

            var group = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                group.Add(member);
            }
            while (member != folder);

            if (group.Count > 1)
            {
                cycles.Add(string.Join("; ", group.SelectMany(from => _uses[from].Where(use => group.Contains(use.Key))
                    .Select(use => $"{from} -> {use.Key} ({string.Join(", ", use.Value)})"))));
            }
        }
    }

    /// <summary>The types by which <paramref name="from"/> uses <paramref name="to"/>; none when it does not.</summary>
    public IReadOnlyCollection<string> TypesUsed(string from, string to) =>
        _uses.TryGetValue(from, out var uses) && uses.TryGetValue(to, out var types) ? types : [];

    /// <summary>Whether a name can be a type's: not a member after a dot, a named argument, or a property set in an initializer.</summary>
    private static bool NamesAType(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name != name,
        MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment => assignment.Left != name,
        _ => true,
    };

    private static string Folder(string root, string file) =>
        Path.GetRelativePath(root, Path.GetDirectoryName(file)!).Replace(Path.DirectorySeparatorChar, '/');

    private Dictionary<string, SortedSet<string>> UsesOf(string folder) =>
        _uses.TryGetValue(folder, out var uses) ? uses : _uses[folder] = new(StringComparer.Ordinal);
}
