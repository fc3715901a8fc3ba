namespace Tradeproof.JsonLd.NodeMap;

/// <summary>
/// Generate Blank Node Identifier (JSON-LD 1.1 API §7.3): issues <c>_:b0</c>, <c>_:b1</c>, ... and
/// maps each input blank node identifier to one issued identifier. Part 2 API: <see cref="Generate"/>.
/// </summary>
internal sealed class BlankNodeIdGenerator
{
    private readonly Dictionary<string, string> _map = new(StringComparer.Ordinal);
    private readonly string _prefix;
    private int _counter;

    public BlankNodeIdGenerator(string prefix = "_:b")
    {
        _prefix = prefix;
    }

    /// <summary>Step 1-4: the identifier issued for <paramref name="identifier"/> (a new one for null).</summary>
    public string Generate(string? identifier = null)
    {
        // Step 1.
        if (identifier is not null && _map.TryGetValue(identifier, out var existing))
        {
            return existing;
        }

        // Steps 2-3.
        var issued = _prefix + _counter++.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Step 4.
        if (identifier is not null)
        {
            _map[identifier] = issued;
        }

        return issued;
    }
}
