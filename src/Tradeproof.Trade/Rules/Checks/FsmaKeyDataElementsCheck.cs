using System.Globalization;
using System.Text.Json;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Trade.Rules.Checks;

/// <summary>
/// <c>fsma-kde</c>: the key data elements (21 CFR 1.1325-1.1350) of each FSMA critical tracking event are
/// present. Parameters map a credential type to the KDE paths it needs (<c>a/b/c</c>; <c>*</c> for every
/// element of an array); one finding per missing KDE, with its pointer; one pass per complete event.
/// </summary>
internal sealed class FsmaKeyDataElementsCheck : IRuleCheck
{
    public string Name => "fsma-kde";

    public IEnumerable<RuleHit> Evaluate(RuleContext context, RuleDefinition rule)
    {
        if (rule.Parameters.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        foreach (var requirement in rule.Parameters.EnumerateObject())
        {
            var paths = requirement.Value.ValueKind == JsonValueKind.Array
                ? requirement.Value.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!).ToList()
                : [];
            foreach (var credential in context.OfType(requirement.Name))
            {
                var subjects = credential.Subjects;
                var missing = new List<RuleHit>();
                for (var s = 0; s < subjects.Count; s++)
                {
                    foreach (var path in paths)
                    {
                        foreach (var pointer in Missing(subjects[s], path.Split('/'), 0, JsonWalk.SubjectPointer(credential.Json, s)))
                        {
                            missing.Add(RuleHit.Of(true, credential.Id, pointer, ("kde", path), ("type", requirement.Name), ("credential", credential.Id),
                                ("lot", Lot(subjects[s]))));
                        }
                    }
                }

                if (missing.Count == 0)
                {
                    yield return RuleHit.Of(false, credential.Id, null, ("type", requirement.Name), ("credential", credential.Id),
                        ("count", paths.Count.ToString(CultureInfo.InvariantCulture)), ("lot", subjects.Count > 0 ? Lot(subjects[0]) : null));
                }

                foreach (var hit in missing)
                {
                    yield return hit;
                }
            }
        }
    }

    private static IEnumerable<string> Missing(JsonElement element, string[] path, int step, string at)
    {
        if (step == path.Length)
        {
            if (element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || (element.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(element.GetString()))
                || (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0))
            {
                yield return at;
            }

            yield break;
        }

        if (path[step] == "*" && element.ValueKind == JsonValueKind.Object)
        {
            // One object where a list is allowed.
            foreach (var pointer in Missing(element, path, step + 1, at))
            {
                yield return pointer;
            }

            yield break;
        }

        if (path[step] == "*")
        {
            if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
            {
                yield return at;
                yield break;
            }

            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                foreach (var pointer in Missing(item, path, step + 1, $"{at}/{index.ToString(CultureInfo.InvariantCulture)}"))
                {
                    yield return pointer;
                }

                index++;
            }

            yield break;
        }

        // A single object where an array is allowed: read it as one element.
        var current = element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 1 ? element[0] : element;
        if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(path[step], out var next))
        {
            yield return $"{at}/{string.Join('/', path[step..].Where(p => p != "*").Select(JsonWalk.Escape))}";
            yield break;
        }

        foreach (var pointer in Missing(next, path, step + 1, $"{at}/{JsonWalk.Escape(path[step])}"))
        {
            yield return pointer;
        }
    }

    private static string? Lot(JsonElement subject) =>
        CredentialJson.String(subject, "shipment", "product", "traceabilityLot", "lotCode")
        ?? CredentialJson.String(subject, "traceabilityLot", "lotCode")
        ?? CredentialJson.Objects(subject, "foodProduced").Select(f => CredentialJson.String(f, "traceabilityLot", "lotCode")).FirstOrDefault(l => l is not null);
}
