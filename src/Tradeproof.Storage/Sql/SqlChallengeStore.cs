namespace Tradeproof.Storage.Sql;

/// <summary>
/// Challenges: consumption is one conditional UPDATE (unused and unexpired), so under any number of concurrent
/// consumers exactly one sees an affected row; PostgreSQL re-checks the condition after waiting for the row lock.
/// </summary>
internal sealed class SqlChallengeStore(SqlScope scope, StoreContext context) : IChallengeStore
{
    public ValueTask<bool> IssueAsync(string tenantId, string challenge, DateTimeOffset expiresAt, string? domain = null, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        context.Id(challenge, "challenge");
        return scope.WriteAsync(async (c, t, ct) =>
            await c.Command(t, "INSERT INTO challenges (tenant_id, challenge, domain, issued_at, expires_at) VALUES (@tenant, @challenge, @domain, @now, @expires) ON CONFLICT (tenant_id, challenge) DO NOTHING")
                .With("tenant", tenantId).With("challenge", challenge).With("domain", domain).With("now", context.NowMilliseconds).With("expires", expiresAt.ToUnixTimeMilliseconds())
                .ExecuteAsync(ct).ConfigureAwait(false) == 1, cancellationToken);
    }

    public ValueTask<ChallengeOutcome> ConsumeAsync(string tenantId, string challenge, CancellationToken cancellationToken = default) =>
        ConsumeAsync(tenantId, challenge, checkDomain: false, domain: null, cancellationToken);

    public ValueTask<ChallengeOutcome> ConsumeAsync(string tenantId, string challenge, string? domain, CancellationToken cancellationToken = default) =>
        ConsumeAsync(tenantId, challenge, checkDomain: true, domain, cancellationToken);

    // With checkDomain, the domain condition is part of the one conditional UPDATE: a challenge issued for a domain is
    // consumed only when presented for that domain (a NULL @domain never equals it).
    private ValueTask<ChallengeOutcome> ConsumeAsync(string tenantId, string challenge, bool checkDomain, string? domain, CancellationToken cancellationToken)
    {
        context.Id(tenantId, "tenant id");
        context.Id(challenge, "challenge");
        return scope.WriteAsync(async (c, t, ct) =>
        {
            var now = context.NowMilliseconds;
            int consumed;
            if (scope.Dialect.PreparedFor(c) is { } prepared)
            {
                // SQLite's writer (a submission's unit of work): the same UPDATE, compiled once per connection.
                consumed = checkDomain
                    ? prepared.Execute(ConsumeSql + DomainCondition, now, tenantId, challenge, domain)
                    : prepared.Execute(ConsumeSql, now, tenantId, challenge);
            }
            else
            {
                var update = c.Command(t, "UPDATE challenges SET consumed_at = @now WHERE tenant_id = @tenant AND challenge = @challenge AND consumed_at IS NULL AND expires_at > @now"
                        + (checkDomain ? " AND (domain IS NULL OR domain = @domain)" : string.Empty))
                    .With("tenant", tenantId).With("challenge", challenge).With("now", now);
                consumed = await (checkDomain ? update.With("domain", domain) : update).ExecuteAsync(ct).ConfigureAwait(false);
            }

            if (consumed == 1)
            {
                return ChallengeOutcome.Consumed;
            }

            var state = await c.Command(t, "SELECT consumed_at, expires_at, domain FROM challenges WHERE tenant_id = @tenant AND challenge = @challenge")
                .With("tenant", tenantId).With("challenge", challenge)
                .SingleOrDefaultAsync(r => new Tuple<bool, long, string?>(!r.IsDBNull(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2)), ct).ConfigureAwait(false);
            return state switch
            {
                null => ChallengeOutcome.Unknown,
                { Item1: true } => ChallengeOutcome.AlreadyConsumed,
                _ when state.Item2 <= now => ChallengeOutcome.Expired,
                _ => ChallengeOutcome.DomainMismatch,
            };
        }, cancellationToken);
    }

    private const string ConsumeSql = "UPDATE challenges SET consumed_at = @p0 WHERE tenant_id = @p1 AND challenge = @p2 AND consumed_at IS NULL AND expires_at > @p0";
    private const string DomainCondition = " AND (domain IS NULL OR domain = @p3)";

    public ValueTask<int> PurgeExpiredAsync(string tenantId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        context.Id(tenantId, "tenant id");
        return scope.WriteAsync((c, t, ct) => c.Command(t, "DELETE FROM challenges WHERE tenant_id = @tenant AND expires_at < @before")
            .With("tenant", tenantId).With("before", before.ToUnixTimeMilliseconds()).ExecuteAsync(ct), cancellationToken);
    }
}
