namespace Tradeproof.Storage;

/// <summary>A signing key of a tenant. The secret key is encrypted at rest (AES-256-GCM under the operator key).</summary>
/// <param name="KeyId">The key's id (usually the verification method id).</param>
/// <param name="Algorithm">The key type (<c>Ed25519</c>, <c>P-256</c>, <c>P-384</c>).</param>
/// <param name="PublicKey">The public key bytes.</param>
/// <param name="SecretKey">The secret key bytes (plaintext in memory only).</param>
/// <param name="Controller">The DID controlling the key, when bound to one.</param>
/// <param name="CreatedAt">When it was stored (set by the store).</param>
public sealed record KeyRecord(string KeyId, string Algorithm, ReadOnlyMemory<byte> PublicKey, ReadOnlyMemory<byte> SecretKey, string? Controller = null, DateTimeOffset CreatedAt = default);

/// <summary>A tenant's signing keys.</summary>
public interface IKeyStore
{
    /// <summary>Stores a key (secret encrypted); false when the id is taken (unchanged).</summary>
    ValueTask<bool> AddAsync(string tenantId, KeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>The key with its decrypted secret, or null.</summary>
    /// <exception cref="StoreException"><see cref="StoreErrorKind.Corrupt"/> when the secret does not decrypt (wrong operator key, tampering).</exception>
    ValueTask<KeyRecord?> GetAsync(string tenantId, string keyId, CancellationToken cancellationToken = default);

    /// <summary>The tenant's keys without their secrets (<see cref="KeyRecord.SecretKey"/> empty), ordered by id.</summary>
    ValueTask<IReadOnlyList<KeyRecord>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Deletes a key; false when unknown.</summary>
    ValueTask<bool> DeleteAsync(string tenantId, string keyId, CancellationToken cancellationToken = default);
}
