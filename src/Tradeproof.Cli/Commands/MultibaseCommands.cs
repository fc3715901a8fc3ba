using System.CommandLine;
using System.Text.Json;
using Tradeproof.Cryptography.Encoding;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof multibase encode|decode</c>: multibase strings and their multicodec prefixes.</summary>
internal static class MultibaseCommands
{
    public static Command Create(CliConsole console)
    {
        var multibase = new Command("multibase", "Encode and decode multibase strings (the encoding of keys and proof values in DIDs and credentials).");
        multibase.Add(CreateEncode(console));
        multibase.Add(CreateDecode(console));
        return multibase;
    }

    private static string EncodingNames => string.Join(", ", Multibase.Encodings.Select(Multibase.Name));

    // tradeproof multibase encode [FILE|-] [--base NAME] [--hex]
    private static Command CreateEncode(CliConsole console)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The bytes to encode: a file, or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var encodingName = new Option<string>("--base")
        {
            Description = "The multibase encoding: " + EncodingNames + ".",
            DefaultValueFactory = _ => "base58btc",
        };
        var hex = new Option<bool>("--hex") { Description = "The input is hexadecimal text (whitespace ignored), not raw bytes." };
        var codec = new Option<string?>("--codec")
        {
            Description = "Prefix the bytes with this multicodec code first (e.g. ed25519-pub), as did:key and Multikey do.",
        };
        var command = new Command("encode", "Encode bytes as a multibase string (written with a trailing newline).")
        {
            file, encodingName, hex, codec,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var name = parse.GetValue(encodingName)!;
            if (!Multibase.TryParseName(name, out var encoding))
            {
                throw new CliInputException($"unknown multibase encoding '{name}' (known: {EncodingNames})");
            }

            var path = parse.GetValue(file);
            byte[] data;
            if (parse.GetValue(hex))
            {
                var text = new string(CliInput.ReadAllText(path, console).Where(c => !char.IsWhiteSpace(c)).ToArray());
                try
                {
                    data = Convert.FromHexString(text);
                }
                catch (FormatException)
                {
                    throw new CliInputException($"{CliInput.Describe(path)} is not hexadecimal text");
                }
            }
            else
            {
                data = CliInput.ReadAllBytes(path, console);
            }

            var codecName = parse.GetValue(codec);
            if (codecName is not null)
            {
                if (!Multicodec.TryParseName(codecName, out var code))
                {
                    throw new CliInputException($"unknown multicodec name '{codecName}' (known: {string.Join(", ", Multicodec.Known.Values)})");
                }

                data = Multicodec.Prefix(code, data);
            }

            console.Output.WriteLine(Multibase.Encode(encoding, data));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof multibase decode VALUE [--output hex|raw] [--json]
    private static Command CreateDecode(CliConsole console)
    {
        var value = new Argument<string>("VALUE") { Description = "The multibase string (its first character names the encoding)." };
        var output = new Option<string>("--output")
        {
            Description = "How to write the decoded bytes: hex (with a newline) or raw.",
            DefaultValueFactory = _ => "hex",
        };
        output.AcceptOnlyFromAmong("hex", "raw");
        var json = new Option<bool>("--json")
        {
            Description = "Write a JSON object: the encoding, the bytes in hex, and the multicodec prefix when the bytes start with a known one.",
        };
        var command = new Command("decode", "Decode a multibase string.") { value, output, json };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var (encoding, data) = Multibase.Decode(parse.GetValue(value)!);
            if (parse.GetValue(json))
            {
                console.Output.WriteLine(Describe(encoding, data));
            }
            else if (parse.GetValue(output) == "raw")
            {
                console.Output.Flush();
                if (console.Output is StreamWriter { BaseStream: var stream })
                {
                    stream.Write(data);
                    stream.Flush();
                }
                else
                {
                    console.Output.Write(System.Text.Encoding.Latin1.GetString(data));
                }
            }
            else
            {
                console.Output.WriteLine(Convert.ToHexStringLower(data));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static string Describe(MultibaseEncoding encoding, byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("encoding", Multibase.Name(encoding));
            writer.WriteNumber("length", data.Length);
            writer.WriteString("hex", Convert.ToHexStringLower(data));
            if (TryKnownCodec(data, out var name, out var payloadLength))
            {
                writer.WriteStartObject("multicodec");
                writer.WriteString("name", name);
                writer.WriteNumber("payloadLength", payloadLength);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static bool TryKnownCodec(byte[] data, out string name, out int payloadLength)
    {
        name = string.Empty;
        payloadLength = 0;
        try
        {
            var rest = Multicodec.Strip(data, out var code);
            if (Multicodec.Known.TryGetValue(code, out var known))
            {
                name = known;
                payloadLength = rest.Length;
                return true;
            }
        }
        catch (MulticodecException)
        {
            // Not every multibase payload carries a multicodec prefix.
        }

        return false;
    }
}
