using System.Globalization;
using System.Text.Json;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Jose;

namespace Tradeproof.Credentials.StatusLists;

/// <summary>One status list the issuer maintains: where it is published, its purpose and shape.</summary>
public sealed record StatusListDefinition
{
    /// <summary>The URL of the BitstringStatusListCredential (<c>statusListCredential</c> of entries).</summary>
    public required string Url { get; init; }

    /// <summary><c>revocation</c>, <c>suspension</c>, <c>refresh</c> or <c>message</c>.</summary>
    public required string Purpose { get; init; }

    /// <summary>Entries in the list (at least 131,072).</summary>
    public int Entries { get; init; } = StatusBitstring.MinimumBits;

    /// <summary>Bits per entry (1, or more for <c>message</c>).</summary>
    public int StatusSize { get; init; } = 1;

    /// <summary>For <c>message</c> lists: the <c>statusMessage</c> table (value → message).</summary>
    public IReadOnlyList<(int Status, string Message)> Messages { get; init; } = [];

    /// <summary>Optional <c>ttl</c> in milliseconds to publish.</summary>
    public long? TtlMilliseconds { get; init; }
}

/// <summary>
/// The issuer side of Bitstring Status List v1.0: allocates never-reused indexes (implements
/// <see cref="ICredentialStatusAllocator"/> for the issuer), revokes/suspends/sets statuses, and publishes a list as
/// an unsigned BitstringStatusListCredential (§2.2) for the issuer to secure with Data Integrity or JOSE.
/// </summary>
public sealed class BitstringStatusListIssuer : ICredentialStatusAllocator
{
    private const int MaxAttempts = 64;
    private readonly IReadOnlyList<StatusListDefinition> _lists;
    private readonly IStatusListStore _store;
    private readonly IStatusIndexSource _indexes;

    public BitstringStatusListIssuer(IReadOnlyList<StatusListDefinition> lists, IStatusListStore store, IStatusIndexSource indexes)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(indexes);
        foreach (var list in lists)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(list.Entries, StatusBitstring.MinimumBits);
            if (list.StatusSize > 1 && list.Messages.Count != 1 << list.StatusSize)
            {
                throw new ArgumentException($"List {list.Url}: statusSize {list.StatusSize} needs {1 << list.StatusSize} status messages.", nameof(lists));
            }
        }

        _lists = lists;
        _store = store;
        _indexes = indexes;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CredentialStatusEntry>> AllocateAsync(CredentialStatusRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = new List<CredentialStatusEntry>();
        foreach (var purpose in request.StatusPurposes)
        {
            var list = _lists.FirstOrDefault(l => l.Purpose == purpose)
                ?? throw new ArgumentException($"No status list for purpose '{purpose}'.", nameof(request));
            var index = await ReserveAsync(list, request.CredentialId, cancellationToken).ConfigureAwait(false);
            entries.Add(new CredentialStatusEntry(EntryJson(list, index)));
        }

        return entries;
    }

    /// <summary>Sets the status of <paramref name="index"/> in the list at <paramref name="url"/> (1 = revoked/suspended).</summary>
    public ValueTask SetStatusAsync(string url, int index, int value, CancellationToken cancellationToken = default)
    {
        var list = Find(url);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, list.Entries);
        return _store.SetAsync(list.Url, list.Entries, list.StatusSize, index, value, cancellationToken);
    }

    /// <summary>
    /// The unsigned BitstringStatusListCredential of the list (§2.2): <c>id</c> the list URL, issuer, <c>validFrom</c>,
    /// subject <c>{id: url#list, type: BitstringStatusList, statusPurpose, encodedList, ttl?}</c>.
    /// </summary>
    public async ValueTask<byte[]> PublishAsync(string url, string issuer, DateTimeOffset validFrom, DateTimeOffset? validUntil = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        var list = Find(url);
        var bits = await _store.LoadAsync(list.Url, list.Entries, list.StatusSize, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JoseJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteStartArray("@context");
            w.WriteStringValue(VcJose.V2Context);
            w.WriteEndArray();
            w.WriteString("id", list.Url);
            w.WriteStartArray("type");
            w.WriteStringValue("VerifiableCredential");
            w.WriteStringValue("BitstringStatusListCredential");
            w.WriteEndArray();
            w.WriteString("issuer", issuer);
            w.WriteString("validFrom", validFrom.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            if (validUntil is { } until)
            {
                w.WriteString("validUntil", until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            }

            w.WriteStartObject("credentialSubject");
            w.WriteString("id", list.Url + "#list");
            w.WriteString("type", "BitstringStatusList");
            w.WriteString("statusPurpose", list.Purpose);
            w.WriteString("encodedList", bits.Encode());
            if (list.TtlMilliseconds is { } ttl)
            {
                w.WriteNumber("ttl", ttl);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return stream.ToArray();
    }

    private async ValueTask<int> ReserveAsync(StatusListDefinition list, string credentialId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var index = _indexes.Next(list.Url, list.Entries);
            if (await _store.TryReserveAsync(list.Url, index, credentialId, cancellationToken).ConfigureAwait(false))
            {
                return index;
            }
        }

        throw new InvalidOperationException($"No free index found in {list.Url} after {MaxAttempts} attempts; the list is (nearly) full.");
    }

    private StatusListDefinition Find(string url) =>
        _lists.FirstOrDefault(l => l.Url == url) ?? throw new ArgumentException($"Unknown status list '{url}'.", nameof(url));

    private static JsonElement EntryJson(StatusListDefinition list, int index)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, JoseJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("id", list.Url + "#" + index.ToString(CultureInfo.InvariantCulture));
            w.WriteString("type", "BitstringStatusListEntry");
            w.WriteString("statusPurpose", list.Purpose);
            w.WriteString("statusListIndex", index.ToString(CultureInfo.InvariantCulture));
            w.WriteString("statusListCredential", list.Url);
            if (list.StatusSize > 1)
            {
                w.WriteNumber("statusSize", list.StatusSize);
                w.WriteStartArray("statusMessage");
                foreach (var (status, message) in list.Messages)
                {
                    w.WriteStartObject();
                    w.WriteString("status", "0x" + status.ToString("x", CultureInfo.InvariantCulture));
                    w.WriteString("message", message);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(stream.ToArray());
        return doc.RootElement.Clone();
    }
}
