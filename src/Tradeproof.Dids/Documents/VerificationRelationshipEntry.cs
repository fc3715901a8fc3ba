namespace Tradeproof.Dids;

/// <summary>
/// One entry of a verification relationship (DID Core §5.3): either a reference (a DID URL
/// string, possibly relative) or an embedded verification method.
/// </summary>
public sealed class VerificationRelationshipEntry
{
    private VerificationRelationshipEntry(string? reference, VerificationMethod? embedded)
    {
        Reference = reference;
        Embedded = embedded;
    }

    /// <summary>The referenced method's id, or null when embedded.</summary>
    public string? Reference { get; }

    /// <summary>The embedded method, or null for a reference.</summary>
    public VerificationMethod? Embedded { get; }

    /// <summary>The method's id (reference or embedded id).</summary>
    public string Id => Reference ?? Embedded!.Id;

    public static VerificationRelationshipEntry ForReference(string id) => new(id ?? throw new ArgumentNullException(nameof(id)), null);

    public static VerificationRelationshipEntry ForEmbedded(VerificationMethod method) => new(null, method ?? throw new ArgumentNullException(nameof(method)));
}
