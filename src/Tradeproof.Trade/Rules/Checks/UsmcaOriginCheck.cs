using System.Globalization;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>usmca-origin</c>: the goods of each USMCACertificationOfOrigin. Parameter <c>case</c>:
/// <c>party</c> — the claimed country of origin is a USMCA party (policy <c>usmcaCountries</c>);
/// <c>unbacked</c> — some other verified credential in the chain states a producer's origin for goods of
/// the same HS chapter (country of melt and pour, of manufacture, of production, a producer's country of
/// origin); <c>mismatch</c> — that evidence (the most specific kind present: melt and pour first) names the claimed country.
/// </summary>
internal sealed class UsmcaOriginCheck : IRuleCheck
{
    private static readonly HashSet<string> ProducerKinds = new(StringComparer.Ordinal)
    {
        OriginKinds.CountryOfMeltAndPour, OriginKinds.CountryOfManufacture, OriginKinds.CountryOfProduction, OriginKinds.CountryOfOrigin,
    };

    private static readonly string[] ProducerRanking =
    [
        OriginKinds.CountryOfMeltAndPour, OriginKinds.CountryOfProduction, OriginKinds.CountryOfManufacture, OriginKinds.CountryOfOrigin,
    ];

    public string Name => "usmca-origin";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        var mode = rule.Parameter("case") ?? "party";
        foreach (var certificate in context.OfType("USMCACertificationOfOrigin"))
        {
            var subjects = certificate.Subjects;
            for (var s = 0; s < subjects.Count; s++)
            {
                var goods = CredentialJson.Objects(subjects[s], "goods");
                for (var g = 0; g < goods.Count; g++)
                {
                    var good = goods[g];
                    var pointer = $"{JsonWalk.SubjectPointer(certificate.Json, s)}/goods/{g.ToString(CultureInfo.InvariantCulture)}";
                    var country = CredentialJson.String(good, "countryOfOrigin")?.ToUpperInvariant();
                    var description = CredentialJson.String(good, "description") ?? CredentialJson.String(good, "commodityCode") ?? "good";
                    if (mode == "party")
                    {
                        yield return RuleHit.Of(country is null || !context.Policy.UsmcaCountries.Contains(country), certificate.Id, pointer + "/countryOfOrigin",
                            ("good", description), ("country", country), ("credential", certificate.Id));
                        continue;
                    }

                    var evidence = Evidence(context, certificate, CredentialJson.String(good, "commodityCode"));
                    var shown = evidence.Count == 0 ? "none" : string.Join(", ", evidence.Select(e => $"{e.Kind} {e.Country} ({e.Claimant ?? "?"})").Distinct());
                    if (mode == "unbacked")
                    {
                        yield return RuleHit.Of(evidence.Count == 0, certificate.Id, pointer, ("good", description), ("country", country), ("evidence", shown), ("credential", certificate.Id));
                    }
                    else if (evidence.Count > 0)
                    {
                        yield return RuleHit.Of(!evidence.Any(e => e.Country == country), certificate.Id, pointer + "/countryOfOrigin",
                            ("good", description), ("country", country), ("evidence", shown), ("credential", certificate.Id));
                    }
                }
            }
        }
    }

    // Producer origin claims on twins whose goods share the HS chapter (or carry no HS code), from credentials other than the certificate.
    private static List<TwinOriginClaim> Evidence(RuleContext context, ReceivedCredential certificate, string? commodityCode)
    {
        var chapter = commodityCode is null ? null : JsonWalk.Digits(commodityCode) is { Length: >= 2 } d ? d[..2] : null;
        var certificateId = certificate.Id;
        var claims = new List<TwinOriginClaim>();
        foreach (var twin in context.Twins.Twins.Values)
        {
            var chapters = twin.HsCodes.Select(c => JsonWalk.Digits(c)).Where(c => c.Length >= 2).Select(c => c[..2]).ToList();
            if (chapter is not null && chapters.Count > 0 && !chapters.Contains(chapter))
            {
                continue;
            }

            foreach (var claim in twin.Origins)
            {
                var fromCertificate = certificateId is not null && claim.EventId.StartsWith(certificateId + "#", StringComparison.Ordinal);
                var fromDeclaration = twin.Declarations.Any(d => d.EventId == claim.EventId);
                if (!fromCertificate && !fromDeclaration && ProducerKinds.Contains(claim.Kind) && !claims.Exists(c => c.EventId == claim.EventId && c.Kind == claim.Kind))
                {
                    claims.Add(claim);
                }
            }
        }

        // The most specific kind of evidence speaks: melt and pour over production over manufacture over a stated origin.
        var best = ProducerRanking.FirstOrDefault(kind => claims.Exists(c => c.Kind == kind));
        return best is null ? claims : claims.FindAll(c => c.Kind == best);
    }
}
