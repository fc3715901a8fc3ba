using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;

namespace Tradeproof.Trade.Presentations;

/// <summary>What <see cref="TraceablePresentationVerifier"/> expects of a presentation.</summary>
public sealed record TraceablePresentationVerificationOptions
{
    /// <summary>Resolves the holder's and the issuers' verification methods.</summary>
    public required IVerificationMethodResolver Resolver { get; init; }

    /// <summary>The challenge the receiving node issued; when set the proof (or the VP-JWT <c>nonce</c>) must carry it.</summary>
    public string? ExpectedChallenge { get; init; }

    /// <summary>The receiving node's domain; when set the proof's <c>domain</c> (or the VP-JWT <c>aud</c>) must name it.</summary>
    public string? ExpectedDomain { get; init; }

    /// <summary>The clock for credential validity periods and JWT times (Data Integrity proof times use the engine's clock).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Allowed clock skew.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Data model options for the presentation and its credentials (default: 2.0 and 1.1).</summary>
    public DataModelOptions? DataModel { get; init; }
}
