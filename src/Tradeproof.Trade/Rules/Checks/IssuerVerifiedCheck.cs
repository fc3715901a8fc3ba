namespace Tradeproof.Trade.Rules.Checks;

/// <summary><c>issuer-verified</c>: each presented credential verified (proof, and the proof's key belongs to the issuer).</summary>
internal sealed class IssuerVerifiedCheck : IRuleCheck
{
    public string Name => "issuer-verified";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule) =>
        context.Credentials.Select(c => RuleHit.Of(
            !c.Verified,
            c.Id,
            null,
            ("type", c.PrimaryType ?? "credential"),
            ("credential", c.Id ?? "(no id)"),
            ("issuer", c.Issuer ?? "(no issuer)"),
            ("reason", c.Problems.Count > 0 ? string.Join("; ", c.Problems) : "not verified")));
}
