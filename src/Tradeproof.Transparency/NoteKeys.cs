using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Cryptography;

namespace Tradeproof.Transparency;

/// <summary>The signature types of C2SP signed-note and tlog-cosignature that this log uses.</summary>
public enum NoteSignatureType : byte
{
    /// <summary>Ed25519 over the note text (signed-note, type 0x01): the log's checkpoint signature.</summary>
    Ed25519 = 0x01,

    /// <summary>Ed25519 timestamped cosignature/v1 (tlog-cosignature, type 0x04): a witness's cosignature.</summary>
    Cosignature = 0x04,
}

/// <summary>
/// A public key that verifies note signatures: name, type and Ed25519 key. Its key id is
/// SHA-256(name || 0x0A || type || public key)[:4] (C2SP signed-note, tlog-cosignature).
/// </summary>
public sealed class NoteVerifier
{
    public NoteVerifier(string name, NoteSignatureType type, PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        SignedNote.CheckName(name);
        if (publicKey.Type != KeyType.Ed25519)
        {
            throw new TransparencyException(TransparencyError.MalformedKey, "Note keys are Ed25519.");
        }

        Name = name;
        Type = type;
        PublicKey = publicKey;
        KeyId = ComputeKeyId(name, type, publicKey.Bytes);
    }

    public string Name { get; }

    public NoteSignatureType Type { get; }

    public PublicKey PublicKey { get; }

    public uint KeyId { get; }

    /// <summary>The C2SP verifier key: name+hex(key id)+base64(type || public key).</summary>
    public string ToVkey() =>
        $"{Name}+{KeyId.ToString("x8", CultureInfo.InvariantCulture)}+{Convert.ToBase64String([(byte)Type, .. PublicKey.Bytes])}";

    /// <summary>Parses a C2SP verifier key of type 0x01 or 0x04; the key id must match.</summary>
    /// <exception cref="TransparencyException">With <see cref="TransparencyError.MalformedKey"/>.</exception>
    public static NoteVerifier ParseVkey(string vkey)
    {
        ArgumentNullException.ThrowIfNull(vkey);
        var parts = vkey.Split('+', 3); // the base64 may hold '+'; the name may not
        if (parts.Length != 3 || parts[1].Length != 8 || !uint.TryParse(parts[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var keyId))
        {
            throw new TransparencyException(TransparencyError.MalformedKey, "A verifier key is name+hex(key id)+base64(type || key).");
        }

        try
        {
            var material = Convert.FromBase64String(parts[2]);
            if (material.Length != 33 || (material[0] != (byte)NoteSignatureType.Ed25519 && material[0] != (byte)NoteSignatureType.Cosignature))
            {
                throw new TransparencyException(TransparencyError.MalformedKey, "Only Ed25519 (0x01) and cosignature/v1 (0x04) keys are known.");
            }

            var verifier = new NoteVerifier(parts[0], (NoteSignatureType)material[0], PublicKey.FromBytes(KeyType.Ed25519, material.AsSpan(1)));
            return verifier.KeyId == keyId ? verifier : throw new TransparencyException(TransparencyError.MalformedKey, "The verifier key's id does not match its name and key.");
        }
        catch (KeyFormatException e)
        {
            throw new TransparencyException(TransparencyError.MalformedKey, "The verifier key is not an Ed25519 public key.", e);
        }
        catch (FormatException e)
        {
            throw new TransparencyException(TransparencyError.MalformedKey, "The verifier key's material is base64.", e);
        }
    }

    /// <summary>Verifies the signature bytes of a line (after the key id) over the note text.</summary>
    public bool Verify(ReadOnlySpan<byte> text, ReadOnlySpan<byte> signature)
    {
        switch (Type)
        {
            case NoteSignatureType.Ed25519:
                return signature.Length == 64 && PublicKey.Verify(text, signature);
            case NoteSignatureType.Cosignature:
                if (signature.Length != 72)
                {
                    return false;
                }

                var timestamp = BinaryPrimitives.ReadUInt64BigEndian(signature);
                return timestamp <= long.MaxValue && PublicKey.Verify(Cosigning.Message(timestamp, text), signature[8..]);
            default:
                return false;
        }
    }

    /// <summary>SHA-256(name || 0x0A || type || public key)[:4] as a big-endian number.</summary>
    public static uint ComputeKeyId(string name, NoteSignatureType type, ReadOnlySpan<byte> publicKey)
    {
        ArgumentNullException.ThrowIfNull(name);
        var input = new byte[Encoding.UTF8.GetByteCount(name) + 2 + publicKey.Length];
        var n = Encoding.UTF8.GetBytes(name, input);
        input[n] = 0x0A;
        input[n + 1] = (byte)type;
        publicKey.CopyTo(input.AsSpan(n + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }
}

/// <summary>Signs notes with an Ed25519 key: checkpoints (type 0x01) or cosignatures (type 0x04, timestamped).</summary>
public sealed class NoteSigner
{
    private readonly KeyPair _key;

    /// <param name="name">The key name (for a log, its origin).</param>
    /// <param name="type">Checkpoint signature or cosignature.</param>
    /// <param name="key">An Ed25519 key pair; the caller keeps ownership.</param>
    public NoteSigner(string name, NoteSignatureType type, KeyPair key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Verifier = new NoteVerifier(name, type, key.PublicKey);
        _key = key;
    }

    /// <summary>The matching verifier.</summary>
    public NoteVerifier Verifier { get; }

    /// <summary>Signs a note text. Cosignatures carry <paramref name="time"/> (whole seconds); checkpoints ignore it.</summary>
    public NoteSignature Sign(string text, DateTimeOffset time = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        if (Verifier.Type == NoteSignatureType.Ed25519)
        {
            return new NoteSignature(Verifier.Name, Verifier.KeyId, _key.Sign(bytes));
        }

        var timestamp = (ulong)Math.Max(0, time.ToUnixTimeSeconds());
        var signature = new byte[72];
        BinaryPrimitives.WriteUInt64BigEndian(signature, timestamp);
        _key.Sign(Cosigning.Message(timestamp, bytes)).CopyTo(signature, 8);
        return new NoteSignature(Verifier.Name, Verifier.KeyId, signature);
    }
}

/// <summary>C2SP tlog-cosignature, the Ed25519 signed message.</summary>
public static class Cosigning
{
    /// <summary>"cosignature/v1\ntime &lt;timestamp&gt;\n" followed by the whole checkpoint note text.</summary>
    public static byte[] Message(ulong timestamp, ReadOnlySpan<byte> checkpointText)
    {
        var header = Encoding.ASCII.GetBytes("cosignature/v1\ntime " + timestamp.ToString(CultureInfo.InvariantCulture) + "\n");
        return [.. header, .. checkpointText];
    }

    /// <summary>The timestamp of a cosignature (the first 8 bytes of its signature).</summary>
    public static DateTimeOffset Timestamp(NoteSignature cosignature)
    {
        ArgumentNullException.ThrowIfNull(cosignature);
        if (cosignature.Signature.Length != 72)
        {
            throw new TransparencyException(TransparencyError.MalformedNote, "A cosignature holds an 8-byte timestamp and a 64-byte signature.");
        }

        var seconds = BinaryPrimitives.ReadUInt64BigEndian(cosignature.Signature);
        return seconds > 253402300799UL ? DateTimeOffset.MaxValue : DateTimeOffset.FromUnixTimeSeconds((long)seconds);
    }
}
