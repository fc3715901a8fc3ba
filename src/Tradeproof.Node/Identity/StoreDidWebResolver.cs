using Tradeproof.Dids;

namespace Tradeproof.Node;

/// <summary>
/// Resolves the did:web DIDs this node hosts from its own store (no HTTP round trip to itself); other did:web DIDs
/// are not resolved (the node makes no network calls unless configured), so their proofs cannot be checked.
/// </summary>
/// <remarks>With <see cref="NodeOptions.LoopbackDidWebHosts"/>, DIDs of those hosts that are not this node's are
/// resolved through <paramref name="loopback"/> (a guarded did:web resolver allowed loopback and HTTP for localhost).</remarks>
internal sealed class StoreDidWebResolver(NodeIdentity identity, DidDocuments documents, IReadOnlyList<string>? loopbackHosts = null, IDidMethodResolver? loopback = null) : IDidMethodResolver
{
    public string Method => "web";

    public async ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(did);
        var tenant = identity.TenantOf(did.ToString());
        if (tenant is null && loopback is not null && loopbackHosts is not null && loopbackHosts.Contains(HostOf(did), StringComparer.OrdinalIgnoreCase))
        {
            return await loopback.ResolveAsync(did, options, cancellationToken).ConfigureAwait(false);
        }

        if (tenant is null)
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, "This node resolves only the did:web DIDs it hosts.");
        }

        var document = await documents.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        return document is null
            ? DidResolutionResult.Failure(DidErrorCodes.NotFound, "No such organisation on this node.")
            : DidResolutionResult.Success(document);
    }

    // The host of did:web:HOST[%3APORT][:path...] (empty when malformed: the resolver then reports it).
    private static string HostOf(Did did)
    {
        var text = did.ToString();
        const string Prefix = "did:web:";
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return "";
        }

        var authority = text[Prefix.Length..].Split(':')[0];
        var port = authority.IndexOf("%3A", StringComparison.OrdinalIgnoreCase);
        return port >= 0 ? authority[..port] : authority;
    }
}
