using System.Collections.Concurrent;

namespace Tradeproof.Credentials.StatusLists;

/// <summary>
/// The persisted state of the issuer's status lists: which indexes are taken (never reused) and the bits.
/// Storage implements it later; <see cref="InMemoryStatusListStore"/> is the reference.
/// </summary>
public interface IStatusListStore
{
    /// <summary>Atomically takes <paramref name="index"/> of <paramref name="listId"/>; false when it was ever taken before.</summary>
    ValueTask<bool> TryReserveAsync(string listId, int index, string credentialId, CancellationToken cancellationToken = default);

    /// <summary>How many indexes of the list are taken.</summary>
    ValueTask<int> ReservedCountAsync(string listId, CancellationToken cancellationToken = default);

    /// <summary>The list's bitstring (a new zeroed one of <paramref name="entries"/>/<paramref name="statusSize"/> when unknown).</summary>
    ValueTask<StatusBitstring> LoadAsync(string listId, int entries, int statusSize, CancellationToken cancellationToken = default);

    /// <summary>Sets one entry's status value.</summary>
    ValueTask SetAsync(string listId, int entries, int statusSize, int index, int value, CancellationToken cancellationToken = default);
}

/// <summary>An in-process <see cref="IStatusListStore"/> (thread-safe).</summary>
public sealed class InMemoryStatusListStore : IStatusListStore
{
    private readonly ConcurrentDictionary<(string, int), string> _reserved = new();
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StatusBitstring> _lists = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public ValueTask<bool> TryReserveAsync(string listId, int index, string credentialId, CancellationToken cancellationToken = default)
    {
        if (!_reserved.TryAdd((listId, index), credentialId))
        {
            return ValueTask.FromResult(false);
        }

        _counts.AddOrUpdate(listId, 1, (_, c) => c + 1);
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public ValueTask<int> ReservedCountAsync(string listId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_counts.TryGetValue(listId, out var c) ? c : 0);

    /// <inheritdoc />
    public ValueTask<StatusBitstring> LoadAsync(string listId, int entries, int statusSize, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_lists.GetOrAdd(listId, _ => new StatusBitstring(entries, statusSize)));

    /// <inheritdoc />
    public ValueTask SetAsync(string listId, int entries, int statusSize, int index, int value, CancellationToken cancellationToken = default)
    {
        var list = _lists.GetOrAdd(listId, _ => new StatusBitstring(entries, statusSize));
        lock (_gate)
        {
            list.Set(index, value);
        }

        return ValueTask.CompletedTask;
    }
}
