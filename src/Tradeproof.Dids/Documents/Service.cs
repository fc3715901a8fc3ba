using System.Text.Json;

namespace Tradeproof.Dids;

/// <summary>A service (DID Core §5.4): id, type(s) and endpoint (string, map or set, kept as JSON).</summary>
public sealed class Service
{
    public required string Id { get; init; }

    /// <summary>One or more types.</summary>
    public required IReadOnlyList<string> Type { get; init; }

    /// <summary>The endpoint: a URI string, a map, or a set of them.</summary>
    public required JsonElement ServiceEndpoint { get; init; }

    /// <summary>Other members, kept as read.</summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalProperties { get; init; } = new Dictionary<string, JsonElement>();
}
