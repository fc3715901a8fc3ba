using System.Data.Common;
using System.Net.Sockets;

namespace Tradeproof.Cli;

/// <summary>
/// Turns an exception that ends a verb into the one line a person reads (what went wrong and what to do) and the exit
/// code a script reads: bad input 1, something unavailable (a node or database unreachable, a port in use) 69, a bug
/// 70. The stack trace is printed only with <c>--verbose</c>.
/// </summary>
internal static class CliErrors
{
    /// <summary>The error line (starting <c>tradeproof: error:</c>) and the exit code for <paramref name="e"/>.</summary>
    /// <param name="e">What was thrown.</param>
    /// <param name="inputError">Whether it is a typed error of the Tradeproof libraries or unreadable input.</param>
    public static (string Line, int ExitCode) Describe(Exception e, bool inputError)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is CliUnavailableException)
        {
            return (Error(OneLine(e.Message)), ExitCodes.Unavailable);
        }

        if (Find<HttpRequestException>(e) is { } http)
        {
            var socket = Find<SocketException>(http);
            var what = socket?.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "nothing listens there",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the host name does not resolve",
                SocketError.TimedOut => "the connection timed out",
                _ => null,
            };
            return (Error($"cannot reach the server: {Clause(http.Message)}{(what is null ? "" : ", " + what)}: check the URL (--node) and that it is running (a Tradeproof node: 'tradeproof serve')"), ExitCodes.Unavailable);
        }

        if (e is TaskCanceledException { InnerException: TimeoutException } || Find<TimeoutException>(e) is not null)
        {
            return (Error($"timed out: {Clause(e.Message)}: check that the node or service is running and reachable"), ExitCodes.Unavailable);
        }

        if (Find<SocketException>(e) is { } socketError)
        {
            return socketError.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? (Error($"{Clause(e.Message)}: another program listens on that port; stop it or give --urls with a free port ('tradeproof doctor' checks the ports)"), ExitCodes.Unavailable)
                : (Error($"network error: {Clause(e.Message)}: check the address and that the other side is running"), ExitCodes.Unavailable);
        }

        if (IsAddressInUse(e))
        {
            return (Error($"{Clause(e.Message)}: another program listens on that port; stop it or give --urls with a free port ('tradeproof doctor' checks the ports)"), ExitCodes.Unavailable);
        }

        if (Find<DbException>(e) is { } database && database.GetType().Namespace?.StartsWith("Npgsql", StringComparison.Ordinal) == true)
        {
            return (Error($"PostgreSQL: {Clause(e.Message)}: check the connection string (--postgres, Node:Postgres) and that the server is running ('tradeproof doctor' checks it)"), ExitCodes.Unavailable);
        }

        if (e is FileNotFoundException { FileName: { } file })
        {
            return (Error($"file not found: {file}: check the path"), ExitCodes.InvalidInput);
        }

        if (e is DirectoryNotFoundException)
        {
            return (Error($"{Clause(e.Message)}: check the path"), ExitCodes.InvalidInput);
        }

        if (e is UnauthorizedAccessException)
        {
            return (Error($"permission denied: {Clause(e.Message)}: check the file's owner and mode"), ExitCodes.InvalidInput);
        }

        return inputError
            ? (Error(OneLine(e.Message)), ExitCodes.InvalidInput)
            : ($"tradeproof: internal error: {e.GetType().Name}: {OneLine(e.Message)} (a bug in Tradeproof; run again with --verbose for the stack trace and report it)", ExitCodes.InternalError);
    }

    /// <summary>The error as the JSON object <c>--json</c> verbs write to standard output: <c>{"outcome":"error","error":...,"exitCode":...}</c>.</summary>
    public static string Json(string line, int exitCode) => Commands.CommandOutput.Json(w =>
    {
        w.WriteString("outcome", "error");
        w.WriteString("error", line.StartsWith(Prefix, StringComparison.Ordinal) ? line[Prefix.Length..] : line);
        w.WriteNumber("exitCode", exitCode);
    });

    private const string Prefix = "tradeproof: error: ";

    private static string Error(string message) => Prefix + message;

    private static bool IsAddressInUse(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is Commands.PortInUseException || current.GetType().Name == "AddressInUseException" || current.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static T? Find<T>(Exception e)
        where T : Exception
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }

            if (current is AggregateException { InnerExceptions.Count: 1 } aggregate)
            {
                return Find<T>(aggregate.InnerExceptions[0]);
            }
        }

        return null;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    // A message followed by ": what to do" loses its full stop.
    private static string Clause(string message) => OneLine(message).TrimEnd('.');
}
