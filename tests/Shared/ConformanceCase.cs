namespace Tradeproof.Testing;

/// <summary>
/// The skip file of one conformance suite: the cases we do not pass, each with its reason.
/// File format: one case per line, <c>case-id: reason</c>; blank lines and lines starting with
/// <c>#</c> are ignored. A listed case is still run, and must still fail: when it starts to pass,
/// its test fails so that the skip file stays true.
/// </summary>
internal sealed class SkipList
{
    private readonly Dictionary<string, string> _reasons;

    private SkipList(Dictionary<string, string> reasons) => _reasons = reasons;

    /// <summary>The listed cases and their reasons.</summary>
    public IReadOnlyDictionary<string, string> Reasons => _reasons;

    /// <summary>Loads a skip file; every entry must carry a reason.</summary>
    public static SkipList Load(string path)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return new SkipList(reasons);
        }

        var lineNumber = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || string.IsNullOrWhiteSpace(line[(colon + 1)..]))
            {
                throw new FormatException($"{path}:{lineNumber}: expected 'case-id: reason'.");
            }

            reasons[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new SkipList(reasons);
    }

    /// <summary>True when the case is listed.</summary>
    public bool Contains(string id) => _reasons.ContainsKey(id);

    /// <summary>
    /// Runs a conformance case. An unlisted case must pass. A listed case must fail (any exception);
    /// if it passes, this throws so the entry gets removed from the skip file.
    /// </summary>
    public void Run(string id, Action check)
    {
        ArgumentNullException.ThrowIfNull(check);
        if (!_reasons.TryGetValue(id, out var reason))
        {
            check();
            return;
        }

        try
        {
            check();
        }
#pragma warning disable CA1031 // A listed case is expected to fail in any way.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        throw new InvalidOperationException(
            $"Case '{id}' is in the skip file ('{reason}') but passes now: remove it from the skip file.");
    }
}
