namespace Tradeproof.Credentials.Verification;

/// <summary>One hashed resource of a receipt: what it is (a DID, a status list URL) and the SHA-256 of its bytes (lower-case hex).</summary>
/// <param name="Id">The DID or URL.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the bytes used.</param>
public sealed record ReceiptEntry(string Id, string Sha256);

/// <summary>
/// The verification receipt (security.md step 13): what exactly was verified, when, with what verdict, and the
/// hashes of the inputs the verdict rests on, so that it can be recorded and later reproduced.
/// </summary>
public sealed record VerificationReceipt
{
    /// <summary>When the verification ran (the verifier's clock).</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>Lower-case hex SHA-256 of the credential or presentation bytes exactly as given.</summary>
    public required string CredentialSha256 { get; init; }

    /// <summary>The verdict.</summary>
    public required VerificationOutcome Outcome { get; init; }

    /// <summary>The DID documents whose methods were used: the DID and the SHA-256 of the document as resolved (its
    /// JSON serialisation by Tradeproof.Dids).</summary>
    public IReadOnlyList<ReceiptEntry> DidDocuments { get; init; } = [];

    /// <summary>The status list credentials used: the URL and the SHA-256 of the bytes fetched.</summary>
    public IReadOnlyList<ReceiptEntry> StatusLists { get; init; } = [];
}
