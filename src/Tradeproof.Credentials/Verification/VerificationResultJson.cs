using System.Globalization;
using System.Text;
using System.Text.Json;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// The one JSON form of a <see cref="VerificationResult"/>, shared by <c>tradeproof verify --json</c>, the node's
/// VC-API verify responses and the verification results the store keeps: <c>outcome</c>, <c>verified</c>,
/// <c>format</c>, <c>party</c>, every check (<c>name</c>, <c>outcome</c>, <c>reason</c>, <c>problems</c>), the
/// result's <c>problems</c> (VC Data Model 2.0 §7.1: type, code, title, detail), per-credential results of a
/// presentation, and the <c>receipt</c>.
/// </summary>
public static class VerificationResultJson
{
    /// <summary>Writes the result's members into the object the writer is in.</summary>
    public static void WriteMembers(Utf8JsonWriter writer, VerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        writer.WriteString("outcome", OutcomeName(result.Outcome));
        writer.WriteBoolean("verified", result.Verified);
        writer.WriteString("format", result.Format.Name());
        if (result.Party is not null)
        {
            writer.WriteString("party", result.Party);
        }

        writer.WriteStartArray("checks");
        foreach (var check in result.Checks)
        {
            writer.WriteStartObject();
            writer.WriteString("name", check.Name);
            writer.WriteString("outcome", CheckOutcomeName(check.Outcome));
            if (check.Reason is not null)
            {
                writer.WriteString("reason", check.Reason);
            }

            WriteProblems(writer, check.Problems);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteProblems(writer, result.Problems);
        writer.WriteStartArray("credentials");
        foreach (var credential in result.Credentials)
        {
            writer.WriteStartObject();
            WriteMembers(writer, credential);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("receipt");
        writer.WriteString("verifiedAt", result.Receipt.VerifiedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("credentialSha256", result.Receipt.CredentialSha256);
        WriteEntries(writer, "didDocuments", result.Receipt.DidDocuments);
        WriteEntries(writer, "statusLists", result.Receipt.StatusLists);
        writer.WriteEndObject();
    }

    /// <summary>The result as one JSON object.</summary>
    public static string ToJson(VerificationResult result, JsonWriterOptions options = default)
    {
        if (options.Equals(default(JsonWriterOptions)))
        {
            // Compact, the intake's case (a result per credential of every submission): a buffer kept per thread.
            return JsonText.Write(result, static (writer, r) =>
            {
                writer.WriteStartObject();
                WriteMembers(writer, r);
                writer.WriteEndObject();
            });
        }

        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, options))
        {
            writer.WriteStartObject();
            WriteMembers(writer, result);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one problem as an object (type, code when set, title, detail when set).</summary>
    public static void WriteProblem(Utf8JsonWriter writer, Problem problem)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(problem);
        writer.WriteStartObject();
        writer.WriteString("type", problem.Type);
        if (problem.Code != 0)
        {
            writer.WriteNumber("code", problem.Code);
        }

        writer.WriteString("title", problem.Title);
        if (problem.Detail is not null)
        {
            writer.WriteString("detail", problem.Detail);
        }

        writer.WriteEndObject();
    }

    /// <summary>The outcome's JSON name: <c>valid</c>, <c>invalid</c> or <c>indeterminate</c>.</summary>
    public static string OutcomeName(VerificationOutcome outcome) => outcome switch
    {
        VerificationOutcome.Valid => "valid",
        VerificationOutcome.Invalid => "invalid",
        _ => "indeterminate",
    };

    /// <summary>A check outcome's JSON name: <c>passed</c>, <c>failed</c>, <c>indeterminate</c>, <c>skipped</c> or <c>not-applicable</c>.</summary>
    public static string CheckOutcomeName(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Passed => "passed",
        CheckOutcome.Failed => "failed",
        CheckOutcome.Indeterminate => "indeterminate",
        CheckOutcome.Skipped => "skipped",
        _ => "not-applicable",
    };

    private static void WriteProblems(Utf8JsonWriter writer, IReadOnlyList<Problem> problems)
    {
        writer.WriteStartArray("problems");
        foreach (var problem in problems)
        {
            WriteProblem(writer, problem);
        }

        writer.WriteEndArray();
    }

    private static void WriteEntries(Utf8JsonWriter writer, string name, IReadOnlyList<ReceiptEntry> entries)
    {
        writer.WriteStartArray(name);
        foreach (var entry in entries)
        {
            writer.WriteStartObject();
            writer.WriteString("id", entry.Id);
            writer.WriteString("sha256", entry.Sha256);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
