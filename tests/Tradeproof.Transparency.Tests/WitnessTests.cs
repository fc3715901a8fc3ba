namespace Tradeproof.Transparency.Tests;

/// <summary>Behaviour: a witness co-signs consistent checkpoints and refuses forks.</summary>
public class WitnessTests
{
    private sealed class FakeTimeProvider(DateTimeOffset now = default) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class Log : IDisposable
    {
        private readonly Tradeproof.Cryptography.KeyPair _key = NoteTests.Key(7);

        public Log() => Signer = new NoteSigner("partner.example/log", NoteSignatureType.Ed25519, _key);

        public NoteSigner Signer { get; }

        public MemoryMerkleTree Tree { get; } = new();

        public (Checkpoint Checkpoint, string Note) Checkpoint(long size)
        {
            var checkpoint = new Checkpoint("partner.example/log", size, Tree.Root(size));
            return (checkpoint, checkpoint.Sign(Signer).ToString());
        }

        public void Dispose() => _key.Dispose();
    }

    private static (CheckpointWitness Witness, Tradeproof.Cryptography.KeyPair Key) NewWitness(TimeProvider time)
    {
        var key = NoteTests.Key(8);
        return (new CheckpointWitness(new NoteSigner("us.example/witness", NoteSignatureType.Cosignature, key), time), key);
    }

    [Fact]
    public void Consistent_checkpoints_are_cosigned_and_the_cosignature_verifies()
    {
        using var log = new Log();
        for (var i = 0; i < 10; i++)
        {
            log.Tree.AppendData([(byte)i]);
        }

        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var (witness, key) = NewWitness(time);
        using (key)
        {
            var (first, firstNote) = log.Checkpoint(4);
            var accepted = witness.Cosign(log.Signer.Verifier, null, firstNote, []);
            Assert.Equal(first, accepted.Checkpoint);

            var (_, secondNote) = log.Checkpoint(10);
            var second = witness.Cosign(log.Signer.Verifier, first, secondNote, log.Tree.ConsistencyProof(4, 10));
            var cosigned = SignedNote.Parse(second.CosignedNote);
            Assert.Equal(2, cosigned.Signatures.Count);
            Assert.Equal(2, cosigned.Verify(log.Signer.Verifier, witness.Verifier).Count);
            Assert.Equal(time.GetUtcNow(), Cosigning.Timestamp(second.Cosignature));
        }
    }

    [Fact]
    public void A_fork_an_older_tree_and_a_bad_signature_are_refused()
    {
        using var log = new Log();
        for (var i = 0; i < 10; i++)
        {
            log.Tree.AppendData([(byte)i]);
        }

        var (witness, key) = NewWitness(new FakeTimeProvider());
        using (key)
        {
            var (seen, _) = log.Checkpoint(6);

            // A fork: the same log key signs a tree whose sixth leaf differs.
            var fork = new MemoryMerkleTree();
            for (var i = 0; i < 10; i++)
            {
                fork.AppendData([(byte)(i == 5 ? 99 : i)]);
            }

            var forkNote = new Checkpoint("partner.example/log", 10, fork.Root(10)).Sign(log.Signer).ToString();
            Assert.Equal(TransparencyError.Inconsistent, Assert.Throws<TransparencyException>(() => witness.Cosign(log.Signer.Verifier, seen, forkNote, fork.ConsistencyProof(6, 10))).Error);

            var (_, older) = log.Checkpoint(3);
            Assert.Equal(TransparencyError.Inconsistent, Assert.Throws<TransparencyException>(() => witness.Cosign(log.Signer.Verifier, seen, older, [])).Error);

            var sameSizeFork = new Checkpoint("partner.example/log", 6, fork.Root(6)).Sign(log.Signer).ToString();
            Assert.Equal(TransparencyError.Inconsistent, Assert.Throws<TransparencyException>(() => witness.Cosign(log.Signer.Verifier, seen, sameSizeFork, [])).Error);

            var (_, good) = log.Checkpoint(10);
            var badSignature = good.Replace("\n10\n", "\n9\n", StringComparison.Ordinal);
            Assert.Equal(TransparencyError.InvalidSignature, Assert.Throws<TransparencyException>(() => witness.Cosign(log.Signer.Verifier, seen, badSignature, log.Tree.ConsistencyProof(6, 9))).Error);
        }
    }
}
