namespace Tradeproof.Trade.Rules;

/// <summary>
/// A small rule implementation: evaluates one rule definition against the context and reports hits. A hit
/// that <see cref="RuleHit.Fired"/> becomes a finding with the rule's severity; one that did not becomes a
/// pass finding (when the rule has a pass message). Arguments fill the message placeholders.
/// </summary>
public interface IRuleCheck
{
    /// <summary>The name rules refer to in their <c>check</c> member.</summary>
    string Name { get; }

    /// <summary>The hits of the rule; none when the rule does not apply to what was presented.</summary>
    IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule);
}

/// <summary>One evaluation of a rule against one credential or good.</summary>
/// <param name="Fired">True when the rule's condition holds (the problem is there).</param>
/// <param name="Arguments">Values for the message placeholders.</param>
/// <param name="CredentialId">The credential concerned.</param>
/// <param name="Pointer">A JSON pointer into that credential.</param>
public sealed record RuleHit(bool Fired, IReadOnlyDictionary<string, string> Arguments, string? CredentialId = null, string? Pointer = null)
{
    /// <summary>A hit with arguments given as pairs.</summary>
    public static RuleHit Of(bool fired, string? credentialId, string? pointer, params (string Name, string? Value)[] arguments) =>
        new(fired, arguments.ToDictionary(a => a.Name, a => a.Value ?? "(none)", StringComparer.Ordinal), credentialId, pointer);
}
