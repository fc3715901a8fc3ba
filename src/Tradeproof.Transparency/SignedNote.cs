using System.Text;

namespace Tradeproof.Transparency;

/// <summary>One signature line of a note: the key name, the 32-bit key id and the signature bytes after it.</summary>
public sealed record NoteSignature(string Name, uint KeyId, byte[] Signature)
{
    /// <summary>The line without its newline: em dash, space, name, space, base64(key id || signature).</summary>
    public string ToLine()
    {
        var bytes = new byte[4 + Signature.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes, KeyId);
        Signature.CopyTo(bytes, 4);
        return "\u2014 " + Name + " " + Convert.ToBase64String(bytes);
    }
}

/// <summary>
/// C2SP signed-note (https://c2sp.org/signed-note): a UTF-8 text ending in a newline, a blank line, then one or more
/// lines "— &lt;key name&gt; base64(key id || signature)". The signatures cover the text including its final newline.
/// </summary>
public sealed class SignedNote
{
    /// <summary>More signature lines than this are refused (C2SP allows a limit; 100 is the Go implementation's).</summary>
    public const int MaxSignatures = 100;

    /// <summary>Longer notes are refused.</summary>
    public const int MaxBytes = 1 << 20;

    private const string Dash = "\u2014 ";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signatures);
        CheckText(text);
        foreach (var signature in signatures)
        {
            CheckName(signature.Name);
        }

        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, ending in a newline.</summary>
    public string Text { get; }

    /// <summary>The signature lines in order.</summary>
    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>The note with one more signature line (a cosignature).</summary>
    public SignedNote WithSignature(NoteSignature signature) => new(Text, [.. Signatures, signature]);

    /// <summary>The wire form: text, blank line, signature lines.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            builder.Append(signature.ToLine()).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Parses a signed note (its signatures are not verified yet: see <see cref="Verify"/>).</summary>
    /// <exception cref="TransparencyException">Not a signed note.</exception>
    public static SignedNote Parse(string note)
    {
        ArgumentNullException.ThrowIfNull(note);
        int length;
        try
        {
            length = StrictUtf8.GetByteCount(note);
        }
        catch (ArgumentException e)
        {
            throw new TransparencyException(TransparencyError.MalformedNote, "A note is valid UTF-8.", e);
        }

        if (length > MaxBytes)
        {
            throw Malformed("The note is larger than 1 MiB.");
        }

        if (note.Any(c => c < 0x20 && c != '\n'))
        {
            throw Malformed("A note holds no control characters other than newline.");
        }

        // The text ends at the last blank line; everything after it is signature lines.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw Malformed("A signed note has a blank line between its text and its signatures.");
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || block[^1] != '\n')
        {
            throw Malformed("A signed note ends with signature lines, each ending in a newline.");
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            throw Malformed($"More than {MaxSignatures} signatures.");
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            signatures.Add(ParseLine(line));
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>
    /// The signatures of the known <paramref name="verifiers"/> that verify. A known key (same name and key id) whose
    /// signature does not verify rejects the whole note, as does a note with no verified signature; lines of unknown
    /// keys are ignored.
    /// </summary>
    /// <exception cref="TransparencyException">With <see cref="TransparencyError.InvalidSignature"/>.</exception>
    public IReadOnlyList<NoteSignature> Verify(params IReadOnlyList<NoteVerifier> verifiers)
    {
        ArgumentNullException.ThrowIfNull(verifiers);
        var text = Encoding.UTF8.GetBytes(Text);
        var verified = new List<NoteSignature>();
        foreach (var signature in Signatures)
        {
            var verifier = verifiers.FirstOrDefault(v => v.Name == signature.Name && v.KeyId == signature.KeyId);
            if (verifier is null)
            {
                continue;
            }

            if (!verifier.Verify(text, signature.Signature))
            {
                throw new TransparencyException(TransparencyError.InvalidSignature, $"The signature of '{signature.Name}' does not verify.");
            }

            verified.Add(signature);
        }

        if (verified.Count == 0)
        {
            throw new TransparencyException(TransparencyError.InvalidSignature, "The note has no signature of a known key.");
        }

        return verified;
    }

    private static NoteSignature ParseLine(string line)
    {
        if (!line.StartsWith(Dash, StringComparison.Ordinal))
        {
            throw Malformed("A signature line starts with an em dash and a space.");
        }

        var rest = line[Dash.Length..];
        var space = rest.LastIndexOf(' ');
        if (space <= 0)
        {
            throw Malformed("A signature line is '— <key name> <base64 signature>'.");
        }

        var name = rest[..space];
        CheckName(name);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(rest[(space + 1)..]);
        }
        catch (FormatException e)
        {
            throw new TransparencyException(TransparencyError.MalformedNote, "A signature is standard base64.", e);
        }

        if (bytes.Length < 5)
        {
            throw Malformed("A signature holds a 4-byte key id and the signature.");
        }

        return new NoteSignature(name, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }

    internal static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Any(c => char.IsWhiteSpace(c) || c == '+' || c < 0x20))
        {
            throw new TransparencyException(TransparencyError.MalformedNote, "A key name is non-empty, without spaces or '+'.");
        }
    }

    private static void CheckText(string text)
    {
        if (text.Length == 0 || text[^1] != '\n')
        {
            throw Malformed("A note's text ends in a newline.");
        }

        if (text.Contains("\n\n", StringComparison.Ordinal) || text[0] == '\n')
        {
            throw Malformed("A note's text holds no blank line.");
        }

        if (text.Any(c => c < 0x20 && c != '\n'))
        {
            throw Malformed("A note holds no control characters other than newline.");
        }
    }

    private static TransparencyException Malformed(string message) => new(TransparencyError.MalformedNote, message);
}
