namespace Tradeproof.Storage.Tests.Support;

/// <summary>One database for a test class, and raw access to it that bypasses the store.</summary>
public interface IStoreHarness
{
    /// <summary>The provider name the store reports.</summary>
    string Provider { get; }

    /// <summary>Why this database cannot run here (outside CI the tests are then skipped), or null.</summary>
    string? UnavailableReason { get; }

    /// <summary>Opens a store on the class's database (migrating it); several may be open at once.</summary>
    ValueTask<ITradeproofStore> OpenAsync(StoreOptionsSeed seed);

    /// <summary>Runs a scalar query directly on the database.</summary>
    ValueTask<long> CountAsync(string sql);

    /// <summary>Whether the bytes occur anywhere in the database's files on disk (after a checkpoint).</summary>
    ValueTask<bool> FilesContainAsync(byte[] needle);
}

/// <summary>The environment a test opens its store with.</summary>
public sealed record StoreOptionsSeed(TimeProvider Time, Cryptography.IRandomSource Random, OperatorKey OperatorKey);
