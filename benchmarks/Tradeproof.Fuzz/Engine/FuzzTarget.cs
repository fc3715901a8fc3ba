namespace Tradeproof.Fuzz.Engine;

/// <summary>
/// One parser under fuzzing: its seed corpus, the call that feeds it one input, and the exceptions its documentation
/// allows to escape. Any other exception, a case running past <see cref="Timeout"/> or allocating more than
/// <see cref="MaxAllocatedBytes"/> is a finding. <see cref="Run"/> may also throw <see cref="FuzzOracleException"/>
/// when a result breaks an invariant (a round trip that does not hold, a mutated proof that verifies).
/// </summary>
public sealed record FuzzTarget
{
    /// <summary>The target's name (used in seeds, reports and the test names).</summary>
    public required string Name { get; init; }

    /// <summary>Valid (and a few invalid) inputs that mutations start from.</summary>
    public required IReadOnlyList<byte[]> Seeds { get; init; }

    /// <summary>Feeds one input to the parser and checks what it returns.</summary>
    public required Action<byte[]> Run { get; init; }

    /// <summary>The typed errors the parser documents (exact types; subclasses are not assumed).</summary>
    public required IReadOnlyList<Type> DocumentedErrors { get; init; }

    /// <summary>The token-aware mutations that fit the input.</summary>
    public TokenKinds Tokens { get; init; }

    /// <summary>The longest one case may run before it counts as a hang.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The most one case may allocate (managed bytes on the fuzzing thread) whatever its size; the bound of a
    /// case is this plus <see cref="MaxAllocatedPerInputByte"/> times its length, so work that grows faster than the
    /// input (quadratic copying, blow-ups) is a finding even when the input is small.</summary>
    public long MaxAllocatedBytes { get; init; } = 32L << 20;

    /// <summary>The allocation allowed per input byte on top of <see cref="MaxAllocatedBytes"/>.</summary>
    public long MaxAllocatedPerInputByte { get; init; } = 128;

    /// <summary>The allocation bound of one input.</summary>
    public long AllocationBound(int inputLength) => MaxAllocatedBytes + (MaxAllocatedPerInputByte * inputLength);

    /// <summary>Whether <paramref name="exception"/> is one of the documented errors.</summary>
    public bool IsDocumented(Exception exception) => exception is not null && DocumentedErrors.Contains(exception.GetType());
}

/// <summary>A result broke the target's invariant (thrown by a target's own checks, always a finding).</summary>
public sealed class FuzzOracleException : Exception
{
    public FuzzOracleException()
    {
    }

    public FuzzOracleException(string message)
        : base(message)
    {
    }

    public FuzzOracleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>What went wrong in one case.</summary>
public enum FindingKind
{
    /// <summary>An exception the parser does not document escaped, or an invariant broke.</summary>
    Exception,

    /// <summary>The case ran past the target's timeout.</summary>
    Hang,

    /// <summary>The case allocated more than the target's bound.</summary>
    Memory,
}

/// <summary>A finding: which case (replayable from the run seed and index), what happened, and the input.</summary>
public sealed record FuzzFinding(string Target, ulong RunSeed, long CaseIndex, FindingKind Kind, string Message, byte[] Input)
{
    public override string ToString() =>
        $"{Target} case {CaseIndex} (seed {RunSeed}): {Kind}: {Message} [input {Input.Length} bytes]";
}

/// <summary>The totals of one run of one target (<see cref="MaxAllocatedCase"/>: the case that allocated the most).</summary>
public sealed record FuzzRunResult(string Target, long Cases, long DocumentedErrors, TimeSpan Elapsed, long MaxAllocatedBytes, long MaxAllocatedCase, IReadOnlyList<FuzzFinding> Findings)
{
    /// <summary>Cases per second.</summary>
    public double CasesPerSecond => Elapsed.TotalSeconds > 0 ? Cases / Elapsed.TotalSeconds : 0;
}
