using System.CommandLine;
using System.Text.Json;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Cli.Commands;

/// <summary><c>tradeproof rdf ...</c>: RDF datasets in N-Quads.</summary>
internal static class RdfCommands
{
    public static Command Create(CliConsole console)
    {
        var rdf = new Command("rdf", "Work with RDF datasets in N-Quads.");
        rdf.Add(CreateCanonicalize(console));
        return rdf;
    }

    // tradeproof rdf canonicalize [FILE|-] [--hash sha256|sha384] [--map] [--max-work-factor N]
    private static Command CreateCanonicalize(CliConsole console)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "An N-Quads file, or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var hash = new Option<string>("--hash")
        {
            Description = "The hash function RDFC-1.0 uses internally.",
            DefaultValueFactory = _ => "sha256",
        };
        hash.AcceptOnlyFromAmong("sha256", "sha384");
        var map = new Option<bool>("--map")
        {
            Description = "Write the issued-identifier map (input blank node label to canonical label) as JSON instead of the canonical N-Quads.",
        };
        var maxWorkFactor = new Option<int>("--max-work-factor")
        {
            Description = "Refuse datasets whose blank-node structure needs more work than this factor allows (poison graphs).",
            DefaultValueFactory = _ => RdfcOptions.DefaultMaxWorkFactor,
        };

        var command = new Command("canonicalize", "Canonicalize an RDF dataset with RDFC-1.0 (W3C RDF Dataset Canonicalization) and write canonical N-Quads.")
        {
            file, hash, map, maxWorkFactor,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var text = CliInput.ReadAllText(parse.GetValue(file), console);
            var dataset = NQuadsParser.Parse(text);
            var options = new RdfcOptions(
                parse.GetValue(hash) == "sha384" ? RdfcHashAlgorithm.Sha384 : RdfcHashAlgorithm.Sha256,
                parse.GetValue(maxWorkFactor));
            var result = RdfCanonicalizer.Canonicalize(dataset, options);
            if (parse.GetValue(map))
            {
                console.Output.WriteLine(FormatMap(result.IssuedIdentifiers));
            }
            else
            {
                console.Output.Write(result.CanonicalNQuads);
            }

            console.Output.Flush();
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string FormatMap(IReadOnlyDictionary<string, string> issued)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (input, canonical) in issued)
            {
                writer.WriteString(input, canonical);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
