using System.CommandLine;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof jcs [FILE|-]</c>: the RFC 8785 canonical form of a JSON document.</summary>
internal static class JcsCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A JSON document, or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var command = new Command(
            "jcs",
            "Write the JSON Canonicalization Scheme (RFC 8785) form of a JSON document. Input that is not I-JSON (duplicate keys, lone surrogates, numbers beyond double) is refused.")
        {
            file,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var bytes = CliInput.ReadAllBytes(parse.GetValue(file), console);
            var canonical = Jcs.Canonicalize(bytes);
            console.Output.Write(System.Text.Encoding.UTF8.GetString(canonical));
            console.Output.Flush();
            return ExitCodes.Success;
        }));
        return command;
    }
}
