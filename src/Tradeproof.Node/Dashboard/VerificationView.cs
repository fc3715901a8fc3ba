using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// Shared pieces of the twin and inbox pages: times, outcomes in words (and colour), and a stored verification
/// result (<c>VerificationResultJson</c>: outcome, verified, checks with name, outcome and reason, per-credential
/// results) as a table of checks.
/// </summary>
internal static class VerificationView
{
    /// <summary>A time as <c>2026-11-22 10:15:04 UTC</c>.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The CSS class for an outcome word (colour only; the word itself is always written).</summary>
    public static string OutcomeClass(string? outcome) => outcome switch
    {
        "valid" or "passed" or "success" or "admissible" or "may-proceed" or "delivered" or "released" or "verified" or "in range" => "ok",
        "invalid" or "failed" or "failure" or "not-admissible" or "refused" or "rejected" or "out of range" => "bad",
        "not-applicable" or "skipped" or "informed" => "muted",
        _ => "warn",
    };

    /// <summary>Writes an outcome word with its colour class.</summary>
    public static void Outcome(HtmlWriter w, string? outcome) =>
        w.Element("span", outcome ?? "unknown", ("class", OutcomeClass(outcome)));

    /// <summary>A parsed verification result: its outcome and checks (null when there is none or it does not parse).</summary>
    public static Result? Parse(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes a result: its outcome, then a table of its checks; <paramref name="collapsed"/> puts the table in a
    /// <c>details</c> element that is open only when the result is not valid.
    /// </summary>
    public static void Write(HtmlWriter w, Result? result, string caption, bool collapsed = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (result is null)
        {
            w.Element("p", "No verification result is stored.", ("class", "warn"));
            return;
        }

        w.Open("p").Text("Outcome: ");
        Outcome(w, result.Outcome);
        if (result.Party is not null)
        {
            w.Text(" · party ").Element("span", result.Party, ("class", "mono"));
        }

        w.Close("p");
        if (result.Checks.Count == 0)
        {
            return;
        }

        if (collapsed)
        {
            var passed = result.Checks.Count(c => c.Outcome is "passed");
            w.Open("details", ("open", result.Outcome == "valid" ? null : string.Empty))
                .Element("summary", $"{result.Checks.Count} checks, {passed} passed" + (result.Checks.Any(c => c.Outcome is "failed") ? ", some failed" : ", none failed"));
        }

        w.Open("table").Element("caption", caption)
            .Open("thead").Open("tr").Element("th", "Check", ("scope", "col")).Element("th", "Outcome", ("scope", "col")).Element("th", "Reason", ("scope", "col")).Close("tr").Close("thead")
            .Open("tbody");
        foreach (var check in result.Checks)
        {
            w.Open("tr").Element("td", check.Name, ("class", "mono")).Open("td");
            Outcome(w, check.Outcome);
            w.Close("td").Element("td", check.Reason).Close("tr");
        }

        w.Close("tbody").Close("table");
        if (collapsed)
        {
            w.Close("details");
        }
    }

    private static Result? Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var checks = new List<Check>();
        if (root.TryGetProperty("checks", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in list.EnumerateArray())
            {
                if (c.ValueKind == JsonValueKind.Object)
                {
                    checks.Add(new Check(String(c, "name") ?? "?", String(c, "outcome"), String(c, "reason") ?? ProblemTitles(c)));
                }
            }
        }

        var credentials = new List<Result>();
        if (root.TryGetProperty("credentials", out var nested) && nested.ValueKind == JsonValueKind.Array)
        {
            foreach (var c in nested.EnumerateArray())
            {
                if (Read(c) is { } r)
                {
                    credentials.Add(r);
                }
            }
        }

        return new Result(String(root, "outcome"), root.TryGetProperty("verified", out var v) && v.ValueKind == JsonValueKind.True, String(root, "party"), checks, credentials);
    }

    private static string? ProblemTitles(JsonElement check)
    {
        if (!check.TryGetProperty("problems", out var problems) || problems.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var titles = problems.EnumerateArray().Select(p => String(p, "detail") ?? String(p, "title")).Where(t => t is not null).ToList();
        return titles.Count == 0 ? null : string.Join("; ", titles);
    }

    /// <summary>A string member of a JSON object, or null.</summary>
    public static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Writes a <c>dt</c>/<c>dd</c> pair of a fact list (nothing when the value is empty).</summary>
    public static void Fact(HtmlWriter w, string name, string? value, bool mono = false)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (!string.IsNullOrEmpty(value))
        {
            w.Element("dt", name).Element("dd", value, ("class", mono ? "mono" : null));
        }
    }

    /// <summary>One named check.</summary>
    internal sealed record Check(string Name, string? Outcome, string? Reason);

    /// <summary>A verification result as the pages show it.</summary>
    internal sealed record Result(string? Outcome, bool Verified, string? Party, IReadOnlyList<Check> Checks, IReadOnlyList<Result> Credentials);
}
