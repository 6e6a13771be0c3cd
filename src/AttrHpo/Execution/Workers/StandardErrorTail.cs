namespace AttrHpo;

/// <summary>The last lines a worker wrote to its standard error, kept for the error of a trial that kills the worker.</summary>
internal sealed class StandardErrorTail
{
    private const int MaxLines = 30;
    private const int MaxLineLength = 500;

    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line.Length <= MaxLineLength ? line : line[..MaxLineLength] + "...");
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }
}
