using System.Text.Json;

namespace Tradeproof.Credentials.Jose;

/// <summary>The outcome of verifying a JOSE-secured credential or presentation: never an exception.</summary>
public sealed record JoseVerificationResult
{
    /// <summary>True when there is no problem.</summary>
    public bool Verified => Problems.Count == 0;

    /// <summary>Every problem found (VC DM 2.0 / Data Integrity problem types).</summary>
    public required IReadOnlyList<Problem> Problems { get; init; }

    /// <summary>The protected header, when it could be read.</summary>
    public JwsHeader? Header { get; init; }

    /// <summary>The payload (for SD-JWT: the processed payload with disclosures applied), when it could be read.</summary>
    public JsonElement? Payload { get; init; }

    /// <summary>The verification method that signed, when resolved.</summary>
    public string? VerificationMethod { get; init; }

    /// <summary>The controller of that method (the issuer or holder).</summary>
    public string? Controller { get; init; }

    /// <summary>For presentations: the results of enveloped credentials inside.</summary>
    public IReadOnlyList<JoseVerificationResult> Credentials { get; init; } = [];

    internal static JoseVerificationResult Fail(Problem problem, JwsHeader? header = null) => new() { Problems = [problem], Header = header };
}
