namespace Tradeproof.Trade.Presentations;

/// <summary>
/// The rules of <c>replace</c> (a traceable presentation naming an earlier one it replaces), shared by every
/// <see cref="ITraceablePresentationInbox"/>: the replaced presentation exists in the tenant's inbox, has the same
/// holder, every workflow instance it names is named by the replacement (which may join more), and it has not been
/// replaced already. A chain of replacements resolves to its latest presentation (<see cref="ResolveLatestAsync"/>).
/// </summary>
public static class PresentationReplacement
{
    /// <summary>The longest chain <see cref="ResolveLatestAsync"/> follows before it reports a cycle.</summary>
    public const int MaxChainLength = 10_000;

    /// <summary>Checks a replacement against the presentation it names (null when the inbox has none).</summary>
    public static InboxResult Check(TraceablePresentation replacement, StoredPresentation? target)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (replacement.Replace is null)
        {
            return InboxResult.Ok;
        }

        if (target is null)
        {
            return new InboxResult(InboxOutcome.ReplaceTargetUnknown, $"No presentation {replacement.Replace} to replace.");
        }

        if (!string.Equals(target.Presentation.Holder, replacement.Holder, StringComparison.Ordinal))
        {
            return new InboxResult(InboxOutcome.ReplaceOtherHolder, $"{replacement.Replace} was presented by {target.Presentation.Holder}, not {replacement.Holder}.");
        }

        var missing = target.Presentation.WorkflowInstances.Where(i => !replacement.WorkflowInstances.Contains(i, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            return new InboxResult(InboxOutcome.ReplaceOtherInstance, $"{replacement.Replace} belongs to the instance {string.Join(", ", missing)}, which the replacement does not name.");
        }

        if (target.ReplacedBy is not null)
        {
            return new InboxResult(InboxOutcome.ReplaceTargetSuperseded, $"{replacement.Replace} was already replaced by {target.ReplacedBy}.");
        }

        return InboxResult.Ok;
    }

    /// <summary>The latest presentation of the chain starting at <paramref name="presentationId"/>, or null when the inbox has no such presentation.</summary>
    /// <exception cref="InvalidOperationException">The chain is longer than <see cref="MaxChainLength"/> (a corrupt store).</exception>
    public static async ValueTask<StoredPresentation?> ResolveLatestAsync(ITraceablePresentationInbox inbox, string tenant, string presentationId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        var current = await inbox.FindAsync(tenant, presentationId, cancellationToken).ConfigureAwait(false);
        for (var step = 0; current?.ReplacedBy is { } next; step++)
        {
            if (step >= MaxChainLength)
            {
                throw new InvalidOperationException($"The replacement chain from {presentationId} does not end.");
            }

            current = await inbox.FindAsync(tenant, next, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{next} is named as a replacement but is not stored.");
        }

        return current;
    }
}
