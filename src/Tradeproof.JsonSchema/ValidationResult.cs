using System.Text.Json;

namespace Tradeproof.JsonSchema;

/// <summary>
/// The outcome of validating an instance: the "basic" output format of JSON Schema 2020-12 (Core 12.4.2), a flat
/// list of the failed keywords.
/// </summary>
public sealed class ValidationResult
{
    internal static readonly ValidationResult Valid = new([]);

    internal ValidationResult(IReadOnlyList<ValidationError> errors) => Errors = errors;

    /// <summary>True when the instance is valid against the schema.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>Every failed keyword; empty when valid.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>
    /// Writes the result in the "basic" output format (Core 12.4.2): <c>{"valid": ..., "errors": [{"keywordLocation",
    /// "absoluteKeywordLocation", "instanceLocation", "error"}]}</c>.
    /// </summary>
    public void WriteBasicOutput(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteBoolean("valid", IsValid);
        if (!IsValid)
        {
            writer.WriteStartArray("errors");
            foreach (var error in Errors)
            {
                writer.WriteStartObject();
                writer.WriteString("keywordLocation", error.KeywordLocation);
                writer.WriteString("absoluteKeywordLocation", error.AbsoluteKeywordLocation);
                writer.WriteString("instanceLocation", error.InstanceLocation);
                writer.WriteString("error", error.Message);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    /// <summary>The "basic" output format as JSON text (see <see cref="WriteBasicOutput"/>).</summary>
    public string ToBasicOutputJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteBasicOutput(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>One failed keyword, located in the instance and in the schema.</summary>
/// <param name="InstanceLocation">A JSON Pointer to the failing value in the instance (empty for the root).</param>
/// <param name="KeywordLocation">A JSON Pointer along the evaluation path, through every <c>$ref</c> followed.</param>
/// <param name="AbsoluteKeywordLocation">The absolute URI of the keyword: its resource's URI and a JSON Pointer fragment.</param>
/// <param name="Message">What failed, in words.</param>
public sealed record ValidationError(string InstanceLocation, string KeywordLocation, string AbsoluteKeywordLocation, string Message);
