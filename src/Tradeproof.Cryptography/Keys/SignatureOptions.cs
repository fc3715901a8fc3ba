namespace Tradeproof.Cryptography;

/// <summary>Options of signing and verification that some suites need.</summary>
public sealed record SignatureOptions
{
    /// <summary>The defaults: no low-S rule.</summary>
    public static SignatureOptions Default { get; } = new();

    /// <summary>Low-S required (signatures are normalised to S &lt;= n/2; high S is refused).</summary>
    public static SignatureOptions LowS { get; } = new() { RequireLowS = true };

    /// <summary>
    /// ECDSA only: signing returns S &lt;= n/2 (n - S otherwise) and verification refuses
    /// S &gt; n/2 (the secp256k1 / ES256K malleability rule). Ignored for Ed25519.
    /// </summary>
    public bool RequireLowS { get; init; }
}
