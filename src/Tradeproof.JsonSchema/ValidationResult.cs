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
}

/// <summary>One failed keyword, located in the instance and in the schema.</summary>
/// <param name="InstanceLocation">A JSON Pointer to the failing value in the instance (empty for the root).</param>
/// <param name="KeywordLocation">A JSON Pointer along the evaluation path, through every <c>$ref</c> followed.</param>
/// <param name="AbsoluteKeywordLocation">The absolute URI of the keyword: its resource's URI and a JSON Pointer fragment.</param>
/// <param name="Message">What failed, in words.</param>
public sealed record ValidationError(string InstanceLocation, string KeywordLocation, string AbsoluteKeywordLocation, string Message);
