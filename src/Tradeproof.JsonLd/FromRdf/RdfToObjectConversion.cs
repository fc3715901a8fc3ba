using System.Globalization;
using Tradeproof.JsonLd.Json;
using Tradeproof.Rdf;

namespace Tradeproof.JsonLd.FromRdf;

/// <summary>
/// RDF to Object Conversion (JSON-LD 1.1 Processing Algorithms and API §8.5): an RDF term becomes
/// a node reference (<c>{"@id": ...}</c>) or a value object.
/// </summary>
internal static class RdfToObjectConversion
{
    /// <summary>The datatype namespace of rdfDirection <c>i18n-datatype</c>.</summary>
    public const string I18nNamespace = "https://www.w3.org/ns/i18n#";

    /// <summary>Converts <paramref name="value"/> to a working object of the serializer.</summary>
    public static FromRdfObject Convert(RdfTerm value, string? rdfDirection, bool useNativeTypes, bool processingMode10)
    {
        // Step 1: an IRI or blank node identifier becomes a node reference.
        switch (value)
        {
            case Iri iri:
                return FromRdfObject.Reference(iri.Value);
            case BlankNode blank:
                return FromRdfObject.Reference("_:" + blank.Label);
        }

        var literal = (Literal)value;

        // Step 2.1 to 2.3: result, converted value (the lexical form by default) and type.
        var result = new FromRdfObject();
        object? converted = null;
        var convertedString = literal.LexicalForm;
        string? type = null;
        var datatype = literal.Datatype;

        // Step 2.4: native types.
        if (useNativeTypes && datatype == RdfVocabulary.XsdString)
        {
            // Step 2.4.1: the lexical form, untyped.
        }
        else if (useNativeTypes && datatype == RdfVocabulary.XsdBoolean)
        {
            // Step 2.4.2: true or false; the lexical space of xsd:boolean also holds 1 and 0
            // (fromRdf test 0027). Any other lexical form keeps its datatype.
            switch (literal.LexicalForm)
            {
                case "true" or "1":
                    converted = JsonTree.True;
                    break;
                case "false" or "0":
                    converted = JsonTree.False;
                    break;
                default:
                    type = datatype;
                    break;
            }
        }
        else if (useNativeTypes && (datatype == RdfVocabulary.XsdInteger || datatype == RdfVocabulary.XsdDouble))
        {
            // Step 2.4.3: a valid xsd:integer or xsd:double becomes a JSON number; a value that no
            // JSON number can hold (INF, NaN, overflow) keeps its datatype.
            converted = datatype == RdfVocabulary.XsdInteger
                ? ConvertInteger(literal.LexicalForm)
                : ConvertDouble(literal.LexicalForm);
            if (converted is null)
            {
                type = datatype;
            }
        }
        else if (!processingMode10 && datatype == RdfVocabulary.RdfJson)
        {
            // Step 2.5: a JSON literal is parsed back to the internal representation.
            result.Value = ParseJsonLiteral(literal.LexicalForm);
            result.IsJson = true;
            result.Type = "@json";
            return result;
        }
        else if (rdfDirection == "i18n-datatype" && datatype.StartsWith(I18nNamespace, StringComparison.Ordinal))
        {
            // Step 2.6: language and direction decoded from the datatype's fragment.
            var fragment = datatype[I18nNamespace.Length..];
            var underscore = fragment.IndexOf('_', StringComparison.Ordinal);
            var language = underscore < 0 ? fragment : fragment[..underscore];
            if (language.Length > 0)
            {
                result.Language = language;
            }

            if (underscore >= 0)
            {
                result.Direction = fragment[(underscore + 1)..];
            }
        }
        else if (literal.Language is not null)
        {
            // Step 2.7: a language-tagged string (with the base direction of RDF 1.2, when the
            // dataset carries one).
            result.Language = literal.Language;
            if (literal.Direction is not null)
            {
                result.Direction = literal.Direction;
            }
        }
        else if (datatype != RdfVocabulary.XsdString)
        {
            // Step 2.8: any other datatype but xsd:string is kept.
            type = datatype;
        }

        // Steps 2.9 and 2.10.
        result.Value = converted ?? convertedString;
        result.Type = type;

        // Step 2.11.
        return result;
    }

    private static object? ParseJsonLiteral(string lexicalForm)
    {
        try
        {
            // A JSON literal holding the text "null" stands for the JSON null value.
            return JsonTree.Parse(lexicalForm);
        }
        catch (JsonLdException exception)
        {
            throw new JsonLdException(JsonLdErrorCode.InvalidJsonLiteral, "The lexical form of an rdf:JSON literal is not valid JSON.", exception);
        }
    }

    private static object? ConvertInteger(string lexical)
    {
        // xsd:integer lexical space: [\-+]?[0-9]+
        var span = lexical.AsSpan();
        var start = span.Length > 0 && (span[0] == '+' || span[0] == '-') ? 1 : 0;
        if (span.Length == start)
        {
            return null;
        }

        for (var i = start; i < span.Length; i++)
        {
            if (!char.IsAsciiDigit(span[i]))
            {
                return null;
            }
        }

        if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return (double)integer;
        }

        var asDouble = double.Parse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return double.IsFinite(asDouble) ? asDouble : null;
    }

    private static object? ConvertDouble(string lexical)
    {
        // xsd:double lexical space, finite values only: (\+|-)?([0-9]+(\.[0-9]*)?|\.[0-9]+)([Ee](\+|-)?[0-9]+)?
        var span = lexical.AsSpan();
        var i = 0;
        if (i < span.Length && (span[i] == '+' || span[i] == '-'))
        {
            i++;
        }

        var digits = 0;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
        {
            i++;
            digits++;
        }

        if (i < span.Length && span[i] == '.')
        {
            i++;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return null;
        }

        if (i < span.Length && (span[i] == 'e' || span[i] == 'E'))
        {
            i++;
            if (i < span.Length && (span[i] == '+' || span[i] == '-'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return null;
            }
        }

        if (i != span.Length)
        {
            return null;
        }

        var value = double.Parse(span, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(value) ? value : null;
    }
}
