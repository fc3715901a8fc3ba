using System.Buffers.Text;
using System.Globalization;
using Tradeproof.Credentials.Cbor;

namespace Tradeproof.Credentials.DataIntegrity.EcdsaSd;

/// <summary>The components of an ecdsa-sd-2023 base proof value.</summary>
internal sealed record BaseProofValue(byte[] BaseSignature, byte[] PublicKey, byte[] HmacKey, IReadOnlyList<byte[]> Signatures, IReadOnlyList<string> MandatoryPointers);

/// <summary>The components of an ecdsa-sd-2023 derived proof value (label map: <c>c14nN</c> → <c>u</c> + base64url).</summary>
internal sealed record DerivedProofValue(byte[] BaseSignature, byte[] PublicKey, IReadOnlyList<byte[]> Signatures, IReadOnlyDictionary<string, string> LabelMap, IReadOnlyList<int> MandatoryIndexes);

/// <summary>
/// vc-di-ecdsa §3.5 (ecdsa-sd-2023 functions) "serializeBaseProofValue", "parseBaseProofValue",
/// "serializeDerivedProofValue", "parseDerivedProofValue", "compressLabelMap", "decompressLabelMap":
/// the header bytes 0xd9 0x5d 0x00 (base) or 0xd9 0x5d 0x01 (derived), then a deterministic CBOR array,
/// all in multibase base64url without padding ("u").
/// </summary>
internal static class ProofValueSerialization
{
    private static readonly byte[] BaseHeader = [0xd9, 0x5d, 0x00];
    private static readonly byte[] DerivedHeader = [0xd9, 0x5d, 0x01];

    /// <summary>The most signatures or pointers a proof value may hold (decoding limit).</summary>
    public const int MaxItems = 4096;

    private static readonly CborLimits Limits = new() { MaxDepth = 3, MaxItems = MaxItems, MaxStringLength = 64 * 1024 };

    /// <summary>True when <paramref name="proofValue"/> starts like a base proof value ("u2V0A").</summary>
    public static bool IsBase(string proofValue) => proofValue.StartsWith("u2V0A", StringComparison.Ordinal);

    /// <summary>True when <paramref name="proofValue"/> starts like a derived proof value ("u2V0B").</summary>
    public static bool IsDerived(string proofValue) => proofValue.StartsWith("u2V0B", StringComparison.Ordinal);

    /// <summary>serializeBaseProofValue.</summary>
    public static string SerializeBase(BaseProofValue value)
    {
        // Step 1-2: components = [baseSignature, publicKey, hmacKey, signatures, mandatoryPointers], CBOR-encoded.
        var components = new CborArray(
        [
            new CborBytes(value.BaseSignature),
            new CborBytes(value.PublicKey),
            new CborBytes(value.HmacKey),
            new CborArray([.. value.Signatures.Select(static s => (CborValue)new CborBytes(s))]),
            new CborArray([.. value.MandatoryPointers.Select(static p => (CborValue)new CborText(p))]),
        ]);

        // Step 3-4: header + CBOR, base64url-no-pad multibase.
        return "u" + Base64Url.EncodeToString([.. BaseHeader, .. CborWriter.Encode(components)]);
    }

    /// <summary>parseBaseProofValue.</summary>
    /// <exception cref="EcdsaSdException">Not a base proof value (PROOF_VERIFICATION_ERROR).</exception>
    public static BaseProofValue ParseBase(string proofValue)
    {
        var items = Decode(proofValue, BaseHeader, 5, "base");
        return new BaseProofValue(
            Bytes(items[0], "baseSignature"),
            Bytes(items[1], "publicKey"),
            Bytes(items[2], "hmacKey"),
            BytesArray(items[3], "signatures"),
            items[4] is CborArray pointers && pointers.Items.All(static p => p is CborText)
                ? [.. pointers.Items.Cast<CborText>().Select(static t => t.Value)]
                : throw Malformed("mandatoryPointers must be an array of text strings"));
    }

    /// <summary>serializeDerivedProofValue.</summary>
    public static string SerializeDerived(DerivedProofValue value)
    {
        // Step 1: compressLabelMap; step 2: components; steps 3-4: header + CBOR, multibase.
        var components = new CborArray(
        [
            new CborBytes(value.BaseSignature),
            new CborBytes(value.PublicKey),
            new CborArray([.. value.Signatures.Select(static s => (CborValue)new CborBytes(s))]),
            CompressLabelMap(value.LabelMap),
            new CborArray([.. value.MandatoryIndexes.Select(static i => (CborValue)new CborUnsigned((ulong)i))]),
        ]);
        return "u" + Base64Url.EncodeToString([.. DerivedHeader, .. CborWriter.Encode(components)]);
    }

