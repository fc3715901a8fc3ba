using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Node;

/// <summary>
/// Runs after a TraceablePresentation was committed to a tenant's inbox (with its credentials and twin events): the
/// extension point for processing that needs the received documents, e.g. customs intake (trust registry,
/// admissibility rules, provisional messages). Register one with <see cref="NodeServices.AddPresentationReceivedHandler"/>
/// or as an <see cref="IPresentationReceivedHandler"/> singleton in the host's services.
/// </summary>
/// <remarks>
/// Handlers run in registration order, after the commit and before the submitter gets its 202 answer. The
/// submission is acknowledged whatever a handler does: a handler that throws is logged and the next one runs. A
/// handler decides for itself which tenants it serves (<see cref="PresentationReceived.TenantId"/>), and writes its own
/// results through the store in its own unit of work.
/// </remarks>
public interface IPresentationReceivedHandler
{
    /// <summary>Called once per committed presentation.</summary>
    /// <param name="received">What was received and where it went.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    ValueTask OnPresentationReceivedAsync(PresentationReceived received, CancellationToken cancellationToken);
}

/// <summary>A committed submission as handlers see it.</summary>
/// <param name="TenantId">The tenant whose inbox received it.</param>
/// <param name="Presentation">The presentation (holder, workflow definitions and instances, <c>replace</c>, credentials).</param>
/// <param name="Content">The presentation's bytes as received (also kept in the inbox).</param>
/// <param name="Verification">The verification result (presentation checks and one result per credential).</param>
/// <param name="Credentials">The credentials as the twins and rules see them (verified, issuer, received time).</param>
/// <param name="TwinIds">The twins (product, lot, shipment identifiers) whose event streams received events, ordered.</param>
/// <param name="Events">The twin events projected from the credentials and appended (each once, whatever the number of its subjects).</param>
/// <param name="ReceivedAt">When the node received it (the node's clock).</param>
public sealed record PresentationReceived(
    string TenantId,
    TraceablePresentation Presentation,
    ReadOnlyMemory<byte> Content,
    TraceablePresentationVerificationResult Verification,
    IReadOnlyList<ReceivedCredential> Credentials,
    IReadOnlyList<string> TwinIds,
    IReadOnlyList<TwinEvent> Events,
    DateTimeOffset ReceivedAt);
