namespace Tradeproof.Trade.Workflows;

/// <summary>How <see cref="WorkflowProgressTracker"/> reads an instance.</summary>
public sealed record WorkflowProgressOptions
{
    /// <summary>
    /// The party whose inbox is evaluated (alias or name, e.g. <c>CBP</c>), or null for the whole workflow. With a
    /// receiver, only the present steps addressed to it count, and the credential types those steps name are the
    /// required ones; without, every present step counts and the definition's <c>credentials</c> are required.
    /// </summary>
    public string? Receiver { get; init; }

    /// <summary>
    /// Which DID plays which party (alias or name → DID). A present step from a bound party is only satisfied by a
    /// presentation whose holder is that DID; unbound parties are not checked.
    /// </summary>
    public IReadOnlyDictionary<string, string> PartyBindings { get; init; } = new Dictionary<string, string>();
}
