namespace Tradeproof.Node;

/// <summary>The node's configuration is unusable (a malformed value, a missing operator key for PostgreSQL, ...).</summary>
public sealed class NodeConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NodeConfigurationException()
        : base("The node configuration is not valid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public NodeConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public NodeConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
