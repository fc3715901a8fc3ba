using System.Buffers.Binary;
using System.Text;
using Tradeproof.Cryptography.Hashing;

namespace Tradeproof.Transparency;

/// <summary>What a leaf records.</summary>
public enum LogEntryKind : byte
{
    /// <summary>An accepted presentation.</summary>
    Presentation = 1,

    /// <summary>A saved (issued or received) credential.</summary>
    Credential = 2,

    /// <summary>An appended twin event.</summary>
    TwinEvent = 3,
}

/// <summary>
/// The data of one leaf: hashes only, never trade data. Encoded as 0x01 (version) || kind || SHA-256(tenant id) ||
/// SHA-256(record id) || SHA-256(stored bytes) || time (milliseconds since the epoch, 8 bytes big-endian): 106 bytes;
/// the leaf hash is RFC 9162's SHA-256(0x00 || those bytes).
/// </summary>
public sealed record LogEntry(LogEntryKind Kind, byte[] TenantHash, byte[] RecordHash, byte[] ContentHash, long TimeMilliseconds)
{
    /// <summary>The encoded length.</summary>
    public const int EncodedLength = 2 + (3 * MerkleHash.Size) + 8;

    /// <summary>An entry of a record: the tenant and record ids and the stored bytes are hashed here.</summary>
    public static LogEntry Of(LogEntryKind kind, string tenantId, string recordId, ReadOnlySpan<byte> content, DateTimeOffset time) =>
        new(kind, HashId(tenantId), HashId(recordId), Sha256.Hash(content), time.ToUnixTimeMilliseconds());

    /// <summary>SHA-256 of an id's UTF-8 bytes (what the log holds of tenant and record ids).</summary>
    public static byte[] HashId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Sha256.Hash(Encoding.UTF8.GetBytes(id));
    }

    /// <summary>The record id of a twin event: its version, a colon, its stream id.</summary>
    public static string TwinEventRecordId(string streamId, long version) =>
        version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + streamId;

    /// <summary>The name of a kind in JSON and the store.</summary>
    public static string KindName(LogEntryKind kind) => kind switch
    {
        LogEntryKind.Presentation => "presentation",
        LogEntryKind.Credential => "credential",
        LogEntryKind.TwinEvent => "twin-event",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The kind of a name, or null.</summary>
    public static LogEntryKind? ParseKind(string? name) => name switch
    {
        "presentation" => LogEntryKind.Presentation,
        "credential" => LogEntryKind.Credential,
        "twin-event" => LogEntryKind.TwinEvent,
        _ => null,
    };

    /// <summary>The leaf data.</summary>
    public byte[] Encode()
    {
        if (TenantHash.Length != MerkleHash.Size || RecordHash.Length != MerkleHash.Size || ContentHash.Length != MerkleHash.Size)
        {
            throw new TransparencyException(TransparencyError.MalformedProof, "Entry hashes are 32 bytes.");
        }

        var data = new byte[EncodedLength];
        data[0] = 0x01;
        data[1] = (byte)Kind;
        TenantHash.CopyTo(data, 2);
        RecordHash.CopyTo(data, 2 + MerkleHash.Size);
        ContentHash.CopyTo(data, 2 + (2 * MerkleHash.Size));
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(2 + (3 * MerkleHash.Size)), TimeMilliseconds);
        return data;
    }

    /// <summary>The RFC 9162 leaf hash of <see cref="Encode"/>.</summary>
    public byte[] LeafHash() => MerkleHash.Leaf(Encode());
}
