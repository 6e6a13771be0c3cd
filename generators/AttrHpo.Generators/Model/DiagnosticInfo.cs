using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace AttrHpo.Generators.Model;

/// <summary>A diagnostic as pipeline data: the descriptor's id, a location as plain values, and the message arguments. No syntax tree is held.</summary>
/// <param name="Id">The descriptor's id (AHPO0xx).</param>
/// <param name="Path">The file.</param>
/// <param name="Span">The span in the file.</param>
/// <param name="Lines">The span as lines and columns.</param>
/// <param name="Arguments">The message's arguments.</param>
internal sealed record DiagnosticInfo(string Id, string Path, TextSpan Span, LinePositionSpan Lines, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(string id, Location location, params string[] arguments) =>
        new(id, location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span, arguments.ToEquatableArray());

    public Location ToLocation() => Location.Create(Path, Span, Lines);
}

/// <summary>What the parser made of one <c>[Objective]</c> method: the code to emit (if any) and the problems only the generator can report.</summary>
/// <param name="Spec">The objective, or <see langword="null"/> when nothing can be emitted.</param>
/// <param name="Diagnostics">Problems that prevent emitting anything, reported by the generator because no code means no analyzer run.</param>
internal sealed record ParseResult(ObjectiveSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