    /// <summary>parseDerivedProofValue.</summary>
    /// <exception cref="EcdsaSdException">Not a derived proof value (PROOF_VERIFICATION_ERROR).</exception>
    public static DerivedProofValue ParseDerived(string proofValue)
    {
        var items = Decode(proofValue, DerivedHeader, 5, "derived");
        if (items[4] is not CborArray indexes || !indexes.Items.All(static i => i is CborUnsigned { Value: <= int.MaxValue }))
        {
            throw Malformed("mandatoryIndexes must be an array of unsigned integers");
        }

        return new DerivedProofValue(
            Bytes(items[0], "baseSignature"),
            Bytes(items[1], "publicKey"),
            BytesArray(items[2], "signatures"),
            DecompressLabelMap(items[3]),
            [.. indexes.Items.Cast<CborUnsigned>().Select(static i => (int)i.Value)]);
    }

    // compressLabelMap: "c14nN" → N, "u" + base64url → bytes.
    private static CborMap CompressLabelMap(IReadOnlyDictionary<string, string> labelMap)
    {
        var entries = new List<KeyValuePair<CborValue, CborValue>>(labelMap.Count);
        foreach (var (key, value) in labelMap)
        {
            if (!key.StartsWith("c14n", StringComparison.Ordinal) || !ulong.TryParse(key.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || !value.StartsWith('u'))
            {
                throw new ArgumentException($"Label map entry '{key}' → '{value}' is not c14nN → u<base64url>.", nameof(labelMap));
            }

            entries.Add(new(new CborUnsigned(index), new CborBytes(Base64Url.DecodeFromChars(value.AsSpan(1)))));
        }

        return new CborMap(entries);
    }

    // decompressLabelMap: N → "c14nN", bytes → "u" + base64url.
    private static Dictionary<string, string> DecompressLabelMap(CborValue value)
    {
        if (value is not CborMap map)
        {
            throw Malformed("the label map must be a CBOR map");
        }

        var result = new Dictionary<string, string>(map.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, label) in map.Entries)
        {
            if (key is not CborUnsigned index || label is not CborBytes bytes)
            {
                throw Malformed("label map entries must be unsigned integer → byte string");
            }

            result["c14n" + index.Value.ToString(CultureInfo.InvariantCulture)] = "u" + Base64Url.EncodeToString(bytes.Value);
        }

        // Not in the spec: two canonical blank nodes sharing one label would let a holder split or merge nodes
        // behind the issuer's signatures; a label map from createDisclosureData is always one to one.
        if (result.Values.Distinct(StringComparer.Ordinal).Count() != result.Count)
        {
            throw Malformed("two blank nodes share a label in the label map");
        }

        return result;
    }

    private static IReadOnlyList<CborValue> Decode(string proofValue, byte[] header, int count, string kind)
    {
        ArgumentNullException.ThrowIfNull(proofValue);

        // Parse steps 1-2: multibase base64url; the header names the kind of proof.
        if (proofValue.Length < 2 || proofValue[0] != 'u')
        {
            throw Malformed("proofValue must be multibase base64url ('u')");
        }

        if (proofValue.Length > 4 * 1024 * 1024)
        {
            throw Malformed("proofValue is too long");
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(proofValue.AsSpan(1));
        }
        catch (FormatException e)
        {
            throw new EcdsaSdException(EcdsaSdException.ProofVerificationError, "proofValue is not base64url: " + e.Message, e);
        }

        if (bytes.Length < 3 || !bytes.AsSpan(0, 3).SequenceEqual(header))
        {
            throw Malformed($"proofValue is not an ecdsa-sd-2023 {kind} proof value (wrong header)");
        }

        // Step 3: the rest is a CBOR array of the components.
        CborValue decoded;
        try
        {
            decoded = CborReader.Decode(bytes.AsSpan(3), Limits);
        }
        catch (CborException e)
        {
            throw new EcdsaSdException(EcdsaSdException.ProofVerificationError, "proofValue is not deterministic CBOR: " + e.Message, e);
        }

        return decoded is CborArray array && array.Items.Count == count
            ? array.Items
            : throw Malformed($"a {kind} proof value is a CBOR array of {count} components");
    }

    private static byte[] Bytes(CborValue value, string name) =>
        value is CborBytes bytes ? bytes.Value : throw Malformed(name + " must be a byte string");

    private static byte[][] BytesArray(CborValue value, string name) =>
        value is CborArray array && array.Items.All(static i => i is CborBytes)
            ? [.. array.Items.Cast<CborBytes>().Select(static b => b.Value)]
            : throw Malformed(name + " must be an array of byte strings");

    private static EcdsaSdException Malformed(string detail) => new(EcdsaSdException.ProofVerificationError, "Malformed ecdsa-sd-2023 proof value: " + detail + ".");
}
