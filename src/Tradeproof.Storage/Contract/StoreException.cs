namespace Tradeproof.Storage;

/// <summary>What kind of storage failure a <see cref="StoreException"/> reports.</summary>
public enum StoreErrorKind
{
    /// <summary>The tenant named by the call does not exist.</summary>
    UnknownTenant,

    /// <summary>A database constraint refused the write (nothing was written).</summary>
    ConstraintViolation,

    /// <summary>The database could not be reached, was busy beyond the timeout, or is out of space.</summary>
    Unavailable,

    /// <summary>Stored data could not be read back (a secret that does not decrypt, a malformed row).</summary>
    Corrupt,

    /// <summary>The schema migrations could not be applied, or the database is newer than this code.</summary>
    Migration,
}

/// <summary>A storage failure. The write that raised it was rolled back: nothing half-written.</summary>
public sealed class StoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreException(StoreErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>Creates the exception (kind <see cref="StoreErrorKind.Unavailable"/>).</summary>
    public StoreException()
        : this(StoreErrorKind.Unavailable, "The store failed.")
    {
    }

    /// <summary>Creates the exception (kind <see cref="StoreErrorKind.Unavailable"/>).</summary>
    public StoreException(string message)
        : this(StoreErrorKind.Unavailable, message)
    {
    }

    /// <summary>Creates the exception (kind <see cref="StoreErrorKind.Unavailable"/>).</summary>
    public StoreException(string message, Exception innerException)
        : this(StoreErrorKind.Unavailable, message, innerException)
    {
    }

    /// <summary>What kind of failure this is.</summary>
    public StoreErrorKind Kind { get; }
}
