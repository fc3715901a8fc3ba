namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// RDFC-1.0 refused to complete. <see cref="Code"/> says why; today the only code is
/// <see cref="WorkLimitExceeded"/> (a dataset whose blank-node structure needs more Hash N-Degree Quads work
/// than <see cref="RdfcOptions.MaxWorkFactor"/> allows: RDFC-1.0 §7 "Dataset Poisoning").
/// Cancellation throws <see cref="OperationCanceledException"/>, not this.
/// </summary>
public sealed class RdfCanonicalizationException : Exception
{
    /// <summary>The code of the work-limit error.</summary>
    public const string WorkLimitExceeded = "work limit exceeded";

    public RdfCanonicalizationException()
        : this(WorkLimitExceeded, "RDFC-1.0 work limit exceeded.")
    {
    }

    public RdfCanonicalizationException(string message)
        : this(WorkLimitExceeded, message)
    {
    }

    public RdfCanonicalizationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = WorkLimitExceeded;
    }

    /// <summary>An error with a code and a message.</summary>
    public RdfCanonicalizationException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The error code, e.g. <c>work limit exceeded</c>.</summary>
    public string Code { get; }
}
