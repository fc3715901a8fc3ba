using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// A tenant's (or the node's) signing keys in the store: <c>#key-1</c> Ed25519 (eddsa-rdfc-2022, EdDSA) and
/// <c>#key-2</c> P-256 (ecdsa-rdfc-2019, ES256), ids being the verification method URLs of its did:web document.
/// </summary>
public static class TenantKeys
{
    /// <summary>The fragment of the Ed25519 key.</summary>
    public const string Ed25519Fragment = "key-1";

    /// <summary>The fragment of the P-256 key.</summary>
    public const string P256Fragment = "key-2";

    /// <summary>Generates and stores both keys for <paramref name="did"/> (secrets sealed by the store).</summary>
    public static async ValueTask CreateAsync(IStoreRepositories store, string tenantId, string did, IRandomSource random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var (type, fragment) in new[] { (KeyType.Ed25519, Ed25519Fragment), (KeyType.P256, P256Fragment) })
        {
            using var pair = KeyPair.Generate(type, random);
            var record = new KeyRecord(did + "#" + fragment, AlgorithmName(type), pair.PublicKey.Bytes.ToArray(), pair.ExportSecretBytes(), did);
            if (!await store.Keys.AddAsync(tenantId, record, cancellationToken).ConfigureAwait(false))
            {
                throw new StoreException(StoreErrorKind.ConstraintViolation, $"The key {record.KeyId} exists already.");
            }
        }
    }

    /// <summary>The public keys in verification-method order (<c>#key-1</c>, <c>#key-2</c>, ...).</summary>
    public static async ValueTask<IReadOnlyList<PublicKey>> PublicKeysAsync(IStoreRepositories store, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = await store.Keys.ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return [.. records.OrderBy(r => r.KeyId, StringComparer.Ordinal).Select(r => PublicKey.FromBytes(TypeOf(r.Algorithm), r.PublicKey.Span))];
    }

    /// <summary>The signing key pair behind a verification method id (dispose it after use), or null.</summary>
    public static async ValueTask<KeyPair?> GetPairAsync(IStoreRepositories store, string tenantId, string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var record = await store.Keys.GetAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        return record is null ? null : KeyPair.FromSecretBytes(TypeOf(record.Algorithm), record.SecretKey.Span);
    }

    /// <summary>The algorithm name stored with a key.</summary>
    public static string AlgorithmName(KeyType type) => type switch
    {
        KeyType.Ed25519 => "Ed25519",
        KeyType.P256 => "P-256",
        KeyType.P384 => "P-384",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Tenants hold Ed25519, P-256 and P-384 keys."),
    };

    private static KeyType TypeOf(string algorithm) => algorithm switch
    {
        "Ed25519" => KeyType.Ed25519,
        "P-256" => KeyType.P256,
        "P-384" => KeyType.P384,
        _ => throw new StoreException(StoreErrorKind.Corrupt, $"A stored key has the unknown algorithm '{algorithm}'."),
    };
}
