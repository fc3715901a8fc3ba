using System.CommandLine;
using System.Text.Json;
using Tradeproof.Cryptography;
using Tradeproof.Dids;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof key generate|show</c>: signing keys in a key file (Multikey and JWK).</summary>
internal static class KeyCommands
{
    public static Command Create(CliConsole console)
    {
        var key = new Command("key", "Generate and inspect signing keys (Ed25519, P-256, P-384, secp256k1). A key file holds the secret: keep it private.");
        key.Add(CreateGenerate(console));
        key.Add(CreateShow(console));
        return key;
    }

    // tradeproof key generate --type ed25519|p256|p384|secp256k1 [--out FILE]
    private static Command CreateGenerate(CliConsole console)
    {
        var type = new Option<string>("--type")
        {
            Description = "The key type.",
            DefaultValueFactory = _ => "ed25519",
        };
        type.AcceptOnlyFromAmong("ed25519", "p256", "p384", "secp256k1");
        var output = new Option<string?>("--out")
        {
            Description = "Write the key file here (created readable by the owner only; an existing file is never overwritten) and print only the public key.",
        };
        var command = new Command("generate", "Generate a key pair and write its key file (publicKeyMultibase, secretKeyMultibase, publicKeyJwk, privateKeyJwk).")
        {
            type, output,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            if (!KeyFile.TryParseKeyType(parse.GetValue(type), out var keyType))
            {
                throw new CliInputException($"unknown key type '{parse.GetValue(type)}'");
            }

            using var pair = KeyPair.Generate(keyType);
            var keyFile = KeyFile.Write(pair);
            var path = parse.GetValue(output);
            if (path is null)
            {
                console.Output.WriteLine(keyFile);
                return ExitCodes.Success;
            }

            WritePrivateFile(path, keyFile);
            console.Output.WriteLine(DescribePublicKey(pair.PublicKey));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof key show FILE
    private static Command CreateShow(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A key file, or - for standard input." };
        var command = new Command("show", "Print the public half of a key file (never the secret): type, publicKeyMultibase, JWK and its did:key.") { file };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            using var pair = ReadKeyFile(parse.GetValue(file), console);
            console.Output.WriteLine(DescribePublicKey(pair.PublicKey));
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>Reads and checks a key file.</summary>
    public static KeyPair ReadKeyFile(string? path, CliConsole console) => KeyFile.Read(CliInput.ReadAllText(path, console));

    private static string DescribePublicKey(PublicKey key)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", key.Type.ToString());
            writer.WriteString("publicKeyMultibase", key.ToMultibase());
            writer.WritePropertyName("publicKeyJwk");
            using (var jwk = JsonDocument.Parse(key.ToJwk().ToJson()))
            {
                jwk.RootElement.WriteTo(writer);
            }

            writer.WriteString("didKey", DidKey.Create(key).ToString());
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WritePrivateFile(string path, string content)
    {
        if (File.Exists(path))
        {
            throw new CliInputException($"{path} exists: a key file is never overwritten");
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        writer.Write(content);
        writer.Write('\n');
    }
}
