namespace Tradeproof.Transparency;

/// <summary>What was wrong with a note, checkpoint, proof or witness request.</summary>
public enum TransparencyError
{
    /// <summary>A signed note that does not follow C2SP signed-note (text, blank line, signature lines).</summary>
    MalformedNote,

    /// <summary>A note text that is not a C2SP tlog-checkpoint (origin, size, base64 root hash).</summary>
    MalformedCheckpoint,

    /// <summary>A proof of the wrong shape: hash lengths, index out of range, too many or too few hashes.</summary>
    MalformedProof,

    /// <summary>A proof that does not verify against the given roots.</summary>
    InvalidProof,

    /// <summary>No signature line of a trusted key verifies.</summary>
    InvalidSignature,

    /// <summary>A checkpoint that is not consistent with one seen before: a fork of the log.</summary>
    Inconsistent,

    /// <summary>A checkpoint of a log (origin) we do not know.</summary>
    UnknownLog,

    /// <summary>A verifier key (vkey) that is not name+hex(key id)+base64(type||key).</summary>
    MalformedKey,
}

/// <summary>A typed refusal of malformed or non-verifying transparency log input.</summary>
public sealed class TransparencyException : Exception
{
    public TransparencyException(TransparencyError error, string message)
        : base(message) => Error = error;

    public TransparencyException(TransparencyError error, string message, Exception innerException)
        : base(message, innerException) => Error = error;

    public TransparencyException()
        : this(TransparencyError.MalformedNote, "Malformed transparency log input.")
    {
    }

    public TransparencyException(string message)
        : this(TransparencyError.MalformedNote, message)
    {
    }

    public TransparencyException(string message, Exception innerException)
        : this(TransparencyError.MalformedNote, message, innerException)
    {
    }

    /// <summary>What was wrong.</summary>
    public TransparencyError Error { get; }
}
