using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tradeproof.Trade.Rules;

/// <summary>
/// The admissibility rules as data: the embedded Rules/Data/rules.json (<see cref="Default"/>), or a
/// catalogue of one's own (<see cref="Parse"/>). Every rule names a check known to <see cref="RuleChecks"/>;
/// codes are unique.
/// </summary>
public sealed partial class RuleCatalog
{
    private const string ResourceName = "Tradeproof.Trade.Rules.rules.json";
    private static readonly Lazy<RuleCatalog> Embedded = new(LoadEmbedded);

    private RuleCatalog(IReadOnlyList<RuleDefinition> rules, AdmissibilityPolicy policy)
    {
        Rules = rules;
        Policy = policy;
    }

    /// <summary>The embedded catalogue.</summary>
    public static RuleCatalog Default => Embedded.Value;

    /// <summary>The rules, in evaluation order.</summary>
    public IReadOnlyList<RuleDefinition> Rules { get; }

    /// <summary>The default policy the catalogue carries.</summary>
    public AdmissibilityPolicy Policy { get; }

    /// <summary>The rule with a code, if any.</summary>
    public RuleDefinition? Find(string code) => Rules.FirstOrDefault(r => r.Code == code);

    /// <summary>Reads a catalogue: <c>{"policy": {...}, "rules": [{code, check, severity, message, passMessage?, description?, parameters?}]}</c>.</summary>
    public static RuleCatalog Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new RuleDataException($"rule catalogue is not JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
            {
                throw new RuleDataException("a rule catalogue is an object with a 'rules' array");
            }

            var policy = root.TryGetProperty("policy", out var p) ? AdmissibilityPolicy.Read(p, new AdmissibilityPolicy(), "") : new AdmissibilityPolicy();
            var list = new List<RuleDefinition>();
            var index = 0;
            foreach (var rule in rules.EnumerateArray())
            {
                var definition = ReadRule(rule, $"/rules/{index++}");
                if (list.Exists(r => r.Code == definition.Code))
                {
                    throw new RuleDataException($"rule code {definition.Code} appears twice");
                }

                list.Add(definition);
            }

            return new RuleCatalog(list, policy);
        }
    }

    private static RuleDefinition ReadRule(JsonElement rule, string at)
    {
        if (rule.ValueKind != JsonValueKind.Object)
        {
            throw new RuleDataException($"{at} must be an object");
        }

        var code = Text(rule, "code", at, required: true)!;
        if (!CodePattern().IsMatch(code))
        {
            throw new RuleDataException($"{at}/code '{code}' must be upper-case words joined by dashes");
        }

        var check = Text(rule, "check", at, required: true)!;
        if (!RuleChecks.Names.Contains(check))
        {
            throw new RuleDataException($"{at}/check '{check}' is not a known check ({string.Join(", ", RuleChecks.Names)})");
        }

        var severity = Text(rule, "severity", at, required: true) switch
        {
            "warn" => FindingSeverity.Warn,
            "fail" => FindingSeverity.Fail,
            var other => throw new RuleDataException($"{at}/severity '{other}' must be warn or fail"),
        };
        var parameters = rule.TryGetProperty("parameters", out var p) ? p.Clone() : default;
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object))
        {
            throw new RuleDataException($"{at}/parameters must be an object");
        }

        return new RuleDefinition
        {
            Code = code,
            Check = check,
            Severity = severity,
            Message = Text(rule, "message", at, required: true)!,
            PassMessage = Text(rule, "passMessage", at, required: false),
            Description = Text(rule, "description", at, required: false),
            Parameters = parameters,
        };
    }

    private static string? Text(JsonElement rule, string name, string at, bool required)
    {
        if (rule.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
        {
            return text;
        }

        return required || rule.TryGetProperty(name, out _) ? throw new RuleDataException($"{at}/{name} must be a non-empty string") : null;
    }

    private static RuleCatalog LoadEmbedded()
    {
        using var stream = typeof(RuleCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded rule catalogue {ResourceName} is missing from {typeof(RuleCatalog).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)+$")]
    private static partial Regex CodePattern();
}
