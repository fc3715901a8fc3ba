namespace Tradeproof.Transparency;

/// <summary>What a witness accepted: the partner's checkpoint and our cosignature of it.</summary>
/// <param name="Checkpoint">The partner's checkpoint (now the latest we keep of it).</param>
/// <param name="Note">The partner's signed note as received.</param>
/// <param name="Cosignature">Our cosignature line.</param>
public sealed record WitnessedCheckpoint(Checkpoint Checkpoint, SignedNote Note, NoteSignature Cosignature)
{
    /// <summary>The partner's note with our cosignature added.</summary>
    public string CosignedNote => Note.WithSignature(Cosignature).ToString();
}

/// <summary>
/// A witness (C2SP tlog-cosignature): co-signs a partner log's checkpoint only after verifying the partner's
/// signature and the consistency of the new checkpoint with the last one it kept of that log. A smaller tree, a
/// different root at the same size or a failing consistency proof is a fork and is refused.
/// </summary>
public sealed class CheckpointWitness(NoteSigner cosigner, TimeProvider time)
{
    /// <summary>Our cosigner key (type 0x04).</summary>
    public NoteVerifier Verifier => cosigner.Verifier;

    /// <summary>Checks and co-signs a partner's checkpoint.</summary>
    /// <param name="partner">The partner log's verifier (its name is the log's origin).</param>
    /// <param name="previous">The last checkpoint kept of the partner, or null for the first.</param>
    /// <param name="signedCheckpoint">The partner's signed checkpoint.</param>
    /// <param name="consistencyProof">RFC 9162 consistency proof from <paramref name="previous"/> to the new one (empty for the first).</param>
    /// <exception cref="TransparencyException">Malformed, badly signed (<see cref="TransparencyError.InvalidSignature"/>) or a fork (<see cref="TransparencyError.Inconsistent"/>).</exception>
    public WitnessedCheckpoint Cosign(NoteVerifier partner, Checkpoint? previous, string signedCheckpoint, IReadOnlyList<byte[]> consistencyProof)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentNullException.ThrowIfNull(consistencyProof);
        ArgumentNullException.ThrowIfNull(cosigner);
        ArgumentNullException.ThrowIfNull(time);
        if (cosigner.Verifier.Type != NoteSignatureType.Cosignature)
        {
            throw new InvalidOperationException("A witness signs with a cosignature (type 0x04) key.");
        }

        var (note, checkpoint) = Checkpoint.ParseAndVerify(signedCheckpoint, partner);
        if (previous is not null)
        {
            if (previous.Origin != checkpoint.Origin)
            {
                throw new TransparencyException(TransparencyError.UnknownLog, "The previous checkpoint is of another log.");
            }

            if (checkpoint.Size < previous.Size)
            {
                throw new TransparencyException(TransparencyError.Inconsistent, $"The checkpoint of {checkpoint.Size} leaves is older than the one of {previous.Size} leaves already witnessed.");
            }

            if (!MerkleVerification.VerifyConsistency(previous.Size, checkpoint.Size, consistencyProof, previous.RootHash, checkpoint.RootHash))
            {
                throw new TransparencyException(TransparencyError.Inconsistent,
                    $"The checkpoint of {checkpoint.Size} leaves is not consistent with the one of {previous.Size} leaves already witnessed: a fork of the log.");
            }
        }

        return new WitnessedCheckpoint(checkpoint, note, cosigner.Sign(note.Text, time.GetUtcNow()));
    }
}
