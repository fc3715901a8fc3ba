using System.Text.Json;

namespace Tradeproof.Cryptography;

/// <summary>
/// A key pair as a JSON file (what <c>tradeproof key generate</c> writes): a Multikey object
/// (W3C Controlled Identifiers §2.2.2) with the secret, plus the same key as JWKs.
/// <code>
/// { "type": "Multikey", "keyType": "Ed25519",
///   "publicKeyMultibase": "z6Mk...", "secretKeyMultibase": "z3u2...",
///   "publicKeyJwk": {...}, "privateKeyJwk": {...} }
/// </code>
/// The file holds a secret: write it with owner-only permissions.
/// </summary>
public static class KeyFile
{
    /// <summary>The key pair as indented JSON, secret included.</summary>
    public static string Write(KeyPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "Multikey");
            writer.WriteString("keyType", pair.Type.ToString());
            writer.WriteString("publicKeyMultibase", pair.PublicKey.ToMultibase());
            writer.WriteString("secretKeyMultibase", pair.ExportSecretMultibase());
            writer.WritePropertyName("publicKeyJwk");
            pair.PublicKey.ToJwk().WriteTo(writer);
            writer.WritePropertyName("privateKeyJwk");
            pair.ExportPrivateJwk().WriteTo(writer, includePrivate: true);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads a key file: <c>secretKeyMultibase</c>, or else <c>privateKeyJwk</c>, or a bare private
    /// JWK. A <c>publicKeyMultibase</c> present must match the secret.
    /// </summary>
    /// <exception cref="KeyFormatException">Not a key file, or inconsistent (never quoting the secret).</exception>
    public static KeyPair Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            throw new KeyFormatException("A key file must be a JSON object.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new KeyFormatException("A key file must be a JSON object.");
            }

            KeyPair pair;
            if (root.TryGetProperty("secretKeyMultibase", out var secret) && secret.ValueKind == JsonValueKind.String)
            {
                pair = KeyPair.FromSecretMultibase(secret.GetString()!);
            }
            else if (root.TryGetProperty("privateKeyJwk", out var jwk))
            {
                pair = KeyPair.FromJwk(Jwk.FromJson(jwk));
            }
            else if (root.TryGetProperty("d", out _))
            {
                pair = KeyPair.FromJwk(Jwk.FromJson(root));
            }
            else
            {
                throw new KeyFormatException("A key file needs secretKeyMultibase or privateKeyJwk.");
            }

            if (root.TryGetProperty("publicKeyMultibase", out var declared)
                && !string.Equals(declared.GetString(), pair.PublicKey.ToMultibase(), StringComparison.Ordinal))
            {
                pair.Dispose();
                throw new KeyFormatException("The key file's publicKeyMultibase does not match its secret key.");
            }

            return pair;
        }
    }

    /// <summary>Key type names of the command line: ed25519, p256 (p-256), p384, p521, secp256k1 (any case).</summary>
    public static bool TryParseKeyType(string? name, out KeyType type)
    {
        (var found, type) = name?.ToUpperInvariant() switch
        {
            "ED25519" => (true, KeyType.Ed25519),
            "P256" or "P-256" => (true, KeyType.P256),
            "P384" or "P-384" => (true, KeyType.P384),
            "P521" or "P-521" => (true, KeyType.P521),
            "SECP256K1" => (true, KeyType.Secp256k1),
            _ => (false, default),
        };
        return found;
    }
}
