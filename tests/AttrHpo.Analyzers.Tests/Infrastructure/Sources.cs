namespace AttrHpo.Analyzers.Tests.Infrastructure;

/// <summary>Builds whole test sources around the few lines a case is about.</summary>
internal static class Sources
{
    /// <summary>Usings, namespace <c>Demo</c>, and enums for the cases to use.</summary>
    public const string Prelude = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using AttrHpo;
        namespace Demo;
        public enum Kernel { Linear = 1, Rbf = 2, Poly = 4 }
        public enum Color { Red, Green }
        public enum Nothing { }

        """;

    /// <summary>The members inside <c>public static partial class C</c>.</summary>
    public static string Members(string members) => Prelude + "public static partial class C\n{\n    " + members + "\n}\n";

    /// <summary>An objective <c>C.M</c> that returns <c>double</c>, with the given parameter list.</summary>
    public static string Parameters(string parameters) => Members("[Objective] public static double M(" + parameters + ") => 0;");
}
