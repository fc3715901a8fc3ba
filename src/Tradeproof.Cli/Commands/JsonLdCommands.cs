using System.CommandLine;
using System.Text;
using Tradeproof.JsonLd;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof jsonld expand|compact|flatten|to-rdf|from-rdf FILE [--context FILE] [--base IRI] [--safe]</c>:
/// the JSON-LD 1.1 API algorithms. Contexts come only from the embedded set (or a local file given
/// with --context): nothing is fetched from the network.
/// </summary>
internal static class JsonLdCommands
{
    public static Command Create(CliConsole console)
    {
        var jsonld = new Command("jsonld", "Process JSON-LD 1.1 documents (expand, compact, flatten, to and from RDF). Contexts are embedded; nothing is fetched.");
        jsonld.Add(Create(console, "expand", "Expand a JSON-LD document (JSON-LD 1.1 API expand()).", Operation.Expand));
        jsonld.Add(Create(console, "compact", "Compact a JSON-LD document against a context given with --context (JSON-LD 1.1 API compact()).", Operation.Compact));
        jsonld.Add(Create(console, "flatten", "Flatten a JSON-LD document, compacted with --context when given (JSON-LD 1.1 API flatten()).", Operation.Flatten));
        jsonld.Add(Create(console, "to-rdf", "Convert a JSON-LD document to RDF and write N-Quads (JSON-LD 1.1 API toRdf()).", Operation.ToRdf));
        jsonld.Add(Create(console, "from-rdf", "Convert an N-Quads dataset to expanded JSON-LD (JSON-LD 1.1 API fromRdf()).", Operation.FromRdf));
        return jsonld;
    }

    private enum Operation
    {
        Expand,
        Compact,
        Flatten,
        ToRdf,
        FromRdf,
    }

    private static Command Create(CliConsole console, string name, string description, Operation operation)
    {
        var file = new Argument<string>("FILE")
        {
            Description = operation == Operation.FromRdf ? "An N-Quads file, or - for standard input." : "A JSON-LD document, or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var context = new Option<string?>("--context")
        {
            Description = operation switch
            {
                Operation.Compact => "The context to compact with: a JSON file holding a context (or a document with @context). Required.",
                Operation.Flatten => "The context to compact the flattened document with (a JSON file).",
                _ => "An expand context applied before the document's own (a JSON file).",
            },
            Required = operation == Operation.Compact,
        };
        var baseIri = new Option<string?>("--base") { Description = "The base IRI that relative IRIs resolve against." };
        var safe = new Option<bool>("--safe")
        {
            Description = "Safe mode: fail, instead of silently dropping, on undefined terms or types, relative IRIs and invalid values (as signing and verifying do).",
        };
        var canonical = new Option<bool>("--canonical") { Description = "Write the RDFC-1.0 canonical N-Quads (to-rdf only)." };
        var rdfDirection = new Option<string?>("--rdf-direction") { Description = "How base direction maps to RDF: i18n-datatype or compound-literal." };
        rdfDirection.AcceptOnlyFromAmong("i18n-datatype", "compound-literal");

        var command = new Command(name, description) { file };
        if (operation != Operation.FromRdf)
        {
            command.Add(context);
            command.Add(safe);
        }

        command.Add(baseIri);
        if (operation is Operation.ToRdf or Operation.FromRdf)
        {
            command.Add(rdfDirection);
        }

        if (operation == Operation.ToRdf)
        {
            command.Add(canonical);
        }

        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var input = CliInput.ReadAllText(parse.GetValue(file), console);
            var options = new JsonLdOptions
            {
                Base = parse.GetValue(baseIri),
                SafeMode = parse.GetValue(safe),
                RdfDirection = parse.GetValue(rdfDirection),
            };
            var contextPath = parse.GetValue(context);
            var contextText = contextPath is null ? null : CliInput.ReadAllText(contextPath, console);
            switch (operation)
            {
                case Operation.Expand:
                    options.ExpandContext = contextText;
                    WriteJson(console, JsonLdProcessor.Expand(input, options));
                    break;
                case Operation.Compact:
                    WriteJson(console, JsonLdProcessor.Compact(input, contextText!, options));
                    break;
                case Operation.Flatten:
                    WriteJson(console, JsonLdProcessor.Flatten(input, contextText, options));
                    break;
                case Operation.ToRdf:
                    options.ExpandContext = contextText;
                    var dataset = JsonLdProcessor.ToRdf(input, options);
                    console.Output.Write(parse.GetValue(canonical)
                        ? RdfCanonicalizer.Canonicalize(dataset).CanonicalNQuads
                        : NQuadsSerializer.Serialize(dataset));
                    break;
                case Operation.FromRdf:
                    WriteJson(console, JsonLdProcessor.FromRdf(NQuadsParser.Parse(input), options));
                    break;
            }

            console.Output.Flush();
            return ExitCodes.Success;
        }));
        return command;
    }

    // JSON results are written indented for people; the JSON value is unchanged (numbers keep their text).
    private static void WriteJson(CliConsole console, string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
        {
            Indented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            document.WriteTo(writer);
        }

        console.Output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
