namespace Tradeproof.Trade.Workflows;

/// <summary>
/// One message of a workflow's sequence diagram, in diagram order.
/// </summary>
/// <param name="Number">1-based position among the definition's steps.</param>
/// <param name="Kind">Issue, present or other.</param>
/// <param name="From">The party that issues or presents.</param>
/// <param name="To">The party presented to (the same party for an issue step).</param>
/// <param name="Text">The message text as the diagram gives it, e.g. <c>(2) present Mill Test Report Credential</c>.</param>
/// <param name="Credentials">The credentials the step issues or presents, with their resolved types (empty for <see cref="WorkflowStepKind.Other"/>).</param>
public sealed record WorkflowStep(int Number, WorkflowStepKind Kind, WorkflowParty From, WorkflowParty To, string Text, IReadOnlyList<WorkflowStepCredential> Credentials);

/// <summary>A credential named by a step.</summary>
/// <param name="Label">The name used in the diagram, e.g. <c>Key Credential (GLN)</c>.</param>
/// <param name="TypeId">The credential type IRI the label resolves to (see <see cref="WorkflowCatalog"/>), or null when it resolves to none.</param>
public sealed record WorkflowStepCredential(string Label, string? TypeId);
