using System.Collections;

namespace Tradeproof.Rdf;

/// <summary>
/// An RDF dataset (RDF 1.1 Concepts §4): a set of quads, kept in insertion order.
/// Adding a quad that is already present changes nothing.
/// </summary>
public sealed class RdfDataset : IReadOnlyCollection<Quad>
{
    private readonly List<Quad> _quads;
    private readonly HashSet<Quad> _index;

    /// <summary>An empty dataset.</summary>
    public RdfDataset()
    {
        _quads = [];
        _index = [];
    }

    /// <summary>An empty dataset with room for <paramref name="capacity"/> quads.</summary>
    /// <param name="capacity">The number of quads to make room for (a hint, not a limit).</param>
    public RdfDataset(int capacity)
    {
        _quads = new List<Quad>(capacity);
        _index = new HashSet<Quad>(capacity);
    }

    /// <summary>A dataset holding the given quads (duplicates removed).</summary>
    public RdfDataset(IEnumerable<Quad> quads)
        : this()
    {
        ArgumentNullException.ThrowIfNull(quads);
        foreach (var quad in quads)
        {
            Add(quad);
        }
    }

    /// <summary>The number of distinct quads.</summary>
    public int Count => _quads.Count;

    /// <summary>Adds a quad; returns false when it was already present.</summary>
    public bool Add(Quad quad)
    {
        ArgumentNullException.ThrowIfNull(quad.Subject);
        ArgumentNullException.ThrowIfNull(quad.Predicate);
        ArgumentNullException.ThrowIfNull(quad.Object);
        if (!_index.Add(quad))
        {
            return false;
        }

        _quads.Add(quad);
        return true;
    }

    /// <summary>Adds a triple to the given graph (null for the default graph).</summary>
    public bool Add(RdfTerm subject, RdfTerm predicate, RdfTerm @object, RdfTerm? graph = null) =>
        Add(new Quad(subject, predicate, @object, graph));

    /// <summary>True when the dataset holds the quad.</summary>
    public bool Contains(Quad quad) => _index.Contains(quad);

    /// <summary>The quads, in insertion order.</summary>
    public IReadOnlyList<Quad> Quads => _quads;

    /// <summary>The quads as a span, without copying (valid until the dataset changes).</summary>
    internal ReadOnlySpan<Quad> QuadSpan => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_quads);

    /// <inheritdoc />
    public IEnumerator<Quad> GetEnumerator() => _quads.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
