namespace Tradeproof.Trade.Presentations;

/// <summary>Why an inbox accepted or refused a presentation.</summary>
public enum InboxOutcome
{
    /// <summary>Stored.</summary>
    Accepted,

    /// <summary>The tenant already has a presentation with this id (HTTP 409 Conflict).</summary>
    DuplicateId,

    /// <summary><c>replace</c> names no presentation of the tenant.</summary>
    ReplaceTargetUnknown,

    /// <summary><c>replace</c> names a presentation of another holder.</summary>
    ReplaceOtherHolder,

    /// <summary><c>replace</c> names a presentation of another workflow instance (the replacement must name every instance the replaced one names).</summary>
    ReplaceOtherInstance,

    /// <summary><c>replace</c> names a presentation that was already replaced: replace the latest of the chain.</summary>
    ReplaceTargetSuperseded,
}

/// <summary>The outcome of <see cref="ITraceablePresentationInbox.AcceptAsync"/>.</summary>
/// <param name="Outcome">Accepted, or why not.</param>
/// <param name="Detail">A sentence saying what was found (ids, holders), for the refusal's problem detail.</param>
public sealed record InboxResult(InboxOutcome Outcome, string? Detail = null)
{
    /// <summary>True when stored.</summary>
    public bool Accepted => Outcome == InboxOutcome.Accepted;

    /// <summary>The accepted result.</summary>
    public static InboxResult Ok { get; } = new(InboxOutcome.Accepted);
}
