namespace Tradeproof.Credentials.Issuance;

/// <summary>Options of one issuance (<see cref="CredentialIssuer"/>).</summary>
public sealed record IssuanceOptions
{
    /// <summary>The verification method URL of the signing key (e.g. <c>did:key:z6Mk...#z6Mk...</c>).</summary>
    public required string VerificationMethod { get; init; }

    /// <summary>The suite (default <c>eddsa-rdfc-2022</c>; any name of the engine's registry).</summary>
    public string Cryptosuite { get; init; } = "eddsa-rdfc-2022";

    /// <summary>When the credential has no <c>issuer</c>, set it to this (the DID of the key, typically).</summary>
    public string? Issuer { get; init; }

    /// <summary>Status purposes to allocate entries for (e.g. <c>revocation</c>); empty for none.</summary>
    public IReadOnlyList<string> StatusPurposes { get; init; } = [];

    /// <summary><c>validUntil</c> to set (VC 2.0; <c>expirationDate</c> for 1.1), if any.</summary>
    public DateTimeOffset? ValidUntil { get; init; }
}
