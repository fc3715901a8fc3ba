using System.Text.Json;

namespace Tradeproof.Trade.Rules;

/// <summary>
/// One admissibility rule as data (Rules/Data/rules.json): a stable code, the check that evaluates it, the
/// severity when it fires, the message templates (<c>{name}</c> placeholders filled by the check) and the
/// check's parameters.
/// </summary>
public sealed record RuleDefinition
{
    /// <summary>The stable code (upper case, dash separated).</summary>
    public required string Code { get; init; }

    /// <summary>The check implementation's name (see <see cref="RuleChecks"/>).</summary>
    public required string Check { get; init; }

    /// <summary>Severity of a finding when the rule fires (warn or fail).</summary>
    public required FindingSeverity Severity { get; init; }

    /// <summary>The message when the rule fires.</summary>
    public required string Message { get; init; }

    /// <summary>The message when the rule was checked and holds; null for no pass finding.</summary>
    public string? PassMessage { get; init; }

    /// <summary>What the rule is for (documentation).</summary>
    public string? Description { get; init; }

    /// <summary>The check's parameters (a JSON object; empty when none).</summary>
    public JsonElement Parameters { get; init; }

    /// <summary>A string parameter, or null.</summary>
    public string? Parameter(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A list-of-strings parameter (empty when absent).</summary>
    public IReadOnlyList<string> ListParameter(string name) =>
        Parameters.ValueKind == JsonValueKind.Object && Parameters.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
