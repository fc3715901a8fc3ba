namespace Tradeproof.Storage;

/// <summary>
/// The node's store: one contract with two implementations (<see cref="Sqlite.SqliteStore"/>,
/// <see cref="Postgres.PostgresStore"/>). Every call is tenant-scoped (the tenant id is its first argument and
/// no call returns another tenant's rows) and every write is one database transaction.
/// </summary>
/// <remarks>
/// The repositories on the store itself run each call in its own transaction. <see cref="BeginAsync"/> opens a
/// unit of work whose repositories share one transaction, for writes that must land together (a presentation, its
/// credentials, the twin events and the idempotent response): nothing is visible until
/// <see cref="IStoreTransaction.CommitAsync"/>, and disposing without committing rolls everything back.
/// While a unit of work is open, write through its repositories only: on SQLite it holds the single writer's
/// place, so a write through the store's own repositories would wait for it.
/// </remarks>
public interface ITradeproofStore : IStoreRepositories, IAsyncDisposable
{
    /// <summary>Which database this is (<c>sqlite</c> or <c>postgres</c>).</summary>
    string Provider { get; }

    /// <summary>Opens a unit of work (one database transaction) for several writes that must commit together.</summary>
    ValueTask<IStoreTransaction> BeginAsync(CancellationToken cancellationToken = default);
}

/// <summary>The repositories of the store, one per kind of record.</summary>
public interface IStoreRepositories
{
    /// <summary>Organisations hosted by the node.</summary>
    ITenantStore Tenants { get; }

    /// <summary>Issued and received credentials, their original bytes and verification results.</summary>
    ICredentialStore Credentials { get; }

    /// <summary>The inbox of received TraceablePresentations.</summary>
    IPresentationInbox Presentations { get; }

    /// <summary>Digital twin event streams (optimistic concurrency, dense versions).</summary>
    ITwinEventStore TwinEvents { get; }

    /// <summary>Bitstring status lists and their never-reused index allocation.</summary>
    IStatusListRepository StatusLists { get; }

    /// <summary>Signing keys (secret keys encrypted at rest).</summary>
    IKeyStore Keys { get; }

    /// <summary>OAuth 2.0 clients (client credentials grant).</summary>
    IClientStore Clients { get; }

    /// <summary>Idempotency keys: one effect per key, the stored response replayed.</summary>
    IIdempotencyStore Idempotency { get; }

    /// <summary>Challenges for presentations, consumed once.</summary>
    IChallengeStore Challenges { get; }

    /// <summary>The customs single window: versioned documents (trust registry, routing rules), decisions, the outbox.</summary>
    ICustomsStore Customs { get; }

    /// <summary>The node's transparency log (one per node; every write above appends its leaf in its own transaction).</summary>
    ITransparencyLogStore Log { get; }

    /// <summary>The node's witness push state (what each partner witness holds of our log, the retry schedule).</summary>
    IWitnessStateStore Witnessing { get; }
}

/// <summary>A unit of work: one database transaction shared by its repositories.</summary>
/// <remarks>
/// A typed refusal inside the transaction (a duplicate, a version conflict, an idempotency mismatch) leaves the
/// transaction usable: the refused statement wrote nothing. The caller decides whether to commit the rest.
/// </remarks>
public interface IStoreTransaction : IStoreRepositories, IAsyncDisposable
{
    /// <summary>Commits every write of the unit of work at once; returns when the commit is durable.</summary>
    ValueTask CommitAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits like <see cref="CommitAsync"/> but returns as soon as the database has committed and the writer is free
    /// for the next unit of work; the returned task completes when the commit is durable (SQLite: once the WAL is
    /// synced; it throws a <see cref="StoreException"/> if it cannot be). Tell nobody the write succeeded before that
    /// task completes: until then a crash of the machine (not of the process) can lose it. Readers may see the
    /// committed writes before they are durable. A group commit uses this to run the next group while the disk
    /// flushes the previous one.
    /// </summary>
    async ValueTask<Task> CommitBeforeDurableAsync(CancellationToken cancellationToken = default)
    {
        await CommitAsync(cancellationToken).ConfigureAwait(false);
        return Task.CompletedTask;
    }

    /// <summary>Discards every write of the unit of work (also what disposing an uncommitted one does).</summary>
    ValueTask RollbackAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a savepoint (SQL <c>SAVEPOINT</c>): <see cref="RollbackToSavepointAsync"/> then discards the writes made
    /// after it (their transparency log leaves too) and keeps the earlier ones, so one of several writers sharing a unit
    /// of work (a group commit) can fail alone. <see cref="ReleaseSavepointAsync"/> keeps the writes and forgets the mark.
    /// </summary>
    /// <param name="name">A plain identifier (letters, digits, underscores).</param>
    /// <param name="cancellationToken">Cancels the statement.</param>
    ValueTask SavepointAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Discards the writes made since the savepoint <paramref name="name"/>, which stays marked.</summary>
    /// <exception cref="StoreException">The database lost the transaction (e.g. SQLite rolled it back on disk full): roll back the unit.</exception>
    ValueTask RollbackToSavepointAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Keeps the writes made since the savepoint <paramref name="name"/> and forgets the mark.</summary>
    ValueTask ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default);
}
