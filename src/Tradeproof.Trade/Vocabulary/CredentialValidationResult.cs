namespace Tradeproof.Trade.Vocabulary;

/// <summary>What a schema check of a credential found.</summary>
public enum CredentialValidationStatus
{
    /// <summary>The credential satisfies the schema of every catalogued type it declares.</summary>
    Valid,

    /// <summary>Checked, and invalid: <see cref="CredentialValidationResult.Violations"/> lists each violation.</summary>
    Invalid,

    /// <summary>The credential declares no catalogued type (its <c>type</c> is missing or names none): nothing to check against.</summary>
    UnknownType,

    /// <summary>The input is not a JSON object within the limits (malformed, too large, too deep).</summary>
    Unreadable,

    /// <summary>The check could not finish (a schema limit was reached): neither valid nor invalid.</summary>
    CouldNotCheck,
}

/// <summary>One schema violation.</summary>
/// <param name="Pointer">JSON Pointer (RFC 6901) to the offending value in the credential; empty for the whole credential.</param>
/// <param name="Message">What is wrong, in words.</param>
/// <param name="KeywordLocation">JSON Pointer to the failing keyword along the schema's evaluation path.</param>
public sealed record SchemaViolation(string Pointer, string Message, string KeywordLocation);

/// <summary>The result of <see cref="CredentialTypeCatalog.Validate(System.Text.Json.JsonElement)"/>: a value, never an exception.</summary>
public sealed class CredentialValidationResult
{
    internal CredentialValidationResult(CredentialValidationStatus status, IReadOnlyList<string> typeNames, IReadOnlyList<SchemaViolation> violations, string? problem)
    {
        Status = status;
        TypeNames = typeNames;
        Violations = violations;
        Problem = problem;
    }

    /// <summary>The outcome.</summary>
    public CredentialValidationStatus Status { get; }

    /// <summary>True when <see cref="Status"/> is <see cref="CredentialValidationStatus.Valid"/>.</summary>
    public bool IsValid => Status == CredentialValidationStatus.Valid;

    /// <summary>The catalogued types the credential was checked against.</summary>
    public IReadOnlyList<string> TypeNames { get; }

    /// <summary>Each violation, in the order found; empty unless <see cref="Status"/> is Invalid.</summary>
    public IReadOnlyList<SchemaViolation> Violations { get; }

    /// <summary>For UnknownType, Unreadable and CouldNotCheck: why; otherwise null.</summary>
    public string? Problem { get; }

    internal static CredentialValidationResult Failure(CredentialValidationStatus status, string problem, IReadOnlyList<string>? typeNames = null) =>
        new(status, typeNames ?? [], [], problem);
}
