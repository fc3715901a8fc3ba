using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Tradeproof.Cryptography;

namespace Tradeproof.Storage;

/// <summary>
/// Encrypts secrets at rest with AES-256-GCM (NIST SP 800-38D) under the <see cref="OperatorKey"/>. The 96-bit
/// nonce comes from the injected <see cref="IRandomSource"/>; the associated data binds the ciphertext to its row
/// (tenant and key id), so a ciphertext copied to another row does not decrypt.
/// Layout: <c>0x01 | nonce (12) | tag (16) | ciphertext</c>.
/// </summary>
internal sealed class SecretProtector(OperatorKey key, IRandomSource random)
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + NonceSize + TagSize;

    public byte[] Protect(ReadOnlySpan<byte> secret, string tenantId, string recordId)
    {
        var output = new byte[HeaderSize + secret.Length];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        random.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagSize);
        aes.Encrypt(nonce, secret, output.AsSpan(HeaderSize), output.AsSpan(1 + NonceSize, TagSize), AssociatedData(tenantId, recordId));
        return output;
    }

    public byte[] Unprotect(ReadOnlySpan<byte> protectedSecret, string tenantId, string recordId)
    {
        if (protectedSecret.Length < HeaderSize || protectedSecret[0] != FormatVersion)
        {
            throw new StoreException(StoreErrorKind.Corrupt, $"The stored secret of '{recordId}' is not in a known format.");
        }

        var plaintext = new byte[protectedSecret.Length - HeaderSize];
        try
        {
            using var aes = new AesGcm(key.Bytes, TagSize);
            aes.Decrypt(protectedSecret.Slice(1, NonceSize), protectedSecret[HeaderSize..], protectedSecret.Slice(1 + NonceSize, TagSize), plaintext, AssociatedData(tenantId, recordId));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new StoreException(StoreErrorKind.Corrupt, $"The stored secret of '{recordId}' does not decrypt under the operator key (wrong key or tampered).", e);
        }

        return plaintext;
    }

    // Length-prefixed tenant id and record id: no two (tenant, id) pairs share associated data.
    private static byte[] AssociatedData(string tenantId, string recordId)
    {
        var tenant = Encoding.UTF8.GetBytes(tenantId);
        var record = Encoding.UTF8.GetBytes(recordId);
        var data = new byte[4 + tenant.Length + record.Length];
        BinaryPrimitives.WriteInt32BigEndian(data, tenant.Length);
        tenant.CopyTo(data, 4);
        record.CopyTo(data, 4 + tenant.Length);
        return data;
    }
}
