namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>twin-issue</c>: the twins of the presented goods report none of the issue codes in parameter
/// <c>issues</c> (broken custody or ownership chains, oversold quantities, conflicting claims). One finding
/// per distinct issue, naming the twins that report it and the credential behind the event.
/// </summary>
internal sealed class TwinIssueCheck : IRuleCheck
{
    public string Name => "twin-issue";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var codes = rule.ListParameter("issues");
        var twins = context.Twins.Twins.Values.ToList();
        if (twins.Count == 0)
        {
            yield break;
        }

        var reported = twins
            .SelectMany(t => t.Issues.Where(i => codes.Contains(i.Code)).Select(i => (Twin: t, Issue: i)))
            .GroupBy(x => x.Issue.Message, StringComparer.Ordinal)
            .ToList();
        if (reported.Count == 0)
        {
            yield return RuleHit.Of(false, null, null, ("count", twins.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            yield break;
        }

        foreach (var group in reported)
        {
            var (twin, issue) = group.First();
            var eventId = issue.EventIds.Count > 0 ? issue.EventIds[^1] : null;
            var source = eventId is null ? null : twin.Timeline.FirstOrDefault(e => e.Id == eventId)?.Source;
            yield return RuleHit.Of(true, source?.CredentialId, null,
                ("issue", issue.Code), ("message", issue.Message), ("goods", string.Join(", ", group.Select(x => x.Twin.Id).Distinct(StringComparer.Ordinal))),
                ("credential", source?.CredentialId));
        }
    }
}
