using System.Text.Json;
using Tradeproof.Dids;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The did:web documents the node serves: the keys from the store as Multikey methods and, for tenants, the
/// <c>TraceabilityAPI</c> service whose endpoint is the tenant's API base URL (Traceability Interoperability, discovery).
/// </summary>
public sealed class DidDocuments(NodeIdentity identity, ITradeproofStore store)
{
    /// <summary>The document of <paramref name="tenantId"/> (or of the node for <see cref="NodeIdentity.NodeTenantId"/>), or null when unknown.</summary>
    public async ValueTask<DidDocument?> GetAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var isNode = string.Equals(tenantId, NodeIdentity.NodeTenantId, StringComparison.Ordinal);
        if (!isNode && await store.Tenants.GetAsync(tenantId, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        var keys = await TenantKeys.PublicKeysAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
        if (keys.Count == 0)
        {
            return null;
        }

        var did = isNode ? identity.NodeDid : identity.TenantDid(tenantId);
        var document = DidWeb.CreateDocument(Did.Parse(did), keys);
        if (isNode)
        {
            return document;
        }

        using var endpoint = JsonDocument.Parse(JsonSerializer.Serialize(identity.TenantEndpoint(tenantId), NodeJsonContext.Default.String));
        return new DidDocument
        {
            Context = document.Context,
            Id = document.Id,
            VerificationMethod = document.VerificationMethod,
            Authentication = document.Authentication,
            AssertionMethod = document.AssertionMethod,
            CapabilityInvocation = document.CapabilityInvocation,
            CapabilityDelegation = document.CapabilityDelegation,
            KeyAgreement = document.KeyAgreement,
            Service =
            [
                new Service { Id = did + "#traceability-api", Type = ["TraceabilityAPI"], ServiceEndpoint = endpoint.RootElement.Clone() },
            ],
        };
    }
}
