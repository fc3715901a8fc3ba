using System.Globalization;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>de-minimis</c>: small-package claims (CBPSection321DeMinimisCredential, CBPEntryType86Credential) under
/// the policy. Parameter <c>case</c>: <c>suspended</c> (de minimis suspended altogether), <c>threshold</c>
/// (the declared value, in the policy currency, is at most the threshold; 19 U.S.C. 1321(a)(2)(C)),
/// <c>excludedOrigin</c> (the origin, from the credential or the shipment's twin, is not excluded; an unknown
/// origin cannot be shown eligible when some origins are excluded).
/// </summary>
internal sealed class DeMinimisCheck : IRuleCheck
{
    public string Name => "de-minimis";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var mode = rule.Parameter("case") ?? "threshold";
        var policy = context.Policy;
        foreach (var credential in context.Verified.Where(c => c.Types.Contains("CBPSection321DeMinimisCredential") || c.Types.Contains("CBPEntryType86Credential")))
        {
            var is321 = credential.Types.Contains("CBPSection321DeMinimisCredential");
            var subjects = credential.Subjects;
            for (var s = 0; s < subjects.Count; s++)
            {
                var subject = subjects[s];
                var at = JsonWalk.SubjectPointer(credential.Json, s);
                var shipment = is321 ? CredentialJson.String(subject, "shipmentTrackingNumber") : CredentialJson.String(subject, "entryNumber") ?? CredentialJson.String(subject, "bolNumber");
                switch (mode)
                {
                    case "suspended":
                        yield return RuleHit.Of(policy.DeMinimisSuspended, credential.Id, at, ("shipment", shipment), ("credential", credential.Id));
                        break;
                    case "threshold":
                        var (valuePath, currencyPath) = is321 ? ("listedPriceOnMarketplace/price", "listedPriceOnMarketplace/priceCurrency") : ("fairRetailValue/value", "fairRetailValue/currency");
                        var value = CredentialJson.Decimal(subject, valuePath.Split('/'));
                        var currency = CredentialJson.String(subject, currencyPath.Split('/')) ?? policy.DeMinimisCurrency;
                        var over = value is null || !string.Equals(currency, policy.DeMinimisCurrency, StringComparison.OrdinalIgnoreCase) || value > policy.DeMinimisThreshold;
                        yield return RuleHit.Of(over, credential.Id, $"{at}/{valuePath}", ("shipment", shipment), ("credential", credential.Id),
                            ("value", value is { } v ? $"{v.ToString(CultureInfo.InvariantCulture)} {currency}" : "no value"),
                            ("threshold", $"{policy.DeMinimisThreshold.ToString(CultureInfo.InvariantCulture)} {policy.DeMinimisCurrency}"));
                        break;
                    default:
                        var origin = CredentialJson.String(subject, "countryOfOrigin")?.ToUpperInvariant()
                            ?? (shipment is null ? null : context.Twins.Find(shipment)?.Origins.Select(o => o.Country).FirstOrDefault());
                        var excluded = origin is null ? policy.DeMinimisExcludedOrigins.Count > 0 : policy.DeMinimisExcludedOrigins.Contains(origin);
                        yield return RuleHit.Of(excluded, credential.Id, $"{at}/countryOfOrigin", ("shipment", shipment), ("credential", credential.Id),
                            ("country", origin ?? "unknown"), ("excluded", policy.DeMinimisExcludedOrigins.Count == 0 ? "none" : string.Join(", ", policy.DeMinimisExcludedOrigins.Order(StringComparer.Ordinal))));
                        break;
                }
            }
        }
    }
}
