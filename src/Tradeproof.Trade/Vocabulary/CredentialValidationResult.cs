namespace Tradeproof.Trade.Vocabulary;

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
