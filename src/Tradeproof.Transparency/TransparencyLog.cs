namespace Tradeproof.Transparency;

/// <summary>
/// The transparency log (RFC 9162 style): Merkle tree hashing, inclusion and consistency proofs, signed checkpoints
/// and witness cosignatures. Holds hashes only, never trade data.
/// </summary>
public static class TransparencyLog
{
    /// <summary>The media type of a checkpoint.</summary>
    public const string CheckpointMediaType = "text/plain; charset=utf-8";
}
