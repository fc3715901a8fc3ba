namespace Tradeproof.Storage.Sql;

/// <summary>The witness push state (<c>log_witness_push</c>): one row per partner, replaced on each save.</summary>
internal sealed class SqlWitnessStateStore(SqlScope scope, StoreContext context) : IWitnessStateStore
{
    private const string Columns = "partner, witnessed_size, failures, next_attempt_at, last_error, refused, updated_at";

    public async ValueTask<WitnessPushRecord?> GetAsync(string partner, CancellationToken cancellationToken = default)
    {
        context.Id(partner, "partner");
        return await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM log_witness_push WHERE partner = @partner")
            .With("partner", partner).SingleOrDefaultAsync(Read, ct), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<WitnessPushRecord>> ListAsync(CancellationToken cancellationToken = default) =>
        await scope.ReadAsync((c, t, ct) => c.Command(t, $"SELECT {Columns} FROM log_witness_push ORDER BY partner").ListAsync(Read, ct), cancellationToken).ConfigureAwait(false);

    public async ValueTask SaveAsync(WitnessPushRecord state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        context.Id(state.Partner, "partner");
        ArgumentOutOfRangeException.ThrowIfNegative(state.Failures);
        if (state.WitnessedSize is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(state), "The witnessed size is not negative.");
        }

        var error = state.LastError is { Length: > 2000 } long_ ? long_[..2000] : state.LastError;
        var next = state.NextAttemptAt == DateTimeOffset.MinValue ? 0L : state.NextAttemptAt.ToUnixTimeMilliseconds();
        _ = await scope.WriteAsync((c, t, ct) => c.Command(t,
                $"INSERT INTO log_witness_push ({Columns}) VALUES (@partner, @size, @failures, @next, @error, @refused, @now) " +
                "ON CONFLICT (partner) DO UPDATE SET witnessed_size = excluded.witnessed_size, failures = excluded.failures, next_attempt_at = excluded.next_attempt_at, " +
                "last_error = excluded.last_error, refused = excluded.refused, updated_at = excluded.updated_at")
            .With("partner", state.Partner).With("size", state.WitnessedSize).With("failures", (long)state.Failures).With("next", next)
            .With("error", error).With("refused", state.Refused ? 1L : 0L).With("now", context.NowMilliseconds)
            .ExecuteAsync(ct), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> DeleteAsync(string partner, CancellationToken cancellationToken = default)
    {
        context.Id(partner, "partner");
        return scope.WriteAsync(async (c, t, ct) => await c.Command(t, "DELETE FROM log_witness_push WHERE partner = @partner")
            .With("partner", partner).ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    // next_attempt_at 0 is "at once" (DateTimeOffset.MinValue has no Unix milliseconds the columns could hold).
    private static WitnessPushRecord Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0),
        r.IsDBNull(1) ? null : r.GetInt64(1),
        checked((int)r.GetInt64(2)),
        r.GetInt64(3) == 0 ? DateTimeOffset.MinValue : StoreContext.FromMilliseconds(r.GetInt64(3)),
        r.GetNullableString(4),
        r.GetInt64(5) != 0,
        StoreContext.FromMilliseconds(r.GetInt64(6)));
}
