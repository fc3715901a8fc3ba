namespace Tradeproof.Trade.Workflows;

/// <summary>What a step of a workflow's sequence diagram does.</summary>
public enum WorkflowStepKind
{
    /// <summary>A party issues credentials (in the diagrams, a message to itself whose text starts with <c>issue</c>).</summary>
    Issue,

    /// <summary>A party presents credentials to another (text starting with <c>present</c>): a traceable presentation.</summary>
    Present,

    /// <summary>Any other message (e.g. the ISF's vessel stow plan): shown, but not a credential exchange.</summary>
    Other,
}
