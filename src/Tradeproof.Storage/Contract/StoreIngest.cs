namespace Tradeproof.Storage;

/// <summary>Events to append to one twin stream at an expected version (as <see cref="ITwinEventStore.AppendAsync"/> takes them).</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="ExpectedVersion">The version the stream must be at (0 for a new stream).</param>
/// <param name="Events">At least one event.</param>
public sealed record TwinAppend(string StreamId, long ExpectedVersion, IReadOnlyList<TwinEventData> Events);

/// <summary>What a node accepts in one go: presentations, credentials and twin appends for one tenant.</summary>
/// <param name="Presentations">Presentations for the inbox (may be empty).</param>
/// <param name="Credentials">Credentials to store (may be empty).</param>
/// <param name="Appends">Twin appends, applied in order (two appends to one stream: the second expects the first's new version).</param>
public sealed record IngestBatch(
    IReadOnlyList<PresentationRecord> Presentations,
    IReadOnlyList<CredentialRecord> Credentials,
    IReadOnlyList<TwinAppend> Appends);

/// <summary>The outcome of each member of an <see cref="IngestBatch"/>, in input order.</summary>
public sealed record IngestResult(
    IReadOnlyList<PresentationReceiveOutcome> Presentations,
    IReadOnlyList<CredentialSaveOutcome> Credentials,
    IReadOnlyList<AppendResult> Appends);

/// <summary>
/// Bulk ingest (issue #10): a batch of presentations, credentials and twin appends in <b>one</b> transaction, with
/// the same rows, outcomes and transparency log leaves (same order) as the same calls made one by one in a unit of
/// work (<see cref="ITradeproofStore.BeginAsync"/>): presentations first, then credentials, then the appends.
/// </summary>
/// <remarks>
/// On the SQL stores it runs prepared single-row statements bound by position through SQLitePCL (SQLite, in process)
/// or pipelined batches of them (PostgreSQL, one round trip per 1,000 statements) instead of the repositories'
/// per-call statements. Durability is
/// the store's: the batch is on disk when the call returns. When a concurrent writer on PostgreSQL takes a twin
/// version between the head read and the insert, the batch is rolled back and replayed through a unit of work, which
/// reports that append as a <see cref="AppendOutcome.Conflict"/>.
/// </remarks>
public static class StoreIngest
{
    /// <summary>Ingests <paramref name="batch"/> for <paramref name="tenantId"/> in one transaction.</summary>
    /// <exception cref="ArgumentException">An invalid member (nothing written).</exception>
    /// <exception cref="StoreException">The database failed (nothing written).</exception>
    public static async ValueTask<IngestResult> IngestAsync(this ITradeproofStore store, string tenantId, IngestBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Presentations);
        ArgumentNullException.ThrowIfNull(batch.Credentials);
        ArgumentNullException.ThrowIfNull(batch.Appends);
        if (store is Sql.SqlStore sql)
        {
            var fast = await sql.Bulk.TryIngestAsync(tenantId, batch, cancellationToken).ConfigureAwait(false);
            if (fast is not null)
            {
                return fast;
            }
        }

        return await IngestOneByOneAsync(store, tenantId, batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The reference path: the repositories' calls, one by one, in one unit of work.</summary>
    public static async ValueTask<IngestResult> IngestOneByOneAsync(this ITradeproofStore store, string tenantId, IngestBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(batch);
        var transaction = await store.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var presentations = new PresentationReceiveOutcome[batch.Presentations.Count];
            for (var i = 0; i < presentations.Length; i++)
            {
                presentations[i] = await transaction.Presentations.ReceiveAsync(tenantId, batch.Presentations[i], cancellationToken).ConfigureAwait(false);
            }

            var credentials = batch.Credentials.Count == 0
                ? []
                : await transaction.Credentials.SaveManyAsync(tenantId, batch.Credentials, cancellationToken).ConfigureAwait(false);
            var appends = new AppendResult[batch.Appends.Count];
            for (var i = 0; i < appends.Length; i++)
            {
                ArgumentNullException.ThrowIfNull(batch.Appends[i]);
                appends[i] = await transaction.TwinEvents.AppendAsync(tenantId, batch.Appends[i].StreamId, batch.Appends[i].ExpectedVersion, batch.Appends[i].Events, cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new IngestResult(presentations, credentials, appends);
        }
    }
}
