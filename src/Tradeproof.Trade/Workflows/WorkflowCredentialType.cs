namespace Tradeproof.Trade.Workflows;

/// <summary>A credential type a workflow requires (an entry of the definition's <c>credentials</c>).</summary>
/// <param name="Id">The type's IRI, e.g. <c>https://w3id.org/traceability#MillTestReportCredential</c>.</param>
/// <param name="Name">Its display name in the definition.</param>
public sealed record WorkflowCredentialType(string Id, string Name)
{
    /// <summary>The term the traceability context maps to <see cref="Id"/>: the IRI's fragment.</summary>
    public string Term => CredentialTypeIris.TermOf(Id);
}
