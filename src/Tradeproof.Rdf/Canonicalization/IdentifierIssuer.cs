namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// RDFC-1.0 §4.3 Blank Node Identifier Issuer State and §4.5 Issue Identifier Algorithm.
/// Blank nodes are the canonicalization state's integer indexes; the issued identifier of the k-th issued
/// node is <c>prefix + k</c>, so the issued identifiers map is the issue order plus a reverse index.
/// </summary>
internal sealed class IdentifierIssuer
{
    private const int LinearLimit = 8;
    private readonly List<int> _order;
    private Dictionary<int, int>? _index;

    public IdentifierIssuer(string prefix)
    {
        Prefix = prefix;
        _order = [];
    }

    private IdentifierIssuer(IdentifierIssuer other)
    {
        Prefix = other.Prefix;
        _order = new List<int>(other._order);
        _index = other._index is null ? null : new Dictionary<int, int>(other._index);
    }

    /// <summary>The identifier prefix, e.g. <c>c14n</c> or <c>b</c>.</summary>
    public string Prefix { get; }

    /// <summary>The blank nodes in the order they were issued identifiers (the issued identifiers map's keys).</summary>
    public IReadOnlyList<int> IssuedOrder => _order;

    /// <summary>The number of identifiers issued (the identifier counter).</summary>
    public int Count => _order.Count;

    /// <summary>The identifier counter value issued to the node, or -1 when none was issued.</summary>
    public int Find(int node)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(node, out var n) ? n : -1;
        }

        return _order.IndexOf(node);
    }

    /// <summary>§4.5 Issue Identifier: returns the counter value issued to the node.</summary>
    public int Issue(int node)
    {
        // Step 1: if there is already an identifier, return it.
        var existing = Find(node);
        if (existing >= 0)
        {
            return existing;
        }

        // Steps 2-4: issued identifier = prefix + counter; add it to the issued identifiers map; increment the counter.
        var issued = _order.Count;
        _order.Add(node);
        if (_index is not null)
        {
            _index.Add(node, issued);
        }
        else if (_order.Count > LinearLimit)
        {
            _index = new Dictionary<int, int>(_order.Count * 2);
            for (var i = 0; i < _order.Count; i++)
            {
                _index.Add(_order[i], i);
            }
        }

        // Step 5: return the issued identifier.
        return issued;
    }

    /// <summary>A copy with its own map and counter (used by Hash N-Degree Quads for each permutation).</summary>
    public IdentifierIssuer Clone() => new(this);
}
