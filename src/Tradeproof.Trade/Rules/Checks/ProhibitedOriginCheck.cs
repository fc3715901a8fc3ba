using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>prohibited-origin</c>: no country of origin, of melt and pour, of manufacture or of production named by
/// a presented credential (or by a twin's origin claims) is on the policy's prohibited list. Unverified
/// credentials count too: a claim of prohibited origin is refused whoever signed it.
/// </summary>
internal sealed class ProhibitedOriginCheck : IRuleCheck
{
    private static readonly HashSet<string> OriginMembers = new(StringComparer.Ordinal)
    {
        OriginKinds.CountryOfOrigin, OriginKinds.CountryOfMeltAndPour, OriginKinds.CountryOfManufacture, "originCountry",
    };

    public string Name => "prohibited-origin";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var prohibited = context.Policy.ProhibitedOrigins;
        var seen = 0;
        var hits = new List<RuleHit>();
        var reported = new HashSet<(string?, string)>();
        foreach (var credential in context.Credentials)
        {
            foreach (var (pointer, value) in JsonWalk.Members(credential.Json, OriginMembers.Contains))
            {
                if (JsonWalk.Text(value) is not { } country)
                {
                    continue;
                }

                seen++;
                var code = country.ToUpperInvariant();
                if (prohibited.Contains(code) && reported.Add((credential.Id, code)))
                {
                    hits.Add(RuleHit.Of(true, credential.Id, pointer, ("country", code), ("kind", pointer[(pointer.LastIndexOf('/') + 1)..]), ("type", credential.PrimaryType), ("credential", credential.Id)));
                }
            }
        }

        // Origins only a twin knows (the producing facility's country).
        foreach (var claim in context.Twins.Twins.Values.SelectMany(t => t.Origins).Where(c => c.Kind == OriginKinds.CountryOfProduction))
        {
            seen++;
            var credentialId = claim.EventId[..Math.Max(0, claim.EventId.LastIndexOf('#'))];
            if (prohibited.Contains(claim.Country) && reported.Add((credentialId, claim.Country)))
            {
                hits.Add(RuleHit.Of(true, credentialId, null, ("country", claim.Country), ("kind", claim.Kind), ("type", "credential"), ("credential", credentialId)));
            }
        }

        if (hits.Count == 0 && seen > 0)
        {
            hits.Add(RuleHit.Of(false, null, null, ("count", seen.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        return hits;
    }
}
