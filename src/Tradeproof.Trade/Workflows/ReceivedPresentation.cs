namespace Tradeproof.Trade.Workflows;

/// <summary>
/// What workflow progress needs to know of one traceable presentation a party received (build it with
/// <c>TraceablePresentation.ToReceived</c>, or from a store's record).
/// </summary>
/// <param name="Id">The presentation's id.</param>
/// <param name="Holder">The holder (the presenting party's DID), when known.</param>
/// <param name="Definitions">Its <c>workflow.definition</c> values.</param>
/// <param name="Instances">Its <c>workflow.instance</c> values (several when instances are joined).</param>
/// <param name="ReceivedAt">When it was received (or signed), when known.</param>
/// <param name="Credentials">The credentials it carries.</param>
/// <param name="Replaces">The id of the earlier presentation it replaces (<c>replace</c>), or null.</param>
public sealed record ReceivedPresentation(
    string Id,
    string? Holder,
    IReadOnlyList<string> Definitions,
    IReadOnlyList<string> Instances,
    DateTimeOffset? ReceivedAt,
    IReadOnlyList<ReceivedCredential> Credentials,
    string? Replaces = null);

/// <summary>A credential carried by a received presentation.</summary>
/// <param name="Id">The credential's id, when it has one.</param>
/// <param name="Types">Its <c>type</c> values as written (terms or IRIs; see <see cref="CredentialTypeIris.Expand"/>).</param>
/// <param name="Issuer">Its issuer, when known.</param>
public sealed record ReceivedCredential(string? Id, IReadOnlyList<string> Types, string? Issuer);
