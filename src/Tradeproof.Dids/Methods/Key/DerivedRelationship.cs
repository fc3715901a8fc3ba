using System.Collections;

namespace Tradeproof.Dids;

/// <summary>
/// A relationship list computed on first use: the did:key keyAgreement entry derived from an
/// Ed25519 key (an X25519 map costs a field inversion). A verifier that only reads
/// assertionMethod or authentication never pays for it; the document is the same either way.
/// </summary>
internal sealed class DerivedRelationship(Func<VerificationRelationshipEntry> create) : IReadOnlyList<VerificationRelationshipEntry>
{
    private readonly Lazy<VerificationRelationshipEntry> _entry = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public int Count => 1;

    public VerificationRelationshipEntry this[int index] =>
        index == 0 ? _entry.Value : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<VerificationRelationshipEntry> GetEnumerator()
    {
        yield return _entry.Value;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
