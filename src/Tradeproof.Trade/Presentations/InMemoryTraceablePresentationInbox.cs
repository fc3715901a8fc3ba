namespace Tradeproof.Trade.Presentations;

/// <summary>An <see cref="ITraceablePresentationInbox"/> in memory (tests, the demo, a single node without a store). Thread-safe.</summary>
public sealed class InMemoryTraceablePresentationInbox : ITraceablePresentationInbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Tenant, string Id), StoredPresentation> _byId = [];
    private readonly List<(string Tenant, string Id)> _order = [];

    /// <inheritdoc />
    public ValueTask<InboxResult> AcceptAsync(string tenant, TraceablePresentation presentation, DateTimeOffset receivedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(presentation);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_lock)
        {
            if (_byId.ContainsKey((tenant, presentation.Id)))
            {
                return ValueTask.FromResult(new InboxResult(InboxOutcome.DuplicateId, $"A presentation {presentation.Id} was already received."));
            }

            StoredPresentation? target = null;
            if (presentation.Replace is not null)
            {
                _byId.TryGetValue((tenant, presentation.Replace), out target);
            }

            var check = PresentationReplacement.Check(presentation, target);
            if (!check.Accepted)
            {
                return ValueTask.FromResult(check);
            }

            if (target is not null)
            {
                _byId[(tenant, target.Id)] = target with { ReplacedBy = presentation.Id };
            }

            _byId[(tenant, presentation.Id)] = new StoredPresentation(presentation, receivedAt);
            _order.Add((tenant, presentation.Id));
            return ValueTask.FromResult(InboxResult.Ok);
        }
    }

    /// <inheritdoc />
    public ValueTask<StoredPresentation?> FindAsync(string tenant, string presentationId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(presentationId);
        lock (_lock)
        {
            return ValueTask.FromResult(_byId.GetValueOrDefault((tenant, presentationId)));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredPresentation>> ListInstanceAsync(string tenant, string instance, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        ArgumentNullException.ThrowIfNull(instance);
        lock (_lock)
        {
            IReadOnlyList<StoredPresentation> list = _order
                .Where(k => string.Equals(k.Tenant, tenant, StringComparison.Ordinal))
                .Select(k => _byId[k])
                .Where(p => p.Presentation.WorkflowInstances.Contains(instance, StringComparer.Ordinal))
                .ToList();
            return ValueTask.FromResult(list);
        }
    }
}
