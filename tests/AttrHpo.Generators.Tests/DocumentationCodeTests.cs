using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttrHpo.Generators.Tests;

/// <summary>
/// Every complete C# example of the README and docs compiles as written, with the generator run over it, as a program
/// (top-level statements) or a library. <c>docs/diagnostics.md</c> is left out: its blocks are parameter fragments showing
/// mistakes, each of them a case of the analyzers' catalogue test.
/// </summary>
public sealed partial class DocumentationCodeTests
{
    private const string ImplicitUsings = "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
        "global using System.Threading; global using System.Threading.Tasks;";

    public static TheoryData<string, int> Blocks()
    {
        var data = new TheoryData<string, int>();
        foreach (var file in Documents())
        {
            for (var i = 0; i < CodeBlocks(file).Count; i++)
            {
                data.Add(Path.GetRelativePath(Root, file), i);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void TheExampleCompiles(string file, int block)
    {
        var code = CodeBlocks(Path.Combine(Root, file))[block];
        var program = CSharpSyntaxTree.ParseText(code).GetCompilationUnitRoot().Members.OfType<GlobalStatementSyntax>().Any();
        var input = GeneratorHarness.Compile(code, ImplicitUsings)
            .WithOptions(new CSharpCompilationOptions(
                program ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);

        Assert.Empty(generatorDiagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(problems.Count == 0, $"{file}, C# block {block + 1}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}{Environment.NewLine}{code}");
    }

    [Fact]
    public void TheReadmeAndTheDocsHaveExamplesToCheck() => Assert.True(Blocks().Count() >= 4, $"only {Blocks().Count()} C# blocks found under {Root}");

    private static string Root => RepositoryRoot.Path;

    private static IEnumerable<string> Documents() =>
        [Path.Combine(Root, "README.md"), .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Where(f => Path.GetFileName(f) != "diagnostics.md").Order(StringComparer.Ordinal)];

    private static List<string> CodeBlocks(string file) =>
        [.. CSharpBlock().Matches(File.ReadAllText(file)).Select(m => m.Groups["code"].Value)];

    [GeneratedRegex(@"```csharp\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
