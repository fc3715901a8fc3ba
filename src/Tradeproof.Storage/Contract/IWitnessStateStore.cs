namespace Tradeproof.Storage;

/// <summary>What the node knows of pushing its log checkpoints to one partner witness (kept in the store: a restart keeps it).</summary>
/// <param name="Partner">The partner node's DID.</param>
/// <param name="WitnessedSize">The size of our checkpoint the witness last holds (from its cosignature or its 409), or null when unknown.</param>
/// <param name="Failures">Failed attempts in a row.</param>
/// <param name="NextAttemptAt">No attempt before this (the backoff schedule).</param>
/// <param name="LastError">Why the last attempt failed, or null.</param>
/// <param name="Refused">The witness refused our log as a fork.</param>
/// <param name="UpdatedAt">When the state was last saved (the store's clock; ignored on save).</param>
public sealed record WitnessPushRecord(string Partner, long? WitnessedSize, int Failures, DateTimeOffset NextAttemptAt, string? LastError, bool Refused, DateTimeOffset UpdatedAt = default);

/// <summary>
/// The node's witness push state, one row per partner witness (node-wide, like the transparency log; migration 0005).
/// </summary>
public interface IWitnessStateStore
{
    /// <summary>The state of pushing to <paramref name="partner"/>, or null when none was saved.</summary>
    ValueTask<WitnessPushRecord?> GetAsync(string partner, CancellationToken cancellationToken = default);

    /// <summary>Every partner's push state, by partner DID.</summary>
    ValueTask<IReadOnlyList<WitnessPushRecord>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves a partner's state (insert or replace: the witness's own answer is the truth, even a smaller size).</summary>
    ValueTask SaveAsync(WitnessPushRecord state, CancellationToken cancellationToken = default);

    /// <summary>Forgets a partner's state (the partner was removed); false when there was none.</summary>
    ValueTask<bool> DeleteAsync(string partner, CancellationToken cancellationToken = default);
}
