using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The Bitstring Status Lists of the node's tenants, kept in the store (<see cref="IStatusListRepository"/>: indexes
/// allocated in order and never reused). Each issuer identity of a tenant has its own lists, one per purpose
/// (<c>revocation-1</c>, <c>suspension-1</c>, then <c>-2</c> when one is full; a did:key identity's lists are prefixed
/// <c>k</c> + 16 hex digits of its DID's SHA-256). A list is published at
/// <c>PUBLICURL/organizations/ID/status-lists/NAME</c> as a BitstringStatusListCredential issued and signed by the
/// same identity (eddsa-rdfc-2022 with Ed25519, else ecdsa-rdfc-2019), regenerated when its bits change, with a
/// <c>ttl</c>. The node's verifier reads its own lists from the store, never over the network.
/// </summary>
public sealed class TenantStatusLists : IStatusListProvider
{
    /// <summary>Entries per list (the minimum of Bitstring Status List §4.1).</summary>
    public const int Entries = StatusBitstring.MinimumBits;

    /// <summary>The <c>ttl</c> published in list credentials (5 minutes, in milliseconds).</summary>
    public const long TtlMilliseconds = 300_000;

    /// <summary>How far a regenerated list credential's <c>validFrom</c> lies before the moment it is made.</summary>
    public static readonly TimeSpan ValidFromMargin = TimeSpan.FromMinutes(1);

    private const string PathSegment = "/status-lists/";
    private readonly NodeServices _services;
    private readonly ConcurrentDictionary<(string Tenant, string List), Published> _published = new();

    private readonly IReadOnlyList<string> _remoteHosts;
    private readonly IStatusListProvider? _remote;

    internal TenantStatusLists(NodeServices services, IReadOnlyList<string> remoteHosts, IStatusListProvider? remote)
    {
        _services = services;
        _remoteHosts = remoteHosts;
        _remote = remote;
    }

    /// <summary>
    /// The verifier's source of status list credentials: this node's lists from the store (no network); another
    /// host's only through the guarded client, when the operator allow-listed that host (<see cref="NodeOptions.LoopbackDidWebHosts"/>).
    /// </summary>
    public async ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (Parse(url) is var (tenantId, listName))
        {
            return await GetCredentialAsync(tenantId, listName, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"This node has no status list at {url}.");
        }

