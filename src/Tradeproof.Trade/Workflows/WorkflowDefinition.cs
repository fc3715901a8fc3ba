namespace Tradeproof.Trade.Workflows;

/// <summary>
/// A workflow definition of the traceability vocabulary (<c>schemas/workflows/*.yml</c>): the value a traceable
/// presentation names in <c>workflow.definition</c>, with the parties and steps read from its mermaid
/// <c>sequenceDiagram</c>.
/// </summary>
public sealed record WorkflowDefinition
{
    /// <summary>The definition's IRI, e.g. <c>https://w3id.org/traceability#us-cbp-entry</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The short name: the IRI's fragment (<c>us-cbp-entry</c>).</summary>
    public string ShortName => CredentialTypeIris.TermOf(Id);

    /// <summary>Title.</summary>
    public required string Title { get; init; }

    /// <summary>Description (free text, may be long).</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Tags (test areas: Steel, Agriculture, OilAndGas, Ecommerce, ...).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The credential types the definition lists as required, in its order.</summary>
    public required IReadOnlyList<WorkflowCredentialType> RequiredCredentials { get; init; }

    /// <summary>The parties, in the order the diagram declares them.</summary>
    public required IReadOnlyList<WorkflowParty> Parties { get; init; }

    /// <summary>The steps (issue, present, other), in diagram order.</summary>
    public required IReadOnlyList<WorkflowStep> Steps { get; init; }

    /// <summary>The diagram's <c>note</c> texts (deadlines such as "Within 15 days of shipment arrival").</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The mermaid source the parties and steps come from.</summary>
    public string Mermaid { get; init; } = string.Empty;

    /// <summary>The party with this alias or name (ordinal, case-insensitive), or null.</summary>
    public WorkflowParty? FindParty(string aliasOrName)
    {
        ArgumentNullException.ThrowIfNull(aliasOrName);
        return Parties.FirstOrDefault(p => string.Equals(p.Alias, aliasOrName, StringComparison.OrdinalIgnoreCase))
            ?? Parties.FirstOrDefault(p => string.Equals(p.Name, aliasOrName, StringComparison.OrdinalIgnoreCase));
    }
}
