namespace Tradeproof.Storage;

/// <summary>
/// The operator's key that encrypts secret keys at rest (AES-256-GCM): 32 bytes, given in configuration as base64
/// (e.g. <c>Storage:OperatorKey</c> or <c>TRADEPROOF_OPERATOR_KEY</c>), never stored in the database.
/// </summary>
public sealed class OperatorKey
{
    /// <summary>The key length in bytes (AES-256).</summary>
    public const int Length = 32;

    private readonly byte[] _key;

    /// <summary>Wraps 32 key bytes (copied).</summary>
    public OperatorKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException($"The operator key must be {Length} bytes, not {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>Parses the base64 (standard or base64url) form used in configuration.</summary>
    /// <exception cref="ArgumentException">The value is not base64 of 32 bytes.</exception>
    public static OperatorKey FromBase64(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        var normal = value.Trim().Replace('-', '+').Replace('_', '/');
        normal = normal.PadRight(normal.Length + ((4 - (normal.Length % 4)) % 4), '=');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(normal);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The operator key is not base64.", nameof(value), e);
        }

        return new OperatorKey(bytes);
    }

    internal ReadOnlySpan<byte> Bytes => _key;
}
