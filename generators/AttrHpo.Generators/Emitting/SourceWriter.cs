using System.Text;

namespace AttrHpo.Generators.Emitting;

/// <summary>Writes lines of C# with tracked indentation, so that emitters read like the code they produce.</summary>
internal sealed class SourceWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    public SourceWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            for (var i = 0; i < _depth; i++)
            {
                _text.Append(IndentUnit);
            }

            _text.Append(line);
        }

        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, and indents until the returned scope is disposed.</summary>
    public Scope Block(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this);
    }

    public override string ToString() => _text.ToString();

    private void Close(string suffix)
    {
        _depth--;
        Line("}" + suffix);
    }

    /// <summary>Closes a block when disposed.</summary>
    internal readonly struct Scope(SourceWriter writer) : IDisposable
    {
        public void Dispose() => writer.Close(string.Empty);
    }
}
