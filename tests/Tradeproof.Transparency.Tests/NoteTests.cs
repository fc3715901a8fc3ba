using Tradeproof.Cryptography;

namespace Tradeproof.Transparency.Tests;

/// <summary>Vectors: the signed-note example of golang.org/x/mod/sumdb/note (C2SP signed-note's origin); behaviour: checkpoints and cosignatures.</summary>
public class NoteTests
{
    private const string PeterVkey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string PeterSecret = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string PeterText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string PeterNote = PeterText + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    internal static KeyPair Key(byte seed) => KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Repeat(seed, 32).ToArray());

    [Fact]
    public void The_sumdb_note_vector_verifies_and_signs_byte_for_byte()
    {
        var verifier = NoteVerifier.ParseVkey(PeterVkey);
        Assert.Equal(0xc74f20a3u, verifier.KeyId);
        Assert.Equal(PeterVkey, verifier.ToVkey());

        var note = SignedNote.Parse(PeterNote);
        Assert.Equal(PeterText, note.Text);
        Assert.Single(note.Verify(verifier));
        Assert.Equal(PeterNote, note.ToString());

        using var key = KeyPair.FromSecretBytes(KeyType.Ed25519, Convert.FromBase64String(PeterSecret).AsSpan(1));
        var signer = new NoteSigner("PeterNeumann", NoteSignatureType.Ed25519, key);
        Assert.Equal(PeterNote, new SignedNote(PeterText, [signer.Sign(PeterText)]).ToString());
    }

    [Fact]
    public void A_cosignature_verifier_key_has_type_4()
    {
        var verifier = NoteVerifier.ParseVkey("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        Assert.Equal(NoteSignatureType.Cosignature, verifier.Type);
        Assert.Equal(0xda77ade7u, verifier.KeyId);
    }

    [Fact]
    public void A_verifier_key_whose_base64_holds_a_plus_parses()
    {
        // transparency-dev/formats note tests: a type 0x01 key whose base64 contains '+'.
        var verifier = NoteVerifier.ParseVkey("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
        Assert.Equal("TEST", verifier.Name);
        Assert.Equal(0x7997405cu, verifier.KeyId);
        Assert.Equal("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6", verifier.ToVkey());
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+AhRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T")]
    public void Bad_verifier_keys_are_typed_errors(string vkey) =>
        Assert.IsType<TransparencyException>(Record.Exception(() => NoteVerifier.ParseVkey(vkey)));

    [Fact]
    public void A_tampered_text_or_signature_is_refused()
    {
        var verifier = NoteVerifier.ParseVkey(PeterVkey);
        var tampered = SignedNote.Parse(PeterNote.Replace("cryptography", "cryptographY", StringComparison.Ordinal));
        Assert.Equal(TransparencyError.InvalidSignature, Assert.Throws<TransparencyException>(() => tampered.Verify(verifier)).Error);

        using var other = Key(9);
        var unknown = new NoteVerifier("SomeoneElse", NoteSignatureType.Ed25519, other.PublicKey);
        Assert.Equal(TransparencyError.InvalidSignature, Assert.Throws<TransparencyException>(() => SignedNote.Parse(PeterNote).Verify(unknown)).Error);
    }

    [Theory]
    [InlineData("no blank line\n\u2014 a AAAAAAA=\n")]
    [InlineData("text\n\n")]
    [InlineData("text\n\n\u2014 a AAAAAAA=")]
    [InlineData("text\n\n- a AAAAAAA=\n")]
    [InlineData("text\n\n\u2014 a AAAA\n")]
    [InlineData("text\n\n\u2014 a not-base64!\n")]
    [InlineData("text\twith tab\n\n\u2014 a AAAAAAA=\n")]
    [InlineData("\n\n\u2014 a AAAAAAA=\n")]
    public void Malformed_notes_are_typed_errors(string note) =>
        Assert.Equal(TransparencyError.MalformedNote, Assert.Throws<TransparencyException>(() => SignedNote.Parse(note)).Error);

    [Theory]
    [InlineData("origin\n")]
    [InlineData("origin\n012\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("origin\n-1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    [InlineData("origin\n12\nAAAA\n")]
    [InlineData("origin\n12\n%%%\n")]
    [InlineData("origin\n99999999999999999999\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n")]
    public void Malformed_checkpoints_are_typed_errors(string text) =>
        Assert.Equal(TransparencyError.MalformedCheckpoint, Assert.Throws<TransparencyException>(() => Checkpoint.Parse(text)).Error);

    [Fact]
    public void A_checkpoint_round_trips_signed()
    {
        using var key = Key(1);
        var signer = new NoteSigner("node.example/log", NoteSignatureType.Ed25519, key);
        var tree = new MemoryMerkleTree();
        tree.AppendData("a"u8);
        tree.AppendData("b"u8);
        var checkpoint = new Checkpoint("node.example/log", 2, tree.Root(2));
        var signed = checkpoint.Sign(signer).ToString();

        Assert.StartsWith("node.example/log\n2\n" + Convert.ToBase64String(tree.Root(2)) + "\n\n\u2014 node.example/log ", signed, StringComparison.Ordinal);
        var (_, parsed) = Checkpoint.ParseAndVerify(signed, signer.Verifier);
        Assert.Equal(checkpoint, parsed);

        var otherLog = new NoteVerifier("other.example/log", NoteSignatureType.Ed25519, key.PublicKey);
        Assert.Equal(TransparencyError.UnknownLog, Assert.Throws<TransparencyException>(() => Checkpoint.ParseAndVerify(signed, otherLog)).Error);
        var forged = signed.Replace("\n2\n", "\n3\n", StringComparison.Ordinal);
        Assert.Equal(TransparencyError.InvalidSignature, Assert.Throws<TransparencyException>(() => Checkpoint.ParseAndVerify(forged, signer.Verifier)).Error);
    }

    [Fact]
    public void A_cosignature_signs_the_timestamped_message()
    {
        using var key = Key(2);
        var cosigner = new NoteSigner("witness.example/w1", NoteSignatureType.Cosignature, key);
        var text = "node.example/log\n2\n" + Convert.ToBase64String(new byte[32]) + "\n";
        var time = DateTimeOffset.FromUnixTimeSeconds(1679315147);
        var signature = cosigner.Sign(text, time);

        Assert.Equal(72, signature.Signature.Length);
        Assert.Equal(time, Cosigning.Timestamp(signature));
        var message = System.Text.Encoding.UTF8.GetBytes("cosignature/v1\ntime 1679315147\n" + text);
        Assert.True(key.PublicKey.Verify(message, signature.Signature.AsSpan(8)));
        Assert.True(cosigner.Verifier.Verify(System.Text.Encoding.UTF8.GetBytes(text), signature.Signature));
        Assert.False(cosigner.Verifier.Verify(System.Text.Encoding.UTF8.GetBytes(text.Replace("\n2\n", "\n3\n", StringComparison.Ordinal)), signature.Signature));
    }
}
