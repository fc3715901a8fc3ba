using System.Globalization;
using System.Text;

namespace Tradeproof.Transparency;

/// <summary>
/// C2SP tlog-checkpoint (https://c2sp.org/tlog-checkpoint): the note text "&lt;origin&gt;\n&lt;tree size&gt;\n&lt;base64 root
/// hash&gt;\n", optionally followed by extension lines, signed as a <see cref="SignedNote"/>.
/// </summary>
public sealed record Checkpoint
{
    public Checkpoint(string origin, long size, byte[] rootHash, IReadOnlyList<string>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(rootHash);
        if (string.IsNullOrEmpty(origin) || origin.Contains('\n', StringComparison.Ordinal))
        {
            throw Malformed("The origin is one non-empty line.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(size);
        if (rootHash.Length != MerkleHash.Size)
        {
            throw Malformed("The root hash is 32 bytes.");
        }

        Origin = origin;
        Size = size;
        RootHash = rootHash;
        Extensions = extensions ?? [];
        if (Extensions.Any(e => e.Length == 0 || e.Contains('\n', StringComparison.Ordinal)))
        {
            throw Malformed("Extension lines are non-empty.");
        }
    }

    /// <summary>The log's unique identity (a schema-less URL).</summary>
    public string Origin { get; }

    /// <summary>The number of leaves.</summary>
    public long Size { get; }

    /// <summary>The RFC 9162 root hash of the first <see cref="Size"/> leaves.</summary>
    public byte[] RootHash { get; }

    /// <summary>Extension lines (none written by us; kept when read).</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>The note text that gets signed.</summary>
    public string ToText()
    {
        var builder = new StringBuilder().Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            builder.Append(extension).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Parses a checkpoint note text.</summary>
    /// <exception cref="TransparencyException">With <see cref="TransparencyError.MalformedCheckpoint"/>.</exception>
    public static Checkpoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text[^1] != '\n')
        {
            throw Malformed("A checkpoint ends in a newline.");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            throw Malformed("A checkpoint has an origin, a tree size and a root hash line.");
        }

        var size = lines[1];
        if (size.Length == 0 || size.Length > 19 || !size.All(char.IsAsciiDigit) || (size.Length > 1 && size[0] == '0')
            || !long.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var treeSize))
        {
            throw Malformed("The tree size is a decimal number without leading zeros.");
        }

        byte[] root;
        try
        {
            root = Convert.FromBase64String(lines[2]);
        }
        catch (FormatException e)
        {
            throw new TransparencyException(TransparencyError.MalformedCheckpoint, "The root hash is standard base64.", e);
        }

        return new Checkpoint(lines[0], treeSize, root, lines[3..]);
    }

    /// <summary>Parses a signed checkpoint and verifies it with the log's key.</summary>
    /// <exception cref="TransparencyException">Malformed, or not signed by <paramref name="log"/>.</exception>
    public static (SignedNote Note, Checkpoint Checkpoint) ParseAndVerify(string signedNote, NoteVerifier log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var note = SignedNote.Parse(signedNote);
        var checkpoint = Parse(note.Text);
        if (checkpoint.Origin != log.Name)
        {
            throw new TransparencyException(TransparencyError.UnknownLog, $"The checkpoint is of '{checkpoint.Origin}', not '{log.Name}'.");
        }

        note.Verify(log);
        return (note, checkpoint);
    }

    /// <summary>Signs this checkpoint with the log's key.</summary>
    public SignedNote Sign(NoteSigner log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (log.Verifier.Name != Origin || log.Verifier.Type != NoteSignatureType.Ed25519)
        {
            throw new ArgumentException("The log signs its checkpoints with an Ed25519 key named after its origin.", nameof(log));
        }

        var text = ToText();
        return new SignedNote(text, [log.Sign(text)]);
    }

    public bool Equals(Checkpoint? other) =>
        other is not null && Origin == other.Origin && Size == other.Size && RootHash.AsSpan().SequenceEqual(other.RootHash) && Extensions.SequenceEqual(other.Extensions);

    public override int GetHashCode() => HashCode.Combine(Origin, Size, Convert.ToBase64String(RootHash));

    private static TransparencyException Malformed(string message) => new(TransparencyError.MalformedCheckpoint, message);
}
