namespace Tradeproof.Dids.Http;

/// <summary>The guard refused to connect to an address (thrown inside the connect callback).</summary>
internal sealed class GuardRefusedException : IOException
{
    public GuardRefusedException()
    {
    }

    public GuardRefusedException(string message)
        : base(message)
    {
    }

    public GuardRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
