using Tradeproof.Trade.Workflows;

namespace Tradeproof.Trade.Presentations;

/// <summary>A presentation in an inbox.</summary>
/// <param name="Presentation">The presentation as received.</param>
/// <param name="ReceivedAt">When it was accepted.</param>
/// <param name="ReplacedBy">The id of the presentation that replaced it, or null while it is the latest.</param>
public sealed record StoredPresentation(TraceablePresentation Presentation, DateTimeOffset ReceivedAt, string? ReplacedBy = null)
{
    /// <summary>The presentation's id.</summary>
    public string Id => Presentation.Id;

    /// <summary>What workflow progress needs of it.</summary>
    public ReceivedPresentation ToReceived() => Presentation.ToReceived(ReceivedAt);
}
