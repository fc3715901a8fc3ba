namespace Tradeproof.Cli;

/// <summary>Process exit codes (documented in docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The input was invalid (malformed data, unknown encoding, limit exceeded) or a file could not be read.</summary>
    public const int InvalidInput = 1;

    /// <summary>The command line itself was wrong (unknown verb or option, missing argument).</summary>
    public const int Usage = 2;

    /// <summary>Something needed is unavailable: a node or database that cannot be reached, a port already in use (sysexits EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>A bug in Tradeproof: an unexpected exception (sysexits EX_SOFTWARE).</summary>
    public const int InternalError = 70;
}
