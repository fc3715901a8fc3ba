namespace Tradeproof.Trade.Workflows;

/// <summary>The progress of one workflow instance, from the presentations received for it.</summary>
public sealed record WorkflowProgress
{
    /// <summary>The workflow.</summary>
    public required WorkflowDefinition Workflow { get; init; }

    /// <summary>The instance id.</summary>
    public required string Instance { get; init; }

    /// <summary>The receiver the progress is evaluated for, or null for the whole workflow.</summary>
    public WorkflowParty? Receiver { get; init; }

    /// <summary>The required credential types (see <see cref="WorkflowProgressOptions.Receiver"/>).</summary>
    public required IReadOnlyList<WorkflowCredentialType> Required { get; init; }

    /// <summary>Every received credential of a required type: which type, from whom, in which presentation, when.</summary>
    public required IReadOnlyList<CredentialSighting> Present { get; init; }

    /// <summary>Required types no counted presentation carries.</summary>
    public required IReadOnlyList<WorkflowCredentialType> Missing { get; init; }

    /// <summary>The present steps in scope, in order, each done or not.</summary>
    public required IReadOnlyList<StepProgress> Steps { get; init; }

    /// <summary>The first present step in scope not done yet, or null.</summary>
    public WorkflowStep? Next => Steps.FirstOrDefault(s => !s.Done)?.Step;

    /// <summary>Presentations not counted, with the reason.</summary>
    public required IReadOnlyList<IgnoredPresentation> Ignored { get; init; }

    /// <summary>Credentials in counted presentations whose types the workflow never names.</summary>
    public required IReadOnlyList<UnexpectedCredential> Unexpected { get; init; }

    /// <summary>True when no required type is missing.</summary>
    public bool IsComplete => Missing.Count == 0;
}

/// <summary>A received credential of a required type.</summary>
/// <param name="TypeId">The required type it satisfies.</param>
/// <param name="CredentialId">The credential's id, when it has one.</param>
/// <param name="Issuer">Its issuer.</param>
/// <param name="PresentationId">The presentation that carried it.</param>
/// <param name="Holder">That presentation's holder.</param>
/// <param name="ReceivedAt">When that presentation was received.</param>
public sealed record CredentialSighting(string TypeId, string? CredentialId, string? Issuer, string PresentationId, string? Holder, DateTimeOffset? ReceivedAt);

/// <summary>A present step and whether a counted presentation satisfies it.</summary>
/// <param name="Step">The step.</param>
/// <param name="Done">True when one presentation carries every type the step names (from the bound holder, if any).</param>
/// <param name="PresentationId">The first presentation that satisfies it.</param>
public sealed record StepProgress(WorkflowStep Step, bool Done, string? PresentationId);

/// <summary>Why a presentation does not count for an instance.</summary>
public enum IgnoredReason
{
    /// <summary>Its <c>workflow.definition</c> does not name this workflow.</summary>
    OtherWorkflow,

    /// <summary>Its <c>workflow.instance</c> does not name this instance.</summary>
    OtherInstance,

    /// <summary>A later presentation of the set replaces it.</summary>
    Replaced,
}

/// <summary>A presentation that does not count.</summary>
/// <param name="PresentationId">Its id.</param>
/// <param name="Reason">Why.</param>
public sealed record IgnoredPresentation(string PresentationId, IgnoredReason Reason);

/// <summary>A credential whose types the workflow does not name (neither required nor in a step).</summary>
/// <param name="CredentialId">Its id, when it has one.</param>
/// <param name="Types">Its types.</param>
/// <param name="PresentationId">The presentation that carried it.</param>
public sealed record UnexpectedCredential(string? CredentialId, IReadOnlyList<string> Types, string PresentationId);
