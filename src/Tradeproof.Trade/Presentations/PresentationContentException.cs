namespace Tradeproof.Trade.Presentations;

/// <summary>
/// What <see cref="TraceablePresentationBuilder.Build"/> was given does not make a valid traceable presentation: a
/// credential that is not a JSON object, or a result the presentation model refuses (an id that is not a UUID URN, a
/// workflow instance that is not an IRI, ...); the message says which. An <see cref="ArgumentException"/>, so callers
/// that treat any bad argument as bad input keep doing so; a caller that must tell the content's fault from a bug
/// elsewhere catches this type.
/// </summary>
public sealed class PresentationContentException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    public PresentationContentException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PresentationContentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public PresentationContentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
