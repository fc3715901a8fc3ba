using System.Collections;

namespace Tradeproof.Rdf;

/// <summary>
/// An RDF dataset (RDF 1.1 Concepts §4): a set of quads, kept in insertion order.
/// Adding a quad that is already present changes nothing.
/// </summary>
public sealed class RdfDataset : IReadOnlyCollection<Quad>
{
    private readonly List<Quad> _quads;

    // The set: an open-addressing table of quad positions + 1 (0 empty), at most half full, probed linearly. It holds
    // 4 bytes a slot where a HashSet<Quad> held a 40-byte entry per quad besides its buckets (toRdf builds several
    // datasets of hundreds of quads for every presentation verified).
    private int[] _slots;

    /// <summary>An empty dataset.</summary>
    public RdfDataset()
    {
        _quads = [];
        _slots = new int[16];
    }

    /// <summary>An empty dataset with room for <paramref name="capacity"/> quads.</summary>
    /// <param name="capacity">The number of quads to make room for (a hint, not a limit).</param>
    public RdfDataset(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _quads = new List<Quad>(capacity);
        _slots = new int[SlotsFor(capacity)];
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
        var slot = Find(quad, out var found);
        if (found)
        {
            return false;
        }

        _quads.Add(quad);
        _slots[slot] = _quads.Count;
        if (_quads.Count * 2 > _slots.Length)
        {
            Rehash(_slots.Length * 2);
        }

        return true;
    }

    /// <summary>Adds a triple to the given graph (null for the default graph).</summary>
    public bool Add(RdfTerm subject, RdfTerm predicate, RdfTerm @object, RdfTerm? graph = null) =>
        Add(new Quad(subject, predicate, @object, graph));

    /// <summary>True when the dataset holds the quad.</summary>
    public bool Contains(Quad quad)
    {
        Find(quad, out var found);
        return found;
    }

    /// <summary>The quads, in insertion order.</summary>
    public IReadOnlyList<Quad> Quads => _quads;

    /// <summary>The quads as a span, without copying (valid until the dataset changes).</summary>
    internal ReadOnlySpan<Quad> QuadSpan => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_quads);

    /// <inheritdoc />
    public IEnumerator<Quad> GetEnumerator() => _quads.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    // A power of two at least twice the quads (and at least 16).
    private static int SlotsFor(int quads) => (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Min(quads, 1 << 29) * 2));

    // The terms' hashes end in a set bit, and a quad's hash combines them by multiplying and adding: its low bits, which
    // pick the slot, are mixed with the high ones first (a murmur-style finalizer).
    private static int Mix(int hash)
    {
        var h = (uint)hash;
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        return (int)h;
    }

    // The slot holding the quad (found), or the empty slot where it goes.
    private int Find(in Quad quad, out bool found)
    {
        var slots = _slots;
        var mask = slots.Length - 1;
        var i = Mix(quad.GetHashCode()) & mask;
        while (true)
        {
            var entry = slots[i];
            if (entry == 0)
            {
                found = false;
                return i;
            }

            if (_quads[entry - 1].Equals(quad))
            {
                found = true;
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    private void Rehash(int size)
    {
        var slots = new int[size];
        var mask = size - 1;
        var quads = QuadSpan;
        for (var q = 0; q < quads.Length; q++)
        {
            var i = Mix(quads[q].GetHashCode()) & mask;
            while (slots[i] != 0)
            {
                i = (i + 1) & mask;
            }

            slots[i] = q + 1;
        }

        _slots = slots;
    }
}
