using System.Text.Json;

namespace Tradeproof.Credentials;

/// <summary>
/// A verifiable presentation (VC Data Model 2.0 §4.13, or 1.1), over its original UTF-8 JSON. The embedded
/// credentials are kept as JSON (each is read and checked by the verifier as a credential of its own);
/// enveloped credentials (<c>EnvelopedVerifiableCredential</c>, §4.13.1) are kept as they are.
/// </summary>
public sealed class VerifiablePresentation
{
    /// <summary>The <c>type</c> every presentation has.</summary>
    public const string BaseType = "VerifiablePresentation";

    private VerifiablePresentation(ReadOnlyMemory<byte> utf8, JsonElement json)
    {
        Utf8 = utf8;
        Json = json;
    }

    /// <summary>The presentation exactly as given.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>The parsed root.</summary>
    public JsonElement Json { get; }

    /// <summary>The version, from the first <c>@context</c>.</summary>
    public DataModelVersion Version { get; private init; }

    /// <summary><c>id</c>, when present.</summary>
    public string? Id { get; private init; }

    /// <summary><c>type</c> values.</summary>
    public IReadOnlyList<string> Types { get; private init; } = [];

    /// <summary><c>holder</c> (or <c>holder.id</c>), when present.</summary>
    public string? Holder { get; private init; }

    /// <summary>The <c>verifiableCredential</c> entries, as JSON objects.</summary>
    public IReadOnlyList<JsonElement> VerifiableCredentials { get; private init; } = [];

    /// <summary>Parses and validates a presentation; returns false with the problems found, never throws on bad input.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, DataModelOptions? options, out VerifiablePresentation? presentation, out IReadOnlyList<Problem> problems)
    {
        options ??= DataModelOptions.Default;
        presentation = null;
        if (!DataModelRules.TryParseStrict(utf8, options, out var root, out var parsingProblem))
        {
            problems = [parsingProblem!];
            return false;
        }

        return TryRead(utf8, root, options, out presentation, out problems);
    }

    /// <summary>Validates an already strictly parsed presentation (<paramref name="root"/> is the parse of <paramref name="utf8"/>).</summary>
    public static bool TryRead(ReadOnlyMemory<byte> utf8, JsonElement root, DataModelOptions? options, out VerifiablePresentation? presentation, out IReadOnlyList<Problem> problems)
    {
        options ??= DataModelOptions.Default;
        presentation = null;
        var found = new List<Problem>();
        problems = found;
        if (root.ValueKind != JsonValueKind.Object)
        {
            found.Add(DataModelRules.Malformed("Not a presentation", "A presentation is a JSON object."));
            return false;
        }

        var version = DataModelRules.Context(root, options, found);
        var types = DataModelRules.Type(root, BaseType, found);
        var id = DataModelRules.Id(root, "id", found);
        var holder = DataModelRules.Party(root, "holder", required: false, found);
        IReadOnlyList<JsonElement> credentials = [];
        if (root.TryGetProperty("verifiableCredential", out var vc))
        {
            var list = DataModelRules.Objects(vc);
            if (list is null)
            {
                found.Add(DataModelRules.Malformed("Invalid verifiableCredential", "verifiableCredential must be an object or a list of objects."));
            }
            else
            {
                credentials = list;
            }
        }

        if (found.Count > 0)
        {
            return false;
        }

        presentation = new VerifiablePresentation(utf8, root.Clone())
        {
            Version = version!.Value,
            Id = id,
            Types = types,
            Holder = holder,
            VerifiableCredentials = credentials,
        };
        return true;
    }
}
