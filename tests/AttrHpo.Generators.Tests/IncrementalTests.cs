using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AttrHpo.Generators.Tests;

public sealed class IncrementalTests
{
    private static readonly string[] TrackedSteps = [TrackingNames.Parsed, TrackingNames.Valid];

    [Fact]
    public void An_edit_unrelated_to_the_annotations_leaves_every_step_cached()
    {
        var compilation = GeneratorHarness.Compile(SnapshotCases.All["SyncRanges"], "namespace Other; public static class Helper { public static int Value => 1; }");
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceTree(compilation, 1, "namespace Other; public static class Helper { public static int Value => 2; public static int More => 3; }");
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.NotEmpty(outputs);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void An_edit_inside_the_objective_body_regenerates_nothing()
    {
        var source = SnapshotCases.All["SyncRanges"];
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceTree(compilation, 0, source.Replace("learningRate + hiddenUnits", "hiddenUnits + learningRate", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        // The edited method is parsed again, the model compares equal, and nothing after it runs.
        Assert.All(result.TrackedSteps[TrackingNames.Parsed].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Unchanged, o.Reason));
        Assert.All(result.TrackedSteps[TrackingNames.Valid].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Changing_a_bound_regenerates_the_source()
    {
        var source = SnapshotCases.All["SyncRanges"];
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);

        var edited = ReplaceTree(compilation, 0, source.Replace("[Hyperparameter(0.0, 0.5)]", "[Hyperparameter(0.0, 0.6)]", StringComparison.Ordinal));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.Valid].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("0.6", result.GeneratedSources.Single().SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_step_output_holds_a_symbol_a_syntax_node_or_a_compilation()
    {
        var compilation = GeneratorHarness.Compile([.. SnapshotCases.All.Values]);
        var result = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult().Results.Single();

        var outputs = result.TrackedSteps.Where(s => TrackedSteps.Contains(s.Key)).SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2 * SnapshotCases.All.Count, outputs.Count);
        foreach (var output in outputs)
        {
            AssertNoRoslynObjects(output.Value, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static Compilation ReplaceTree(Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, (CSharpParseOptions)old.Options, old.FilePath));
    }

    /// <summary>Walks an object graph and fails if it reaches anything that would keep a compilation alive.</summary>
    private static void AssertNoRoslynObjects(object? node, HashSet<object> seen)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum || !seen.Add(node))
        {
            return;
        }

        Assert.False(node is Compilation or ISymbol or SyntaxNode or SemanticModel, $"A pipeline output holds a {node.GetType()}.");
        if (node is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoRoslynObjects(item, seen);
            }
        }

        for (var type = node.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                AssertNoRoslynObjects(field.GetValue(node), seen);
            }
        }
    }
}
