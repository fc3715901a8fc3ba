using Tradeproof.Dids;

namespace Tradeproof.Node;

/// <summary>
/// Resolves the did:web DIDs this node hosts from its own store (no HTTP round trip to itself); other did:web DIDs
/// are not resolved (the node makes no network calls unless configured), so their proofs cannot be checked.
/// </summary>
internal sealed class StoreDidWebResolver(NodeIdentity identity, DidDocuments documents) : IDidMethodResolver
{
    public string Method => "web";

    public async ValueTask<DidResolutionResult> ResolveAsync(Did did, DidResolutionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(did);
        var tenant = identity.TenantOf(did.ToString());
        if (tenant is null)
        {
            return DidResolutionResult.Failure(DidErrorCodes.NotFound, "This node resolves only the did:web DIDs it hosts.");
        }

        var document = await documents.GetAsync(tenant, cancellationToken).ConfigureAwait(false);
        return document is null
            ? DidResolutionResult.Failure(DidErrorCodes.NotFound, "No such organisation on this node.")
            : DidResolutionResult.Success(document);
    }
}
