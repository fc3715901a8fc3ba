using System.Collections.Concurrent;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// An <see cref="IChallengeStore"/> in memory (one process): issues random challenges with a lifetime and consumes
/// each at most once (an atomic remove). Bounded: at most <see cref="Capacity"/> outstanding challenges.
/// </summary>
public sealed class InMemoryChallengeStore : IChallengeStore
{
    private readonly ConcurrentDictionary<string, Issued> _issued = new(StringComparer.Ordinal);

    // Consumed challenges, remembered (bounded) only to tell a replay from an unknown challenge.
    private readonly ConcurrentDictionary<string, byte> _used = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;

    /// <summary>A store using <paramref name="time"/> for expiry and <paramref name="random"/> for challenges.</summary>
    public InMemoryChallengeStore(TimeProvider time, IRandomSource random, TimeSpan? lifetime = null, int capacity = 100_000)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _random = random;
        Lifetime = lifetime ?? TimeSpan.FromMinutes(5);
        Capacity = capacity;
    }

    /// <summary>How long an issued challenge may be used.</summary>
    public TimeSpan Lifetime { get; }

    /// <summary>The most outstanding challenges.</summary>
    public int Capacity { get; }

    /// <summary>Issues a new challenge (128 random bits, base64url) for <paramref name="domain"/>.</summary>
    /// <exception cref="InvalidOperationException">Too many outstanding challenges even after dropping expired ones.</exception>
    public string Issue(string? domain = null)
    {
        var now = _time.GetUtcNow();
        if (_issued.Count >= Capacity)
        {
            foreach (var (key, value) in _issued)
            {
                if (value.Expires <= now)
                {
                    _issued.TryRemove(key, out _);
                }
            }

            if (_issued.Count >= Capacity)
            {
                throw new InvalidOperationException("Too many outstanding challenges.");
            }
        }

        Span<byte> bytes = stackalloc byte[16];
        _random.Fill(bytes);
        var challenge = Base64UrlStrict.Encode(bytes);
        _issued[challenge] = new Issued(domain, now + Lifetime);
        return challenge;
    }

    /// <inheritdoc />
    public ValueTask<ChallengeConsumption> TryConsumeAsync(string challenge, string? domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (!_issued.TryGetValue(challenge, out var issued))
        {
            return ValueTask.FromResult(_used.ContainsKey(challenge) ? ChallengeConsumption.AlreadyUsed : ChallengeConsumption.Unknown);
        }

        if (issued.Domain is not null && !string.Equals(issued.Domain, domain, StringComparison.Ordinal))
        {
            return ValueTask.FromResult(ChallengeConsumption.Unknown);
        }

        // The atomic step: only one caller removes the entry.
        if (!_issued.TryRemove(new KeyValuePair<string, Issued>(challenge, issued)))
        {
            return ValueTask.FromResult(ChallengeConsumption.AlreadyUsed);
        }

        if (_used.Count >= Capacity)
        {
            _used.Clear();
        }

        _used[challenge] = 0;
        return ValueTask.FromResult(issued.Expires <= _time.GetUtcNow() ? ChallengeConsumption.Expired : ChallengeConsumption.Consumed);
    }

    private readonly record struct Issued(string? Domain, DateTimeOffset Expires);
}
