using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Tradeproof.Trade.Twins;

/// <summary>
/// Builds the events of one credential: ids <c>{credential id}#{n}</c> in extraction order (stable for the
/// same credential), the source (credential id, type, issuer, received time) and a default event time
/// (the credential's <c>validFrom</c>/<c>issuanceDate</c>, else the received time).
/// </summary>
internal sealed class CredentialEventWriter
{
    private readonly List<TwinEvent> _events = [];
    private readonly string _credentialId;
    private readonly TwinEventSource _source;
    private int _next;

    public CredentialEventWriter(ReceivedCredential credential)
    {
        Credential = credential;
        _credentialId = credential.Id ?? "urn:sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(credential.Json.GetRawText())));
        _source = new TwinEventSource(TwinEventSource.Credential, _credentialId, credential.PrimaryType, credential.Issuer, credential.ReceivedAt);
        DefaultTime = CredentialJson.Time(credential.Json, "validFrom") ?? CredentialJson.Time(credential.Json, "issuanceDate") ?? credential.ReceivedAt;
        IssuerParty = credential.Issuer is null && credential.IssuerName is null ? null : new TwinParty(credential.Issuer, credential.IssuerName);
    }

    public ReceivedCredential Credential { get; }

    public DateTimeOffset DefaultTime { get; }

    /// <summary>The issuer as a party (id and name).</summary>
    public TwinParty? IssuerParty { get; }

    public IReadOnlyList<TwinEvent> Events => _events;

    /// <summary>Adds an event about the given subjects (nulls and repeats dropped; no subject, no event).</summary>
    public void Add(TwinEventType type, IEnumerable<string?> subjects, DateTimeOffset? time, TwinEventPayload payload)
    {
        var ids = subjects.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var index = _next++;
        if (ids.Count == 0)
        {
            return;
        }

        _events.Add(new TwinEvent($"{_credentialId}#{index}", type, ids, time ?? DefaultTime, _source, payload));
    }

    /// <summary>Adds an origin claim when the country is given.</summary>
    public void Origin(IEnumerable<string?> subjects, DateTimeOffset? time, string kind, string? country, IReadOnlyList<KeyValuePair<string, string>>? attributes = null)
    {
        if (country is not null)
        {
            Add(TwinEventType.OriginClaimed, subjects, time, new TwinEventPayload { OriginKind = kind, Country = country, Attributes = attributes });
        }
    }

    /// <summary>Attributes from (name, value) pairs, values missing dropped; null when none.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>>? Attributes(params (string Name, string? Value)[] pairs)
    {
        var list = pairs.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string>(p.Name, p.Value!)).ToList();
        return list.Count == 0 ? null : list;
    }

    /// <summary>The identifiers a product object carries (gtin, sku, batchNumber, serialNumber, id).</summary>
    public static IEnumerable<string?> ProductIds(JsonElement product) =>
    [
        CredentialJson.String(product, "id"),
        CredentialJson.String(product, "gtin"),
        CredentialJson.String(product, "sku"),
        CredentialJson.String(product, "batchNumber"),
        CredentialJson.String(product, "serialNumber"),
    ];
}
