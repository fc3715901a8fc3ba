using System.Globalization;
using System.Text;

namespace Tradeproof.Rdf.NQuads;

/// <summary>
/// Parses N-Quads (RDF 1.1 N-Quads §4 grammar, plus the RDF 1.2 base direction <c>"x"@en--ltr</c>).
/// IRIs are checked against the IRIREF production and must be absolute (a scheme); blank node labels
/// against BLANK_NODE_LABEL; ECHAR and UCHAR escapes are decoded (UCHAR above U+FFFF to a surrogate pair;
/// surrogate code points and lone surrogates are refused). Comments (<c>#</c> to the end of the line) are skipped.
/// Malformed input throws <see cref="NQuadsSyntaxException"/> with the line and column; nothing is returned.
/// </summary>
public static class NQuadsParser
{
    /// <summary>Parses an N-Quads document into a dataset (duplicate quads collapse).</summary>
    /// <exception cref="NQuadsSyntaxException">The input is malformed; line and column say where.</exception>
    public static RdfDataset Parse(ReadOnlySpan<char> nquads)
    {
        // One quad per line in practice: size the dataset once (a vectorized count) instead of growing it; bounded so
        // that a document of empty lines cannot make us reserve more than its size justifies (a quad takes >= 16 chars).
        var dataset = new RdfDataset(Math.Min(Math.Min(nquads.Count('\n'), nquads.Length / 16), 1 << 20) + 1);
        var reader = new Reader(nquads);
        reader.ParseDocument(dataset);
        return dataset;
    }

    /// <summary>Parses an N-Quads document into a dataset.</summary>
    /// <exception cref="NQuadsSyntaxException">The input is malformed; line and column say where.</exception>
    public static RdfDataset Parse(string nquads)
    {
        ArgumentNullException.ThrowIfNull(nquads);
        return Parse(nquads.AsSpan());
    }

