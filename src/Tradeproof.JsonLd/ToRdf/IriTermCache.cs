using System.Collections.Concurrent;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>
/// The <see cref="Iri"/> terms of well-formed IRIs, shared by every toRdf call: vocabulary, type and datatype
/// IRIs recur in every document, and a shared term is checked once and hashes once (its hash is cached on it).
/// Bounded: at most <see cref="MaxEntries"/> IRIs of at most <see cref="MaxLength"/> characters; beyond that,
/// terms are created per call as before. Terms are immutable, so sharing them never changes a result. Thread-safe.
/// </summary>
internal static class IriTermCache
{
    /// <summary>Most IRIs kept.</summary>
    public const int MaxEntries = 4096;

    /// <summary>Longest IRI kept.</summary>
    public const int MaxLength = 256;

    private static readonly ConcurrentDictionary<string, Iri> Terms = new(StringComparer.Ordinal);
    private static int s_count;

    /// <summary>The term of a well-formed IRI (the caller has checked it, or <paramref name="isWellFormed"/> does); null when not well-formed.</summary>
    public static Iri? Get(string iri, Func<string, bool> isWellFormed)
    {
        if (Terms.TryGetValue(iri, out var term))
        {
            return term;
        }

        if (!isWellFormed(iri))
        {
            return null;
        }

        term = new Iri(iri);
        if (iri.Length <= MaxLength && Volatile.Read(ref s_count) < MaxEntries && Terms.TryAdd(iri, term))
        {
            Interlocked.Increment(ref s_count);
        }

        return term;
    }
}
