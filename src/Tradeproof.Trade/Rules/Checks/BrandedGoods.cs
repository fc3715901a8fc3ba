using System.Text.Json;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// The GS1 licence chain behind branded goods (CBP e-commerce 2024 demonstration): GS1 Global Office issues a
/// GS1PrefixLicenseCredential to a member organisation (its subject id), which issues a
/// GS1CompanyPrefixLicenseCredential to the brand owner (its subject id); the company prefix begins the GTIN;
/// the brand owner issues IntellectualPropertyRightsLicenseCredential to the seller.
/// </summary>
internal static class BrandedGoods
{
    /// <summary>The GTINs named by the verified credentials that are not themselves licences, with where.</summary>
    public static IEnumerable<(string Gtin, ReceivedCredential Credential, string Pointer)> Gtins(RuleContext context)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var credential in context.Verified.Where(c => !c.Types.Any(t => t.StartsWith("GS1", StringComparison.Ordinal) || t.StartsWith("IntellectualProperty", StringComparison.Ordinal))))
        {
            foreach (var (pointer, value) in JsonWalk.Members(credential.Json, n => n == "gtin"))
            {
                if (JsonWalk.Text(value) is { } gtin && Normalize(gtin) is { Length: > 0 } digits && seen.Add(digits))
                {
                    yield return (digits, credential, pointer);
                }
            }
        }
    }

    /// <summary>A GTIN as 14 digits (GTIN-8/12/13 zero-padded).</summary>
    public static string Normalize(string gtin)
    {
        var digits = JsonWalk.Digits(gtin);
        return digits.Length is > 0 and <= 14 ? digits.PadLeft(14, '0') : digits;
    }

    /// <summary>True when a GS1 company prefix begins the GTIN (read as GTIN-13, GTIN-12 or GTIN-14).</summary>
    public static bool PrefixOf(string prefix, string gtin14) =>
        prefix.Length > 0 && (gtin14[1..].StartsWith(prefix, StringComparison.Ordinal) || gtin14[2..].StartsWith(prefix, StringComparison.Ordinal) || gtin14.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The verified company prefix licence covering the GTIN, and the verified GS1 prefix licence above it (issued to the licence's issuer).</summary>
    public static (ReceivedCredential? Company, JsonElement CompanySubject, ReceivedCredential? Prefix) Chain(RuleContext context, string gtin14)
    {
        foreach (var company in context.OfType("GS1CompanyPrefixLicenseCredential"))
        {
            foreach (var subject in company.Subjects)
            {
                if (CredentialJson.String(subject, "licenseValue") is not { } companyPrefix || !PrefixOf(companyPrefix, gtin14))
                {
                    continue;
                }

                var prefix = context.OfType("GS1PrefixLicenseCredential").FirstOrDefault(p => p.Subjects.Any(ps =>
                    CredentialJson.String(ps, "licenseValue") is { } gs1Prefix
                    && companyPrefix.StartsWith(gs1Prefix, StringComparison.Ordinal)
                    && CredentialJson.String(ps, "id") == company.Issuer));
                return (company, subject, prefix);
            }
        }

        return (null, default, null);
    }
}
