using Tradeproof.Cryptography;

namespace Tradeproof.Storage;

/// <summary>What every store needs besides its database: no ambient time or randomness.</summary>
public abstract record StoreOptions
{
    /// <summary>The operator key that encrypts secret keys at rest (from configuration, never from the database).</summary>
    public required OperatorKey OperatorKey { get; init; }

    /// <summary>The clock for created/received/expiry times.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>The random source for the AES-GCM nonces.</summary>
    public required IRandomSource Random { get; init; }

    /// <summary>The longest id (tenant, credential, presentation, stream, key, client ...) accepted, in characters.</summary>
    public int MaxIdLength { get; init; } = 2048;

    /// <summary>The largest stored document (credential, presentation, event payload, response), in bytes.</summary>
    public int MaxContentBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Whether to apply pending schema migrations when the store opens (on by default).</summary>
    public bool ApplyMigrations { get; init; } = true;
}
