namespace Tradeproof.Credentials;

/// <summary>The version of the VC Data Model a document follows, named by its first <c>@context</c>.</summary>
public enum DataModelVersion
{
    /// <summary>VC Data Model 1.1 (<c>https://www.w3.org/2018/credentials/v1</c>).</summary>
    V1_1,

    /// <summary>VC Data Model 2.0 (<c>https://www.w3.org/ns/credentials/v2</c>).</summary>
    V2_0,
}

/// <summary>The base context URLs of the data model versions.</summary>
public static class CredentialContexts
{
    /// <summary>VC Data Model 2.0 §4.3: the first <c>@context</c> value.</summary>
    public const string V2 = "https://www.w3.org/ns/credentials/v2";

    /// <summary>VC Data Model 1.1 §4.1: the first <c>@context</c> value.</summary>
    public const string V1 = "https://www.w3.org/2018/credentials/v1";

    /// <summary>The base context of a version.</summary>
    public static string Of(DataModelVersion version) => version == DataModelVersion.V2_0 ? V2 : V1;
}

/// <summary>Options of data-model validation (<see cref="VerifiableCredential.TryParse"/>, <see cref="VerifiablePresentation.TryParse"/>).</summary>
public sealed record DataModelOptions
{
    /// <summary>The defaults: both versions, any context URL after the base one, inline contexts allowed.</summary>
    public static DataModelOptions Default { get; } = new();

    /// <summary>The versions accepted (default both).</summary>
    public IReadOnlyCollection<DataModelVersion> Versions { get; init; } = [DataModelVersion.V2_0, DataModelVersion.V1_1];

    /// <summary>
    /// When set, every <c>@context</c> entry after the base one must be one of these URLs (security.md step 3:
    /// an allowlisted sequence). Null accepts any URL.
    /// </summary>
    public IReadOnlySet<string>? AllowedContexts { get; init; }

    /// <summary>Accept inline (object) contexts after the base one (default true: trade credentials such as the mill
    /// test report define their vocabulary inline; the base context's protected terms cannot be redefined, and a
    /// verifier wanting only pinned URLs sets this false).</summary>
    public bool AllowInlineContexts { get; init; } = true;

    /// <summary>Limits of the strict JSON parse.</summary>
    public Tradeproof.Json.StrictJsonOptions Json { get; init; } = Tradeproof.Json.StrictJsonOptions.Default;
}
