using System.Globalization;
using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.Verification;

namespace Tradeproof.Node;

/// <summary>The verifier's result as JSON (the VC-API verify response: <c>verified</c>, <c>checks</c>, <c>problems</c>, ...).</summary>
public static class VerificationJson
{
    /// <summary>Writes the result's members into the current object.</summary>
    public static void WriteMembers(Utf8JsonWriter w, VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteBoolean("verified", result.Verified);
        w.WriteString("outcome", result.Outcome switch
        {
            VerificationOutcome.Valid => "valid",
            VerificationOutcome.Invalid => "invalid",
            _ => "indeterminate",
        });
        w.WriteString("format", result.Format.ToString());
        if (result.Party is not null)
        {
            w.WriteString("party", result.Party);
        }

        w.WriteStartArray("checks");
        foreach (var check in result.Checks)
        {
            w.WriteStartObject();
            w.WriteString("name", check.Name);
            w.WriteString("outcome", check.Outcome.ToString().ToLowerInvariant());
            if (check.Reason is not null)
            {
                w.WriteString("reason", check.Reason);
            }

            if (check.Problems.Count > 0)
            {
                w.WriteStartArray("problems");
                foreach (var problem in check.Problems)
                {
                    WriteProblem(w, problem);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (result.Credentials.Count > 0)
        {
            w.WriteStartArray("credentials");
            foreach (var credential in result.Credentials)
            {
                w.WriteStartObject();
                WriteMembers(w, credential);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteStartObject("receipt");
        w.WriteString("verifiedAt", result.Receipt.VerifiedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("credentialSha256", result.Receipt.CredentialSha256);
        w.WriteEndObject();
    }

    /// <summary>The result as a JSON object (stored with received credentials).</summary>
    public static string ToJson(VerificationResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            WriteMembers(w, result);
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one credential problem (VC DM 2.0 §7.1: type, code, title, detail).</summary>
    public static void WriteProblem(Utf8JsonWriter w, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(problem);
        w.WriteStartObject();
        w.WriteString("type", problem.Type);
        if (problem.Code != 0)
        {
            w.WriteNumber("code", problem.Code);
        }

        w.WriteString("title", problem.Title);
        if (problem.Detail is not null)
        {
            w.WriteString("detail", problem.Detail);
        }

        w.WriteEndObject();
    }
}
