namespace Tradeproof.Testing;

/// <summary>A clock that says what the test sets (<see cref="Now"/>) or moves it to (<see cref="Advance"/>); thread-safe.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    private long _ticks = now.UtcTicks;

    /// <summary>The time the clock says (UTC).</summary>
    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _ticks, value.UtcTicks);
    }

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>Moves the clock on.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