        if (_remote is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && _remoteHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase))
        {
            return await _remote.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException($"{url} is not this node's, and the node fetches nothing from the network unless the operator allows that host.");
    }

    /// <summary>The URL of a tenant's list.</summary>
    public string Url(string tenantId, string listName) => _services.Identity.TenantEndpoint(tenantId) + PathSegment + listName;

    /// <summary>An allocator for <see cref="CredentialIssuer"/> that takes indexes through <paramref name="unit"/> (so a failed issuance spends none).</summary>
    public ICredentialStatusAllocator AllocatorFor(IStoreRepositories unit, string tenantId, string issuerDid) =>
        new Allocator(this, unit, tenantId, issuerDid);

    /// <summary>The (tenant, list name) of a URL of this node's lists, or null for any other URL.</summary>
    public (string TenantId, string ListName)? Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var prefix = _services.Identity.BaseUrl + "/organizations/";
        if (!url.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = url[prefix.Length..];
        var at = rest.IndexOf(PathSegment, StringComparison.Ordinal);
        if (at <= 0)
        {
            return null;
        }

        var tenant = rest[..at];
        var name = rest[(at + PathSegment.Length)..];
        return NodeIdentity.IsValidTenantId(tenant) && IsListName(name) ? (tenant, name) : null;
    }

    /// <summary>The signed BitstringStatusListCredential of a list (regenerated when the bits changed), or null when unknown.</summary>
    public async ValueTask<byte[]?> GetCredentialAsync(string tenantId, string listName, CancellationToken cancellationToken)
    {
        if (!NodeIdentity.IsValidTenantId(tenantId) || !IsListName(listName))
        {
            return null;
        }

        var record = await _services.Store.StatusLists.GetAsync(tenantId, listName, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        var hash = SHA256.HashData(record.Bitstring.Span);
        if (_published.TryGetValue((tenantId, listName), out var cached) && cached.BitsHash.AsSpan().SequenceEqual(hash))
        {
            return cached.Credential;
        }

        var keys = await TenantKeys.ListAsync(_services.Store, tenantId, cancellationToken).ConfigureAwait(false);
        var tenantDid = _services.Identity.TenantDid(tenantId);
        var tag = listName[0] == 'k' ? listName[..17] : null;
        var issuerDid = tag is null ? tenantDid : keys.Select(k => k.Did).FirstOrDefault(d => Tag(d) == tag);
        var key = keys.Where(k => k.Did == issuerDid).OrderBy(k => k.Type == KeyType.Ed25519 ? 0 : 1).FirstOrDefault();
        if (issuerDid is null || key is null)
        {
            return null;
        }

        var url = Url(tenantId, listName);
        var bits = Copy(record);
        var definition = new StatusListDefinition { Url = url, Purpose = record.Purpose, Entries = record.Entries, StatusSize = record.StatusSize, TtlMilliseconds = TtlMilliseconds, Messages = Messages(record.StatusSize) };
        var publisher = new BitstringStatusListIssuer([definition], new Snapshot(bits), new SequentialStatusIndexSource());
        // validFrom is backdated by ValidFromMargin: a verifier that read its clock just before fetching (or whose
        // clock is a little behind) must not find a freshly regenerated list "not yet valid".
        var now = _services.Time.GetUtcNow();
        var unsigned = await publisher.PublishAsync(url, issuerDid, now - ValidFromMargin, cancellationToken: cancellationToken).ConfigureAwait(false);
        byte[] signed;
        using (var pair = await TenantKeys.GetPairAsync(_services.Store, tenantId, key.KeyId, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreException(StoreErrorKind.Corrupt, $"The organisation has no key {key.KeyId}."))
        {
            var suite = key.Type == KeyType.Ed25519 ? "eddsa-rdfc-2022" : "ecdsa-rdfc-2019";
            signed = _services.Engine.AddProof(unsigned, new ProofOptions { Cryptosuite = suite, VerificationMethod = key.KeyId, Created = now }, pair, cancellationToken);
        }

        _published[(tenantId, listName)] = new Published(hash, signed);
        return signed;
    }

    /// <summary>The list name prefix of an identity: empty for the tenant's did:web, <c>kHEX16-</c> for a did:key.</summary>
    internal string PrefixFor(string tenantId, string issuerDid) =>
        issuerDid == _services.Identity.TenantDid(tenantId) ? string.Empty : Tag(issuerDid) + "-";

    // The stored bitstring as a StatusBitstring (index 0 is the left-most bit; entries of StatusSize bits).
    private static StatusBitstring Copy(StatusListRecord record)
    {
        var bits = new StatusBitstring(record.Entries, record.StatusSize);
        var span = record.Bitstring.Span;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i] == 0)
            {
                continue;
            }

            for (var b = 0; b < 8; b++)
            {
                var bit = (i * 8) + b;
                var index = bit / record.StatusSize;
                if ((span[i] & (0x80 >> b)) != 0 && index < record.Entries)
                {
                    bits.Set(index, bits.Get(index) | (1 << (record.StatusSize - 1 - (bit % record.StatusSize))));
                }
            }
        }

        return bits;
    }

    private static string Tag(string did) => "k" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(did)))[..16];

    private static bool IsListName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && (name[0] != 'k' || (name.Length > 18 && name[17] == '-'));

    private static IReadOnlyList<(int Status, string Message)> Messages(int statusSize) =>
        statusSize == 1 ? [] : [.. Enumerable.Range(0, 1 << statusSize).Select(i => (i, "0x" + i.ToString("x", CultureInfo.InvariantCulture)))];

    private sealed record Published(byte[] BitsHash, byte[] Credential);

    // The bits as read from the store, for BitstringStatusListIssuer.PublishAsync (which only loads them).
    private sealed class Snapshot(StatusBitstring bits) : IStatusListStore
    {
        public ValueTask<bool> TryReserveAsync(string listId, int index, string credentialId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> ReservedCountAsync(string listId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<StatusBitstring> LoadAsync(string listId, int entries, int statusSize, CancellationToken cancellationToken = default) => ValueTask.FromResult(bits);

        public ValueTask SetAsync(string listId, int entries, int statusSize, int index, int value, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    private sealed class Allocator(TenantStatusLists lists, IStoreRepositories unit, string tenantId, string issuerDid) : ICredentialStatusAllocator
    {
        public async ValueTask<IReadOnlyList<CredentialStatusEntry>> AllocateAsync(CredentialStatusRequest request, CancellationToken cancellationToken = default)
        {
            var entries = new List<CredentialStatusEntry>();
            var prefix = lists.PrefixFor(tenantId, issuerDid);
            foreach (var purpose in request.StatusPurposes)
            {
                for (var n = 1; ; n++)
                {
                    if (n > 10_000)
                    {
                        throw new StoreException(StoreErrorKind.ConstraintViolation, $"Every {purpose} list of {issuerDid} is full.");
                    }

                    var name = prefix + purpose + "-" + n.ToString(CultureInfo.InvariantCulture);
                    var allocation = await unit.StatusLists.AllocateIndexAsync(tenantId, name, request.CredentialId, cancellationToken).ConfigureAwait(false);
                    if (allocation.Outcome == IndexAllocationOutcome.UnknownList)
                    {
                        _ = await unit.StatusLists.CreateAsync(tenantId, name, purpose, Entries, 1, cancellationToken).ConfigureAwait(false);
                        allocation = await unit.StatusLists.AllocateIndexAsync(tenantId, name, request.CredentialId, cancellationToken).ConfigureAwait(false);
                    }

                    if (allocation.Outcome == IndexAllocationOutcome.Allocated)
                    {
                        entries.Add(new CredentialStatusEntry(Entry(lists.Url(tenantId, name), purpose, allocation.Index)));
                        break;
                    }
                }
            }

            return entries;
        }

        private static JsonElement Entry(string url, string purpose, int index)
        {
            var text = index.ToString(CultureInfo.InvariantCulture);
            using var stream = new MemoryStream();
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("id", url + "#" + text);
                w.WriteString("type", "BitstringStatusListEntry");
                w.WriteString("statusPurpose", purpose);
                w.WriteString("statusListIndex", text);
                w.WriteString("statusListCredential", url);
                w.WriteEndObject();
            }

            using var document = JsonDocument.Parse(stream.ToArray());
            return document.RootElement.Clone();
        }
    }
}
