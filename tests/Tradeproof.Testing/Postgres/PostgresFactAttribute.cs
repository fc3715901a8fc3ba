namespace Tradeproof.Testing.Postgres;

/// <summary>
/// A test that needs the private PostgreSQL cluster (<see cref="PostgresCluster"/>): skipped with the reason when
/// PostgreSQL is missing, except under <c>CI=true</c>, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    /// <summary>Sets the skip reason when PostgreSQL cannot run here and this is not CI.</summary>
    public PostgresFactAttribute()
    {
        if (PostgresCluster.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
