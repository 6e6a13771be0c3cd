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

    /// <summary>
    /// A program that configures an Orleans silo: <paramref name="members"/> inside <c>public partial class D</c>, and
    /// <paramref name="configure"/> run on <c>Orleans.Hosting.ISiloBuilder silo</c>. Orleans and AttrHpo.Orleans are not
    /// referenced: the source declares the two names the rule looks for, <c>ISiloBuilder</c> and AttrHpo's <c>AddAttrHpo</c>
    /// extension of it. A class <c>Other</c> is there to be registered instead.
    /// </summary>
    public static string Silo(string members, string configure) => $$"""
        using System;
        using AttrHpo;
        using Microsoft.Extensions.DependencyInjection;
        namespace Orleans.Hosting { public interface ISiloBuilder { IServiceCollection Services { get; } } }
        namespace AttrHpo
        {
            public sealed class AttrHpoSiloOptions { }
            public static class AttrHpoSiloBuilderExtensions { public static Orleans.Hosting.ISiloBuilder AddAttrHpo(this Orleans.Hosting.ISiloBuilder builder, Action<AttrHpoSiloOptions> configure) => builder; }
        }
        namespace Demo
        {
            public sealed class Other { }
            public partial class D { {{members}} }
            public static class Program { public static void Configure(Orleans.Hosting.ISiloBuilder silo) { {{configure}} } }
        }

        """;
}
