using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof types list|show|validate</c>: the trade credential type catalogue (docs/vocabulary.md): the 84
/// traceability vocabulary types and our own, their schemas and examples, and schema validation of a credential.
/// </summary>
internal static class TypesCommands
{
    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var types = new Command("types", "Trade credential types: the traceability vocabulary and Tradeproof's own (docs/vocabulary.md).");
        types.Add(CreateList(console));
        types.Add(CreateShow(console));
        types.Add(CreateValidate(console));
        return [types];
    }

    // tradeproof types list [--json]
    private static Command CreateList(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Write a JSON array (name, iri, source, testAreas, tags, title, schema) instead of a table." };
        var command = new Command("list", "List every credential type: name, source, test areas and title.") { json };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var catalog = CredentialTypeCatalog.Default;
            if (parse.GetValue(json))
            {
                WriteList(console, catalog);
                return ExitCodes.Success;
            }

            var width = catalog.Types.Max(t => t.Name.Length);
            foreach (var type in catalog.Types)
            {
                var areas = type.TestAreas.Count == 0 ? "-" : string.Join(",", type.TestAreas);
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type.Name.PadRight(width)}  {Source(type),-12}  {areas,-45}  {type.Title}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof types show TYPE
    private static Command CreateShow(CliConsole console)
    {
        var name = new Argument<string>("TYPE") { Description = "A credential type's name (e.g. MillTestReportCredential) or IRI." };
        var command = new Command("show", "Show a credential type: description, IRI, test areas, schema id, required properties and an example credential.") { name };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var type = Find(parse.GetValue(name)!);
            var output = console.Output;
            output.WriteLine($"{type.Name} ({Source(type)})");
            output.WriteLine($"title: {type.Title}");
            output.WriteLine($"iri: {type.Iri}");
            output.WriteLine($"test areas: {(type.TestAreas.Count == 0 ? "-" : string.Join(", ", type.TestAreas))}");
            if (type.Tags.Count > 0)
            {
                output.WriteLine($"tags: {string.Join(", ", type.Tags)}");
            }

            output.WriteLine($"schema: {type.SchemaId}");
            output.WriteLine($"description: {type.Description.ReplaceLineEndings(" ")}");
            output.WriteLine("required properties:");
            foreach (var pointer in type.RequiredProperties)
            {
                output.WriteLine($"  {pointer}");
            }

            output.WriteLine("example:");
            output.WriteLine(IndentedJson(type.Example));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof types validate [FILE|-] [--type TYPE]
    private static Command CreateValidate(CliConsole console)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "A credential (JSON), or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var typeName = new Option<string?>("--type") { Description = "Check against this type's schema, whatever the credential's own type says." };
        var command = new Command(
            "validate",
            "Validate a credential against the schema of each catalogued type it declares. Exit 0 when valid; 1 when invalid, with one line per violation on standard output (JSON Pointer: message).")
        {
            file, typeName,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var path = parse.GetValue(file);
            var bytes = CliInput.ReadAllBytes(path, console);
            var requested = parse.GetValue(typeName);
            CredentialValidationResult result;
            if (requested is null)
            {
                result = CredentialTypeCatalog.Default.Validate(bytes);
            }
            else
            {
                var type = Find(requested);
                result = bytes.Length > CredentialTypeCatalog.MaxCredentialBytes
                    ? CredentialTypeCatalog.Default.Validate(bytes)
                    : ValidateAs(type, bytes);
            }

            var what = CliInput.Describe(path);
            switch (result.Status)
            {
                case CredentialValidationStatus.Valid:
                    console.Output.WriteLine($"valid: {string.Join(", ", result.TypeNames)}");
                    return ExitCodes.Success;
                case CredentialValidationStatus.Invalid:
                    foreach (var violation in result.Violations)
                    {
                        var pointer = violation.Pointer.Length == 0 ? "(root)" : violation.Pointer;
                        console.Output.WriteLine($"{pointer}: {violation.Message.ReplaceLineEndings(" ")}");
                    }

                    console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tradeproof: error: {what} is not a valid {string.Join(", ", result.TypeNames)}: {result.Violations.Count} violation(s)"));
                    return ExitCodes.InvalidInput;
                default:
                    throw new CliInputException($"{what}: {result.Problem}");
            }
        }));
        return command;
    }

    private static CredentialValidationResult ValidateAs(CredentialType type, byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = CredentialTypeCatalog.MaxCredentialDepth });
            return type.Validate(document.RootElement);
        }
        catch (JsonException)
        {
            // Let the catalogue word the parse error exactly as it does without --type.
            return CredentialTypeCatalog.Default.Validate(bytes);
        }
    }

    private static CredentialType Find(string nameOrIri) =>
        CredentialTypeCatalog.Default.Find(nameOrIri)
        ?? throw new CliInputException($"unknown credential type '{nameOrIri}' (see: tradeproof types list)");

    private static string IndentedJson(JsonElement element)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            element.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n");
    }

    private static string Source(CredentialType type) => type.Source == CredentialTypeSource.Traceability ? "traceability" : "tradeproof";

    private static void WriteList(CliConsole console, CredentialTypeCatalog catalog)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var type in catalog.Types)
            {
                writer.WriteStartObject();
                writer.WriteString("name", type.Name);
                writer.WriteString("iri", type.Iri);
                writer.WriteString("source", Source(type));
                writer.WriteStartArray("testAreas");
                foreach (var area in type.TestAreas)
                {
                    writer.WriteStringValue(area.ToString());
                }

                writer.WriteEndArray();
                writer.WriteStartArray("tags");
                foreach (var tag in type.Tags)
                {
                    writer.WriteStringValue(tag);
                }

                writer.WriteEndArray();
                writer.WriteString("title", type.Title);
                writer.WriteString("schema", type.SchemaId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        console.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n"));
    }
}
