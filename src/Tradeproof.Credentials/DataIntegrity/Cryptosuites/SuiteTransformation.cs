namespace Tradeproof.Credentials.DataIntegrity.Cryptosuites;

/// <summary>How a suite transforms the document and the proof configuration before hashing.</summary>
internal enum SuiteTransformation
{
    /// <summary>JSON-LD toRdf (safe mode) then RDFC-1.0, the hash of RDFC matching the suite's hash.</summary>
    Rdfc,

    /// <summary>JSON Canonicalization Scheme (RFC 8785).</summary>
    Jcs,
}
