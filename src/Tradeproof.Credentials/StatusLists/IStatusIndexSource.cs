using System.Buffers.Binary;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.StatusLists;

/// <summary>Proposes the next index to try in a list of <c>entries</c> entries (the store decides whether it is free).</summary>
public interface IStatusIndexSource
{
    /// <summary>A candidate index in [0, <paramref name="entries"/>).</summary>
    int Next(string listId, int entries);
}

/// <summary>
/// Uniformly random indexes (herd privacy, Bitstring Status List §6.1) from an injected <see cref="IRandomSource"/>,
/// without modulo bias.
/// </summary>
public sealed class RandomStatusIndexSource(IRandomSource random) : IStatusIndexSource
{
    /// <inheritdoc />
    public int Next(string listId, int entries)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        var limit = uint.MaxValue - (uint.MaxValue % (uint)entries);
        Span<byte> buffer = stackalloc byte[4];
        while (true)
        {
            random.Fill(buffer);
            var value = BinaryPrimitives.ReadUInt32BigEndian(buffer);
            if (value < limit)
            {
                return (int)(value % (uint)entries);
            }
        }
    }
}

/// <summary>Indexes 0, 1, 2, ... per list (the store still refuses any taken before, e.g. after a restart).</summary>
public sealed class SequentialStatusIndexSource : IStatusIndexSource
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _next = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public int Next(string listId, int entries) => (_next.AddOrUpdate(listId, 0, (_, n) => n + 1)) % entries;
}
