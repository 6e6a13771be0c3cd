namespace AttrHpo.Tool;

/// <summary>The <c>attrhpo</c> executable. Ctrl+C cancels the running command (System.CommandLine's handler), which exits with 130.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => ToolCommands.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
}
