using System.Text.RegularExpressions;

namespace Tradeproof.Trade.Workflows;

/// <summary>
/// Reads a message text of a workflow diagram: an optional step number (<c>1.</c> or <c>(1)</c>), then the verb
/// <c>issue</c> or <c>present</c> (any case) and a comma-separated list of credential names. A text with neither
/// verb is an <see cref="WorkflowStepKind.Other"/> step with no credentials.
/// </summary>
public static partial class WorkflowStepText
{
    /// <summary>The step kind and the credential names of a message text.</summary>
    public static (WorkflowStepKind Kind, IReadOnlyList<string> CredentialLabels) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var match = StepPattern().Match(text);
        if (!match.Success)
        {
            return (WorkflowStepKind.Other, []);
        }

        var kind = string.Equals(match.Groups["verb"].Value, "issue", StringComparison.OrdinalIgnoreCase) ? WorkflowStepKind.Issue : WorkflowStepKind.Present;
        var labels = match.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return labels.Length == 0 ? (WorkflowStepKind.Other, []) : (kind, labels);
    }

    /// <summary>
    /// The comparison key of a credential name: parenthesised parts removed (<c>Key Credential (GLN)</c>), the words
    /// "credential"/"credentials" removed, letters and digits only, lower case. <c>Bill Of Lading Credential</c> and
    /// <c>Bill of Lading</c> share the key <c>billoflading</c>; a type term such as <c>MillTestReportCredential</c>
    /// gives <c>milltestreport</c>.
    /// </summary>
    public static string NameKey(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var withoutParentheses = Parenthesised().Replace(name, " ");
        var spaced = CamelBoundary().Replace(withoutParentheses, " ");
        var words = NonAlphanumeric().Split(spaced.ToLowerInvariant())
            .Where(w => w.Length > 0 && w is not "credential" and not "credentials");
        return string.Concat(words);
    }

    [GeneratedRegex(@"^\s*(?:\(\d+\)|\d+\.)?\s*(?<verb>issue|present)\s+(?<names>.+)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex StepPattern();

    [GeneratedRegex(@"\([^)]*\)", RegexOptions.CultureInvariant)]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    [GeneratedRegex(@"[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();
}
