namespace Tradeproof.Demo;

/// <summary>The demo cannot run (a port in use, an unusable data folder): the message says what and what to do.</summary>
public sealed class DemoException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DemoException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    public DemoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and cause.</summary>
    public DemoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
