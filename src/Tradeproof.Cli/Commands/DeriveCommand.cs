using System.CommandLine;
using System.Text;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof derive CREDENTIAL --reveal POINTER... [--out FILE]</c>: the holder's ecdsa-sd-2023 derived proof
/// (vc-di-ecdsa §3.5.7 "Add Derived Proof") revealing the base proof's mandatory pointers and the given ones.
/// </summary>
internal static class DeriveCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("CREDENTIAL")
        {
            Description = "A credential with an ecdsa-sd-2023 base proof, or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var reveal = new Option<string[]>("--reveal")
        {
            Description = "A JSON pointer (RFC 6901) of what to reveal, e.g. /credentialSubject/heatNumber (repeat). The mandatory pointers are always revealed.",
            Required = true,
        };
        var output = new Option<string?>("--out") { Description = "Write the derived credential here (atomically) instead of standard output." };
        var command = new Command("derive", "Derive a selective-disclosure credential from an ecdsa-sd-2023 base proof: only the mandatory and the --reveal'ed claims are kept.")
        {
            file, reveal, output,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var input = CliInput.ReadAllBytes(parse.GetValue(file), console);
            var pointers = parse.GetValue(reveal) ?? [];
            var derived = LibraryInput.Run(() => EcdsaSd2023.Derive(input, pointers));
            CommandOutput.Write(console, parse.GetValue(output), Encoding.UTF8.GetString(derived));
            return ExitCodes.Success;
        }));
        return command;
    }
}