    /// <summary>Parses a UTF-8 N-Quads document (N-Quads' media type is UTF-8). Invalid UTF-8 is a syntax error.</summary>
    /// <exception cref="NQuadsSyntaxException">The input is malformed or not UTF-8.</exception>
    public static RdfDataset ParseUtf8(ReadOnlySpan<byte> utf8)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException e)
        {
            throw new NQuadsSyntaxException("input is not valid UTF-8 (at byte " + e.Index.ToString(CultureInfo.InvariantCulture) + ")", 1, 1);
        }

        return Parse(text.AsSpan());
    }

    // Characters that end the fast scan of an IRIREF: '>', '\\', the disallowed [#x00-#x20<"{}|^`] and surrogates.
    private static readonly System.Buffers.SearchValues<char> IriStops = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x21).Select(i => (char)i)) + "<>\"{}|^`\\"
        + string.Concat(Enumerable.Range(0xD800, 0x800).Select(i => (char)i)));

    // Characters that end the fast scan of a STRING_LITERAL_QUOTE: '"', '\\', CR, LF and surrogates.
    private static readonly System.Buffers.SearchValues<char> LiteralStops = System.Buffers.SearchValues.Create(
        "\"\\\r\n" + string.Concat(Enumerable.Range(0xD800, 0x800).Select(i => (char)i)));

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ref struct Reader
    {
        private readonly ReadOnlySpan<char> _s;
        private readonly Dictionary<string, Iri> _iris;
        private readonly Dictionary<string, BlankNode> _blankNodes;
        private readonly Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> _iriLookup;
        private readonly Dictionary<string, BlankNode>.AlternateLookup<ReadOnlySpan<char>> _blankLookup;
        private StringBuilder? _scratch;
        private int _pos;
        private int _line;
        private int _lineStart;

        public Reader(ReadOnlySpan<char> s)
        {
            _s = s;
            _iris = new Dictionary<string, Iri>(StringComparer.Ordinal);
            _blankNodes = new Dictionary<string, BlankNode>(StringComparer.Ordinal);
            _iriLookup = _iris.GetAlternateLookup<ReadOnlySpan<char>>();
            _blankLookup = _blankNodes.GetAlternateLookup<ReadOnlySpan<char>>();
            _pos = 0;
            _line = 1;
            _lineStart = 0;
            _scratch = null;
        }

        // nquadsDoc ::= statement? (EOL statement)* EOL?
        public void ParseDocument(RdfDataset dataset)
        {
            while (true)
            {
                SkipWhitespaceAndComment();
                if (_pos >= _s.Length)
                {
                    return;
                }

                var c = _s[_pos];
                if (c is '\n' or '\r')
                {
                    NewLine();
                    continue;
                }

                dataset.Add(ParseStatement());
                SkipWhitespaceAndComment();
                if (_pos < _s.Length)
                {
                    c = _s[_pos];
                    if (c is not ('\n' or '\r'))
                    {
                        throw Error("expected end of line after '.'");
                    }
                }
            }
        }

        // statement ::= subject predicate object graphLabel? '.'
        private Quad ParseStatement()
        {
            RdfTerm subject = Peek() switch
            {
                '<' => ParseIri(),
                '_' => ParseBlankNode(),
                _ => throw Error("expected subject (IRI or blank node)"),
            };
            SkipWhitespace();
            if (Peek() != '<')
            {
                throw Error("expected predicate (IRI)");
            }

            RdfTerm predicate = ParseIri();
            SkipWhitespace();
            RdfTerm @object = Peek() switch
            {
                '<' => ParseIri(),
                '_' => ParseBlankNode(),
                '"' => ParseLiteral(),
                _ => throw Error("expected object (IRI, blank node or literal)"),
            };
            SkipWhitespace();
            RdfTerm? graph = null;
            switch (Peek())
            {
                case '<':
                    graph = ParseIri();
                    SkipWhitespace();
                    break;
                case '_':
                    graph = ParseBlankNode();
                    SkipWhitespace();
                    break;
                default:
                    break;
            }

            if (Peek() != '.')
            {
                throw Error(graph is null ? "expected graph label or '.'" : "expected '.'");
            }

            _pos++;
            return new Quad(subject, predicate, @object, graph);
        }

        // IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'
        private Iri ParseIri()
        {
            var start = ++_pos; // skip '<'
            var hasEscape = false;
            while (true)
            {
                // Vectorized skip to the next character that needs a look: '>', '\\', a disallowed one or a surrogate.
                var skip = _s[_pos..].IndexOfAny(IriStops);
                if (skip < 0)
                {
                    _pos = _s.Length;
                    throw Error("unterminated IRI");
                }

                _pos += skip;
                var c = _s[_pos];
                if (c == '>')
                {
                    break;
                }

                if (c == '\\')
                {
                    hasEscape = true;
                    if (_pos + 1 < _s.Length && _s[_pos + 1] is 'u' or 'U')
                    {
                        var length = _s[_pos + 1] == 'u' ? 6 : 10;
                        var cp = ReadUchar();
                        if (cp <= 0x20 || cp is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\')
                        {
                            _pos -= length;
                            throw Error(DescribeIriChar(cp) + " (as UCHAR) is not allowed in an IRI");
                        }

                        continue;
                    }

                    throw Error("only \\u and \\U escapes are allowed in an IRI");
                }

                if (c <= 0x20 || c is '<' or '"' or '{' or '}' or '|' or '^' or '`')
                {
                    throw Error(DescribeIriChar(c) + " is not allowed in an IRI");
                }

                if (char.IsSurrogate(c))
                {
                    CheckSurrogatePair();
                    _pos += 2;
                    continue;
                }

                _pos++;
            }


            var raw = _s[start.._pos];
            var iriStartColumn = start; // position of the first IRI character, for errors
            _pos++; // skip '>'
            if (!hasEscape)
            {
                if (_iriLookup.TryGetValue(raw, out var cached))
                {
                    return cached;
                }

                CheckAbsolute(raw, iriStartColumn);
                var iri = new Iri(raw.ToString());
                _iris[iri.Value] = iri;
                return iri;
            }

            var value = Unescape(raw);
            CheckAbsolute(value, iriStartColumn);
            if (_iris.TryGetValue(value, out var existing))
            {
                return existing;
            }

            var decoded = new Iri(value);
            _iris[value] = decoded;
            return decoded;
        }

        private readonly void CheckAbsolute(ReadOnlySpan<char> iri, int at)
        {
            // RFC 3987 absolute IRI: scheme ":" ...; scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
            var colon = iri.IndexOf(':');
            if (colon <= 0 || !char.IsAsciiLetter(iri[0]))
            {
                throw ErrorAt("IRI is not absolute (no scheme): <" + iri.ToString() + ">", at);
            }

            foreach (var c in iri[1..colon])
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
                {
                    throw ErrorAt("IRI is not absolute (invalid scheme): <" + iri.ToString() + ">", at);
                }
            }
        }

        private static string DescribeIriChar(int c) => c switch
        {
            ' ' => "a space",
            _ when c < 0x20 => "control character U+" + c.ToString("X4", CultureInfo.InvariantCulture),
            _ => "'" + char.ConvertFromUtf32(c) + "'",
        };

        // BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?
        private BlankNode ParseBlankNode()
        {
            if (_pos + 1 >= _s.Length || _s[_pos + 1] != ':')
            {
                throw Error("expected '_:' to start a blank node label");
            }

            _pos += 2;
            var start = _pos;
            if (_pos >= _s.Length)
            {
                throw Error("empty blank node label");
            }

            var first = ReadCodePoint(out var firstWidth);
            if (!(IsPnCharsU(first) || first is >= '0' and <= '9'))
            {
                throw Error("invalid first character in blank node label");
            }

            _pos += firstWidth;
            var lastNonDot = _pos;
            while (_pos < _s.Length)
            {
                var cp = ReadCodePoint(out var width);
                if (cp == '.')
                {
                    _pos++;
                    continue;
                }

                if (!IsPnChars(cp))
                {
                    break;
                }

                _pos += width;
                lastNonDot = _pos;
            }

            // A label cannot end with '.': trailing dots belong to the statement.
            _pos = lastNonDot;
            var label = _s[start.._pos];
            if (_blankLookup.TryGetValue(label, out var cached))
            {
                return cached;
            }

            var node = new BlankNode(label.ToString());
            _blankNodes[node.Label] = node;
            return node;
        }

        private readonly int ReadCodePoint(out int width)
        {
            var c = _s[_pos];
            if (char.IsHighSurrogate(c) && _pos + 1 < _s.Length && char.IsLowSurrogate(_s[_pos + 1]))
            {
                width = 2;
                return char.ConvertToUtf32(c, _s[_pos + 1]);
            }

            width = 1;
            return c;
        }

        private static bool IsPnCharsBase(int c) =>
            c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z')
                or (>= 0x00C0 and <= 0x00D6) or (>= 0x00D8 and <= 0x00F6) or (>= 0x00F8 and <= 0x02FF)
                or (>= 0x0370 and <= 0x037D) or (>= 0x037F and <= 0x1FFF) or (>= 0x200C and <= 0x200D)
                or (>= 0x2070 and <= 0x218F) or (>= 0x2C00 and <= 0x2FEF) or (>= 0x3001 and <= 0xD7FF)
                or (>= 0xF900 and <= 0xFDCF) or (>= 0xFDF0 and <= 0xFFFD) or (>= 0x10000 and <= 0xEFFFF);

        // PN_CHARS_U ::= PN_CHARS_BASE | '_' | ':'
        private static bool IsPnCharsU(int c) => IsPnCharsBase(c) || c is '_' or ':';

        // PN_CHARS ::= PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040]
        private static bool IsPnChars(int c) =>
            IsPnCharsU(c) || c is '-' or (>= '0' and <= '9') or 0x00B7 or (>= 0x0300 and <= 0x036F) or (>= 0x203F and <= 0x2040);

        // literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANG_DIR)?
        // STRING_LITERAL_QUOTE ::= '"' ([^#x22#x5C#xA#xD] | ECHAR | UCHAR)* '"'
        private Literal ParseLiteral()
        {
            var start = ++_pos; // skip '"'
            var hasEscape = false;
            while (true)
            {
                // Vectorized skip to the next '"', '\\', line break or surrogate.
                var skip = _s[_pos..].IndexOfAny(LiteralStops);
                if (skip < 0)
                {
                    _pos = _s.Length;
                    throw Error("unterminated string literal");
                }

                _pos += skip;
                var c = _s[_pos];
                if (c == '"')
                {
                    break;
                }

                switch (c)
                {
                    case '\\':
                        hasEscape = true;
                        if (_pos + 1 >= _s.Length)
                        {
                            throw Error("unterminated string literal");
                        }

                        switch (_s[_pos + 1])
                        {
                            case 'u' or 'U':
                                ReadUchar();
                                continue;
                            case 't' or 'b' or 'n' or 'r' or 'f' or '"' or '\'' or '\\':
                                _pos += 2;
                                continue;
                            default:
                                throw Error("invalid escape '\\" + _s[_pos + 1] + "' in string literal");
                        }

                    case '\n' or '\r':
                        throw Error("line break in string literal (use \\n or \\r)");
                    default:
                        if (char.IsSurrogate(c))
                        {
                            CheckSurrogatePair();
                            _pos += 2;
                            continue;
                        }

                        _pos++;
                        continue;
                }
            }

            var raw = _s[start.._pos];
            _pos++; // closing quote
            var lexical = hasEscape ? Unescape(raw) : raw.ToString();
            if (_pos < _s.Length && _s[_pos] == '^')
            {
                if (_pos + 1 >= _s.Length || _s[_pos + 1] != '^')
                {
                    throw Error("expected '^^' before a datatype IRI");
                }

                _pos += 2;
                if (Peek() != '<')
                {
                    throw Error("expected datatype IRI after '^^'");
                }

                var datatype = ParseIri();
                return new Literal(lexical, datatype.Value);
            }

            if (_pos < _s.Length && _s[_pos] == '@')
            {
                return ParseLanguage(lexical);
            }

            return new Literal(lexical, RdfVocabulary.XsdString);
        }

        // LANG_DIR ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)* ('--' [a-zA-Z]+)?  (RDF 1.2; the direction is ltr or rtl)
        private Literal ParseLanguage(string lexical)
        {
            var start = ++_pos; // skip '@'
            while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                throw Error("empty language tag");
            }

            while (_pos + 1 < _s.Length && _s[_pos] == '-' && char.IsAsciiLetterOrDigit(_s[_pos + 1]))
            {
                _pos++;
                while (_pos < _s.Length && char.IsAsciiLetterOrDigit(_s[_pos]))
                {
                    _pos++;
                }
            }

            var language = _s[start.._pos].ToString();
            string? direction = null;
            if (_pos < _s.Length && _s[_pos] == '-')
            {
                if (_pos + 1 < _s.Length && _s[_pos + 1] == '-')
                {
                    _pos += 2;
                    var dirStart = _pos;
                    while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos]))
                    {
                        _pos++;
                    }

                    var dir = _s[dirStart.._pos];
                    if (dir.SequenceEqual("ltr"))
                    {
                        direction = "ltr";
                    }
                    else if (dir.SequenceEqual("rtl"))
                    {
                        direction = "rtl";
                    }
                    else
                    {
                        _pos = dirStart;
                        throw Error("base direction must be 'ltr' or 'rtl'");
                    }
                }
                else
                {
                    throw Error("invalid language tag");
                }
            }

            return Literal.LanguageTagged(lexical, language, direction);
        }

        // UCHAR ::= '\u' HEX HEX HEX HEX | '\U' HEX HEX HEX HEX HEX HEX HEX HEX; advances past it.
        private int ReadUchar()
        {
            var length = _s[_pos + 1] == 'u' ? 4 : 8;
            if (_pos + 2 + length > _s.Length)
            {
                throw Error("incomplete \\" + _s[_pos + 1] + " escape");
            }

            var value = 0;
            for (var i = 0; i < length; i++)
            {
                var h = _s[_pos + 2 + i];
                int digit = h switch
                {
                    >= '0' and <= '9' => h - '0',
                    >= 'A' and <= 'F' => h - 'A' + 10,
                    >= 'a' and <= 'f' => h - 'a' + 10,
                    _ => -1,
                };
                if (digit < 0)
                {
                    throw ErrorAt("invalid hex digit in \\" + _s[_pos + 1] + " escape", _pos + 2 + i);
                }

                value = (value << 4) | digit;
            }

            if (value is (>= 0xD800 and <= 0xDFFF) or > 0x10FFFF or < 0)
            {
                throw Error("escape is not a Unicode scalar value (surrogate or above U+10FFFF)");
            }

            _pos += 2 + length;
            return value;
        }

        private readonly void CheckSurrogatePair()
        {
            if (!(char.IsHighSurrogate(_s[_pos]) && _pos + 1 < _s.Length && char.IsLowSurrogate(_s[_pos + 1])))
            {
                throw Error("lone surrogate (ill-formed UTF-16)");
            }
        }

        // Decodes ECHAR and UCHAR; escapes were already validated by the scan.
        private string Unescape(ReadOnlySpan<char> raw)
        {
            var sb = _scratch ??= new StringBuilder();
            sb.Clear();
            var i = 0;
            while (i < raw.Length)
            {
                var backslash = raw[i..].IndexOf('\\');
                if (backslash < 0)
                {
                    sb.Append(raw[i..]);
                    break;
                }

                sb.Append(raw.Slice(i, backslash));
                i += backslash;
                var kind = raw[i + 1];
                switch (kind)
                {
                    case 'u' or 'U':
                        var length = kind == 'u' ? 4 : 8;
                        var cp = int.Parse(raw.Slice(i + 2, length), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                        if (cp > 0xFFFF)
                        {
                            cp -= 0x10000;
                            sb.Append((char)(0xD800 + (cp >> 10))).Append((char)(0xDC00 + (cp & 0x3FF)));
                        }
                        else
                        {
                            sb.Append((char)cp);
                        }

                        i += 2 + length;
                        break;
                    default:
                        sb.Append(kind switch
                        {
                            't' => '\t',
                            'b' => '\b',
                            'n' => '\n',
                            'r' => '\r',
                            'f' => '\f',
                            _ => kind, // '"', '\'', '\\'
                        });
                        i += 2;
                        break;
                }
            }

            return sb.ToString();
        }

        private readonly char Peek() => _pos < _s.Length ? _s[_pos] : '\0';

        private void SkipWhitespace()
        {
            while (_pos < _s.Length && _s[_pos] is ' ' or '\t')
            {
                _pos++;
            }
        }

        private void SkipWhitespaceAndComment()
        {
            SkipWhitespace();
            if (_pos < _s.Length && _s[_pos] == '#')
            {
                var end = _s[_pos..].IndexOfAny('\n', '\r');
                _pos = end < 0 ? _s.Length : _pos + end;
            }
        }

        // EOL ::= [#xD#xA]+ ; CR LF counts as one line break for line numbers.
        private void NewLine()
        {
            if (_s[_pos] == '\r' && _pos + 1 < _s.Length && _s[_pos + 1] == '\n')
            {
                _pos++;
            }

            _pos++;
            _line++;
            _lineStart = _pos;
        }

        private readonly NQuadsSyntaxException Error(string reason) => ErrorAt(reason, _pos);

        private readonly NQuadsSyntaxException ErrorAt(string reason, int at) =>
            new(reason, _line, at - _lineStart + 1);
    }
}
