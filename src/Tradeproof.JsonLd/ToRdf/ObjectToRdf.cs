using System.Globalization;
using Tradeproof.JsonLd.Context;
using Tradeproof.JsonLd.Iris;
using Tradeproof.JsonLd.NodeMap;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.ToRdf;

/// <summary>Object to RDF Conversion (JSON-LD 1.1 API §8.2.2).</summary>
internal static class ObjectToRdf
{
    private const string I18nPrefix = "https://www.w3.org/ns/i18n#";

    public static RdfTerm? Convert(JsonLdRun run, Dictionary<string, object?> item, List<(RdfTerm S, RdfTerm P, RdfTerm O)> listTriples, BlankNodeIdGenerator generator)
    {
        // Steps 1-2: node objects.
        if (!item.ContainsKey(Keywords.Value) && !item.ContainsKey(Keywords.List))
        {
            return item.TryGetValue(Keywords.Id, out var idValue) && idValue is string id ? ToResource(id) : null;
        }

        // Step 3: list objects.
        if (item.TryGetValue(Keywords.List, out var list))
        {
            return ListConversion.Convert(run, (List<object?>)list!, listTriples, generator);
        }

        // Steps 4-5.
        var value = item[Keywords.Value];
        var datatype = item.TryGetValue(Keywords.Type, out var typeValue) ? typeValue as string : null;

        // Step 6.
        if (datatype is not null && datatype != Keywords.Json && !IsWellFormedIri(datatype))
        {
            return null;
        }

        // Step 7.
        item.TryGetValue(Keywords.Language, out var languageValue);
        var language = languageValue as string;
        if (language is not null && !LanguageTag.IsWellFormed(language))
        {
            return null;
        }

        string lexical;
        if (datatype == Keywords.Json)
        {
            // Step 8.
            lexical = JsonCanonicalizer.Canonicalize(value);
            datatype = RdfVocabulary.RdfJson;
        }
        else if (value is bool b)
        {
            // Step 9.
            lexical = b ? "true" : "false";
            datatype ??= RdfVocabulary.XsdBoolean;
        }
        else if (value is double d && (d % 1 != 0 || Math.Abs(d) >= 1e21 || datatype == RdfVocabulary.XsdDouble))
        {
            // Step 10.
            lexical = CanonicalDouble(d);
            datatype ??= RdfVocabulary.XsdDouble;
        }
        else if (value is double n)
        {
            // Step 11.
            lexical = n == 0 ? "0" : n.ToString("F0", CultureInfo.InvariantCulture);
            datatype ??= RdfVocabulary.XsdInteger;
        }
        else
        {
            // Step 12.
            lexical = (string)value!;
            datatype ??= language is not null ? RdfVocabulary.RdfLangString : RdfVocabulary.XsdString;
        }

        // Step 13: base direction.
        if (item.TryGetValue(Keywords.Direction, out var directionValue) && directionValue is string direction && run.Options.RdfDirection is not null)
        {
            var lang = language?.ToLowerInvariant() ?? string.Empty;
            if (run.Options.RdfDirection == "i18n-datatype")
            {
                return new Literal(lexical, I18nPrefix + lang + "_" + direction);
            }

            if (run.Options.RdfDirection == "compound-literal")
            {
                var node = new BlankNode(generator.Generate()[2..]);
                listTriples.Add((node, new Iri(RdfVocabulary.RdfValue), Literal.String(lexical)));
                if (language is not null)
                {
                    listTriples.Add((node, new Iri(RdfVocabulary.RdfLanguage), Literal.String(lang)));
                }

                listTriples.Add((node, new Iri(RdfVocabulary.RdfDirection), Literal.String(direction)));
                return node;
            }

            throw new JsonLdException(JsonLdErrorCode.InvalidRdfDirection, run.Options.RdfDirection);
        }

        // Step 14.
        return language is not null ? new Literal(lexical, RdfVocabulary.RdfLangString, language) : new Literal(lexical, datatype);
    }

    /// <summary>An IRI or blank node, or null when the identifier is not well-formed.</summary>
    public static RdfTerm? ToResource(string id)
    {
        if (id.StartsWith("_:", StringComparison.Ordinal))
        {
            return new BlankNode(id[2..]);
        }

        return IriTermCache.Get(id, IsWellFormedIriCheck);
    }

    private static readonly Func<string, bool> IsWellFormedIriCheck = IsWellFormedIri;

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F"
        + "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"
        + " <>\"{}|^`\\");

    /// <summary>An absolute IRI with none of the characters N-Quads forbids in IRIREF, and at most one '#'.</summary>
    public static bool IsWellFormedIri(string iri)
    {
        if (!IriResolver.IsAbsolute(iri) || iri.AsSpan().IndexOfAny(Forbidden) >= 0)
        {
            return false;
        }

        var hash = iri.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 || iri.IndexOf('#', hash + 1) < 0;
    }

    /// <summary>The canonical xsd:double form used by JSON-LD (like C's %1.15E, trailing zeros trimmed): 5.3E0.</summary>
    public static string CanonicalDouble(double d)
    {
        // 16 significant digits ("E15": d.ddddddddddddddddE+ddd), then trailing zeros of the mantissa trimmed.
        Span<char> buffer = stackalloc char[32];
        d.TryFormat(buffer, out var written, "E15", CultureInfo.InvariantCulture);
        var s = buffer[..written];
        var e = s.IndexOf('E');
        var mantissa = s[..e].TrimEnd('0');
        var exponent = int.Parse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(mantissa, mantissa[^1] == '.' ? "0E" : "E", exponent.ToString(CultureInfo.InvariantCulture));
    }
}
