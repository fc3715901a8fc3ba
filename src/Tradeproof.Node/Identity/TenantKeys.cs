using System.Globalization;
using Tradeproof.Cryptography;
using Tradeproof.Dids;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>One signing key of a tenant: its verification method id, the DID it belongs to, and its public key.</summary>
/// <param name="KeyId">The verification method URL (<c>did:web:...#key-2</c>, or <c>did:key:z...#z...</c>).</param>
/// <param name="Did">The issuer identity the key signs for (the tenant's did:web, or one of its did:key DIDs).</param>
/// <param name="PublicKey">The public key.</param>
public sealed record TenantKey(string KeyId, string Did, PublicKey PublicKey)
{
    /// <summary>The key type.</summary>
    public KeyType Type => PublicKey.Type;

    /// <summary>Whether this key belongs to a did:key identity (rather than the tenant's did:web).</summary>
    public bool IsDidKey => Did.StartsWith("did:key:", StringComparison.Ordinal);
}

/// <summary>
/// A tenant's (or the node's) signing keys in the store (secret keys sealed by the store). A tenant has one or more
/// issuer identities: its did:web, whose keys are <c>#key-1</c> (Ed25519), <c>#key-2</c> (P-256), <c>#key-3</c>
/// (P-384) and further <c>#key-N</c> added later, all listed in its DID document; and any number of did:key DIDs,
/// one key each (the verification method <c>did:key:z...#z...</c>). Key ids are the verification method URLs.
/// </summary>
public static class TenantKeys
{
    /// <summary>The fragment of the Ed25519 key.</summary>
    public const string Ed25519Fragment = "key-1";

    /// <summary>The fragment of the P-256 key.</summary>
    public const string P256Fragment = "key-2";

    /// <summary>The key types a new tenant gets on its did:web: Ed25519, P-256 and P-384.</summary>
    public static IReadOnlyList<KeyType> TenantDefaults { get; } = [KeyType.Ed25519, KeyType.P256, KeyType.P384];

    /// <summary>The key types the node itself holds (token signing): Ed25519 and P-256.</summary>
    public static IReadOnlyList<KeyType> NodeDefaults { get; } = [KeyType.Ed25519, KeyType.P256];

    private static long s_version;

    /// <summary>Grows each time this process adds a key (caches of public keys and DID documents compare it).</summary>
    public static long Version => Interlocked.Read(ref s_version);

    /// <summary>Generates and stores did:web keys <c>#key-1</c>... of <paramref name="types"/> for <paramref name="did"/> (default: Ed25519 and P-256).</summary>
    public static async ValueTask CreateAsync(IStoreRepositories store, string tenantId, string did, IRandomSource random, CancellationToken cancellationToken, IReadOnlyList<KeyType>? types = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        types ??= NodeDefaults;
        for (var i = 0; i < types.Count; i++)
        {
            await AddAsync(store, tenantId, did + "#key-" + (i + 1).ToString(CultureInfo.InvariantCulture), did, types[i], random, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Adds a key: to the tenant's did:web (the next <c>#key-N</c>, listed in its DID document), or, with
    /// <paramref name="asDidKey"/>, as a new did:key issuer identity of the tenant.
    /// </summary>
    public static async ValueTask<TenantKey> AddKeyAsync(IStoreRepositories store, string tenantId, string tenantDid, KeyType type, bool asDidKey, IRandomSource random, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        _ = AlgorithmName(type);
        if (asDidKey)
        {
            using var pair = KeyPair.Generate(type, random);
            var did = DidKey.Create(pair.PublicKey).ToString();
            var keyId = did + "#" + did["did:key:".Length..];
            var record = new KeyRecord(keyId, AlgorithmName(type), pair.PublicKey.Bytes.ToArray(), pair.ExportSecretBytes(), did);
            if (!await store.Keys.AddAsync(tenantId, record, cancellationToken).ConfigureAwait(false))
            {
                throw new StoreException(StoreErrorKind.ConstraintViolation, $"The key {keyId} exists already.");
            }

            Interlocked.Increment(ref s_version);
            return new TenantKey(keyId, did, pair.PublicKey);
        }

        var existing = await ListAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
        var next = existing.Where(k => k.Did == tenantDid).Select(k => FragmentNumber(k.KeyId)).DefaultIfEmpty(0).Max() + 1;
        return await AddAsync(store, tenantId, tenantDid + "#key-" + next.ToString(CultureInfo.InvariantCulture), tenantDid, type, random, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every key of the tenant: the did:web keys in <c>#key-N</c> order, then the did:key identities by id.</summary>
    public static async ValueTask<IReadOnlyList<TenantKey>> ListAsync(IStoreRepositories store, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var records = await store.Keys.ListAsync(tenantId, cancellationToken).ConfigureAwait(false);
        return
        [
            .. records
                .Select(r => new TenantKey(r.KeyId, r.Controller ?? r.KeyId.Split('#')[0], PublicKey.FromBytes(TypeOf(r.Algorithm), r.PublicKey.Span)))
                .OrderBy(k => k.IsDidKey)
                .ThenBy(k => k.IsDidKey ? 0 : FragmentNumber(k.KeyId))
                .ThenBy(k => k.KeyId, StringComparer.Ordinal),
        ];
    }

    /// <summary>The public keys of the tenant's did:web (or the node's) in verification-method order (<c>#key-1</c>, <c>#key-2</c>, ...).</summary>
    public static async ValueTask<IReadOnlyList<PublicKey>> PublicKeysAsync(IStoreRepositories store, string tenantId, CancellationToken cancellationToken) =>
        [.. (await ListAsync(store, tenantId, cancellationToken).ConfigureAwait(false)).Where(k => !k.IsDidKey).Select(k => k.PublicKey)];

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

    /// <summary>Reads a key type as the CLI and the API spell it: <c>ed25519</c>, <c>p256</c>/<c>P-256</c>, <c>p384</c>/<c>P-384</c>.</summary>
    public static bool TryParseType(string? text, out KeyType type)
    {
        switch (text?.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant())
        {
            case "ed25519":
                type = KeyType.Ed25519;
                return true;
            case "p256":
                type = KeyType.P256;
                return true;
            case "p384":
                type = KeyType.P384;
                return true;
            default:
                type = default;
                return false;
        }
    }

    private static async ValueTask<TenantKey> AddAsync(IStoreRepositories store, string tenantId, string keyId, string did, KeyType type, IRandomSource random, CancellationToken cancellationToken)
    {
        using var pair = KeyPair.Generate(type, random);
        var record = new KeyRecord(keyId, AlgorithmName(type), pair.PublicKey.Bytes.ToArray(), pair.ExportSecretBytes(), did);
        if (!await store.Keys.AddAsync(tenantId, record, cancellationToken).ConfigureAwait(false))
        {
            throw new StoreException(StoreErrorKind.ConstraintViolation, $"The key {record.KeyId} exists already.");
        }

        Interlocked.Increment(ref s_version);
        return new TenantKey(keyId, did, pair.PublicKey);
    }

    private static int FragmentNumber(string keyId)
    {
        var hash = keyId.LastIndexOf("#key-", StringComparison.Ordinal);
        return hash >= 0 && int.TryParse(keyId.AsSpan(hash + 5), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : int.MaxValue;
    }

    private static KeyType TypeOf(string algorithm) => algorithm switch
    {
        "Ed25519" => KeyType.Ed25519,
        "P-256" => KeyType.P256,
        "P-384" => KeyType.P384,
        _ => throw new StoreException(StoreErrorKind.Corrupt, $"A stored key has the unknown algorithm '{algorithm}'."),
    };
}
