using System.Text;

namespace Tradeproof.Rdf.Canonicalization;

/// <summary>
/// The result of RDFC-1.0: the canonical N-Quads document (RDFC-1.0 §4.4.3 step 7, every line ending with U+000A,
/// lines in code point order) and the issued identifiers map of the canonical issuer
/// (input blank node label, without <c>_:</c> → canonical label such as <c>c14n0</c>), in issue order.
/// </summary>
public sealed class CanonicalizationResult
{
    private readonly byte[] _utf8;
    private readonly string[] _issuedLabels;
    private string? _text;
    private OrderedDictionary<string, string>? _issuedIdentifiers;

    /// <param name="utf8">The canonical N-Quads.</param>
    /// <param name="issuedLabels">The input labels in the order the canonical issuer issued them (c14n0, c14n1, ...).</param>
    internal CanonicalizationResult(byte[] utf8, string[] issuedLabels)
    {
        _utf8 = utf8;
        _issuedLabels = issuedLabels;
    }

    /// <summary>The canonical N-Quads as a string.</summary>
    public string CanonicalNQuads => _text ??= Encoding.UTF8.GetString(_utf8);

    /// <summary>The canonical N-Quads as UTF-8 bytes (what gets hashed when signing).</summary>
    public ReadOnlyMemory<byte> CanonicalNQuadsUtf8 => _utf8;

    /// <summary>Input blank node label → canonical label (<c>c14nN</c>), in the order the labels were issued.</summary>
    public IReadOnlyDictionary<string, string> IssuedIdentifiers => _issuedIdentifiers ??= BuildMap(_issuedLabels);

    /// <summary>Hash N-Degree Quads calls plus permutations tried (the unit of the work limit).</summary>
    internal long Work { get; init; }

    /// <inheritdoc />
    public override string ToString() => CanonicalNQuads;

    // RDFC-1.0 §4.4.3 step 6: the issued identifiers map of the canonical issuer, built on first use.
    private static OrderedDictionary<string, string> BuildMap(string[] labels)
    {
        var map = new OrderedDictionary<string, string>(labels.Length, StringComparer.Ordinal);
        for (var i = 0; i < labels.Length; i++)
        {
            map.Add(labels[i], "c14n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return map;
    }
}
