namespace Tradeproof.Rdf.Canonicalization;

/// <summary>The hash algorithm of RDFC-1.0 (§4.2, "hash algorithm"): SHA-256 by default, SHA-384 selectable.</summary>
public enum RdfcHashAlgorithm
{
    /// <summary>SHA-256, the algorithm named by RDFC-1.0.</summary>
    Sha256 = 0,

    /// <summary>SHA-384, as used by test075c and ecdsa-rdfc-2019 with P-384.</summary>
    Sha384 = 1,
}
