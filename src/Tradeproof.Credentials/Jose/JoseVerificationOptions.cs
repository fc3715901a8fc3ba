using Tradeproof.Credentials.DataIntegrity;

namespace Tradeproof.Credentials.Jose;

/// <summary>What a VC-JWT, VP-JWT or SD-JWT verification needs and expects.</summary>
public sealed record JoseVerificationOptions
{
    /// <summary>Resolves the header's <c>kid</c> (a DID URL) to a key: the only source of keys.</summary>
    public required IVerificationMethodResolver Resolver { get; init; }

    /// <summary>The clock for validity checks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Tolerance on every time comparison.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Accepted algorithms (the key type still decides).</summary>
    public IReadOnlyList<string> AllowedAlgorithms { get; init; } = JwsAlgorithms.All;

    /// <summary>Data-model rules for the payload (VC-JOSE-COSE secures VC Data Model 2.0 only).</summary>
    public DataModelOptions DataModel { get; init; } = new() { Versions = [DataModelVersion.V2_0] };

    /// <summary>For presentations and key binding: the <c>nonce</c> that must be present, or null.</summary>
    public string? ExpectedNonce { get; init; }

    /// <summary>For presentations and key binding: the <c>aud</c> that must be present, or null.</summary>
    public string? ExpectedAudience { get; init; }

    /// <summary>The longest token accepted, in characters.</summary>
    public int MaxLength { get; init; } = 1 << 20;
}
