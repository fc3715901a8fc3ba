namespace Tradeproof.Trade.Workflows;

/// <summary>
/// Credential type names and IRIs. The traceability context (<c>https://w3id.org/traceability/v1</c>) maps each type
/// term <c>T</c> to <c>https://w3id.org/traceability#T</c>; a <c>type</c> value that is already an absolute IRI is
/// taken as it is. This is the expansion the context gives for its own terms, without running JSON-LD.
/// </summary>
public static class CredentialTypeIris
{
    /// <summary>The traceability vocabulary namespace.</summary>
    public const string TraceabilityNamespace = "https://w3id.org/traceability#";

    /// <summary>The IRI of a <c>type</c> value: itself when it is an IRI, else the traceability IRI of the term.</summary>
    public static string Expand(string typeValue)
    {
        ArgumentNullException.ThrowIfNull(typeValue);
        return typeValue.Contains(':', StringComparison.Ordinal) ? typeValue : TraceabilityNamespace + typeValue;
    }

    /// <summary>The fragment of an IRI (after <c>#</c>), or the IRI itself when it has none.</summary>
    public static string TermOf(string iri)
    {
        ArgumentNullException.ThrowIfNull(iri);
        var hash = iri.LastIndexOf('#');
        return hash >= 0 && hash < iri.Length - 1 ? iri[(hash + 1)..] : iri;
    }
}
