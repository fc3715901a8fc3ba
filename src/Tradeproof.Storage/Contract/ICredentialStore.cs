namespace Tradeproof.Storage;

/// <summary>Whether the tenant issued a credential or received it.</summary>
public enum CredentialDirection
{
    /// <summary>Issued by the tenant.</summary>
    Issued,

    /// <summary>Received by the tenant (in a presentation, or stored for verification).</summary>
    Received,
}

/// <summary>A stored credential: its original bytes, exactly as issued or received (never re-serialized).</summary>
/// <param name="Id">The credential's id (its <c>id</c> property, or one the node assigns for credentials without one).</param>
/// <param name="Direction">Issued or received.</param>
/// <param name="MediaType">The media type of <paramref name="Content"/> (<c>application/vc</c>, <c>application/vc+jwt</c>, ...).</param>
/// <param name="Content">The original bytes.</param>
/// <param name="IssuerId">The issuer's id (a DID), when known.</param>
/// <param name="VerificationResultJson">The verification result as JSON, when verified.</param>
/// <param name="StoredAt">When it was stored (set by the store).</param>
public sealed record CredentialRecord(
    string Id,
    CredentialDirection Direction,
    string MediaType,
    ReadOnlyMemory<byte> Content,
    string? IssuerId = null,
    string? VerificationResultJson = null,
    DateTimeOffset StoredAt = default);

/// <summary>Outcome of storing a credential.</summary>
public enum CredentialSaveOutcome
{
    /// <summary>Stored.</summary>
    Stored,

    /// <summary>The same id with the same bytes was stored before (nothing changed).</summary>
    AlreadyStored,

    /// <summary>The id is taken by different bytes (nothing changed).</summary>
    Conflict,
}

/// <summary>A tenant's credentials, by id.</summary>
public interface ICredentialStore
{
    /// <summary>Stores a credential; an id already stored is never overwritten.</summary>
    ValueTask<CredentialSaveOutcome> SaveAsync(string tenantId, CredentialRecord credential, CancellationToken cancellationToken = default);

    /// <summary>Stores many credentials in one transaction (ingest); outcomes in input order.</summary>
    ValueTask<IReadOnlyList<CredentialSaveOutcome>> SaveManyAsync(string tenantId, IReadOnlyList<CredentialRecord> credentials, CancellationToken cancellationToken = default);

    /// <summary>
    /// The SHA-256 of the stored bytes of each of <paramref name="credentialIds"/> the tenant holds, by id (ids it does
    /// not hold are absent): lets a caller skip preparing records that <see cref="SaveManyAsync"/> would not store.
    /// </summary>
    ValueTask<IReadOnlyDictionary<string, byte[]>> GetContentHashesAsync(string tenantId, IReadOnlyCollection<string> credentialIds, CancellationToken cancellationToken = default);

    /// <summary>The credential, or null (also when another tenant holds that id).</summary>
    ValueTask<CredentialRecord?> GetAsync(string tenantId, string credentialId, CancellationToken cancellationToken = default);

    /// <summary>Records (or replaces) the verification result; false when the credential is unknown.</summary>
    ValueTask<bool> SetVerificationResultAsync(string tenantId, string credentialId, string verificationResultJson, CancellationToken cancellationToken = default);

    /// <summary>A page of the tenant's credentials in one direction, ordered by id, after <paramref name="afterId"/>.</summary>
    ValueTask<IReadOnlyList<CredentialRecord>> ListAsync(string tenantId, CredentialDirection direction, string? afterId = null, int limit = 100, CancellationToken cancellationToken = default);
}
