namespace Tradeproof.Cli.Commands;

/// <summary>
/// Calls into the credential library whose bad-input errors are <see cref="ArgumentException"/>s (the issuer, the
/// proof engine, VC-JOSE and SD-JWT signing) and turns those into the command's one-line input error (exit 1),
/// without the parameter name .NET appends.
/// </summary>
internal static class LibraryInput
{
    /// <summary>Runs <paramref name="call"/>; an <see cref="ArgumentException"/> or <see cref="FormatException"/> is the input's fault.</summary>
    public static T Run<T>(Func<T> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return call();
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw new CliInputException(MessageOf(e));
        }
        catch (FormatException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    /// <summary>Runs an asynchronous library call to completion (the command line is synchronous).</summary>
    public static T Run<T>(Func<ValueTask<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return Run(() => call().AsTask().GetAwaiter().GetResult());
    }

    private static string MessageOf(ArgumentException e) =>
        e.ParamName is { } name && e.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
            ? e.Message[..^$" (Parameter '{name}')".Length]
            : e.Message;
}
