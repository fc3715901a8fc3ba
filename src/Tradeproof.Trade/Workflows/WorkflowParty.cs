namespace Tradeproof.Trade.Workflows;

/// <summary>
/// A party (role) of a workflow: a <c>participant</c> of its sequence diagram.
/// </summary>
/// <param name="Alias">The diagram's short name for it (<c>A</c> in <c>participant A as Importer</c>).</param>
/// <param name="Name">The role's name (<c>Importer</c>); the alias when the diagram gives none.</param>
public sealed record WorkflowParty(string Alias, string Name);
