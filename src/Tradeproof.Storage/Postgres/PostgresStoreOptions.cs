namespace Tradeproof.Storage.Postgres;

/// <summary>Options of the PostgreSQL store.</summary>
public sealed record PostgresStoreOptions : StoreOptions
{
    /// <summary>An Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Refuse a server with <c>fsync</c> or <c>synchronous_commit</c> off (acknowledged writes could be lost). On by default.</summary>
    public bool RequireDurableServer { get; init; } = true;
}
