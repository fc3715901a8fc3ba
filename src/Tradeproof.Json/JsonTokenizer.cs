using System.Globalization;

namespace Tradeproof.Json;

/// <summary>
/// One pass over strict JSON (RFC 8259: no comments, trailing commas, byte order mark or other extensions)
/// into the compact token tree of a <see cref="JsonWorkspace"/>, checking well-formed UTF-8 first, then
/// unpaired surrogate escapes, the depth, string and element limits, and (on request) I-JSON numbers.
/// Duplicate member names are found later, when members are sorted. Our own scanner rather than
/// <c>Utf8JsonReader</c>: it is about twice as fast for this job (docs/decisions/0005-own-json-scanner-for-jcs.md),
/// and a test checks that both accept and refuse the same texts.
/// </summary>
internal static class JsonTokenizer
{
    private static readonly System.Buffers.SearchValues<byte> StringSpecial = System.Buffers.SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    public readonly record struct Limits(int MaxDepth, int MaxStringBytes, int MaxElements, bool CheckNumberRange, bool RejectUnsafeIntegers);

    /// <summary>Tokenizes <paramref name="input"/> into <paramref name="workspace"/>; returns the token count.</summary>
    public static int Tokenize(ReadOnlySpan<byte> input, JsonWorkspace workspace, in Limits limits)
    {
        if (limits.MaxDepth is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(limits), limits.MaxDepth, "MaxDepth must be between 1 and 1000.");
        }

        if (!System.Text.Unicode.Utf8.IsValid(input))
        {
            var offset = FirstInvalidUtf8(input);
            throw Error(input, JsonInputError.InvalidUtf8, offset, "Invalid UTF-8 byte sequence.");
        }

        workspace.OpenDepth = 0;
        try
        {
            return Scan(input, workspace, limits);
        }
        catch (JsonInputException e) when (e.Path is null)
        {
            // Say where in the document: the members and elements open at the error.
            throw e.WithPath(OpenPath(input, workspace, workspace.OpenDepth));
        }
    }

    private static int Scan(ReadOnlySpan<byte> input, JsonWorkspace workspace, in Limits limits)
    {
        var count = 0;
        var depth = 0;
        var extraOutput = 0;
        var p = SkipWhitespace(input, 0);
        var tokens = workspace.Tokens;
        var stack = workspace.Stack;

        // RFC 8259 §2: JSON-text = ws value ws. The loop reads one value, then what may follow it.
        while (true)
        {
            if (p >= input.Length)
            {
                throw Error(input, JsonInputError.InvalidJson, p, "Unexpected end of input: a value was expected.");
            }

            if (count == tokens.Length)
            {
                workspace.GrowTokens();
                tokens = workspace.Tokens;
            }

            if (depth > 0)
            {
                ref var parent = ref tokens[stack[depth - 1]];
                if (++parent.Length > limits.MaxElements)
                {
                    throw Error(input, JsonInputError.TooManyElements, p, $"More than {limits.MaxElements} elements or members in one array or object.");
                }

                if (parent.Kind == JsonTokenKind.Object)
                {
                    // §4: member = string name-separator value.
                    if (input[p] != (byte)'"')
                    {
                        throw Unexpected(input, p, "a member name");
                    }

                    ref var name = ref tokens[count];
                    name.Kind = JsonTokenKind.PropertyName;
                    name.SourceStart = p;
                    name.Next = count + 1;
                    workspace.Names[depth - 1] = -1;
                    p = ScanString(input, p, ref name, workspace, limits.MaxStringBytes);
                    workspace.Names[depth - 1] = count;
                    count++;
                    p = SkipWhitespace(input, p);
                    if (p >= input.Length || input[p] != (byte)':')
                    {
                        throw Unexpected(input, p, "':'");
                    }

                    p = SkipWhitespace(input, p + 1);
                    if (p >= input.Length)
                    {
                        throw Error(input, JsonInputError.InvalidJson, p, "Unexpected end of input: a value was expected.");
                    }

                    if (count == tokens.Length)
                    {
                        workspace.GrowTokens();
                        tokens = workspace.Tokens;
                    }
                }
            }

            ref var token = ref tokens[count];
            token.SourceStart = p;
            token.Unescaped = false;
            token.Next = count + 1;
            token.Length = 0;
            token.Start = p;
            var c = input[p];
            switch (c)
            {
                case (byte)'{':
                case (byte)'[':
                    if (depth >= limits.MaxDepth)
                    {
                        throw Error(input, JsonInputError.DepthExceeded, p, $"Nesting deeper than {limits.MaxDepth}.");
                    }

                    token.Kind = c == (byte)'{' ? JsonTokenKind.Object : JsonTokenKind.Array;
                    if (depth == stack.Length)
                    {
                        workspace.GrowStack();
                        stack = workspace.Stack;
                    }

                    workspace.Names[depth] = -1;
                    stack[depth++] = count++;
                    workspace.OpenDepth = depth;
                    p = SkipWhitespace(input, p + 1);
                    if (p < input.Length && input[p] == (c == (byte)'{' ? (byte)'}' : (byte)']'))
                    {
                        // An empty object or array: close it and go on after it.
                        tokens[stack[--depth]].Next = count;
                        workspace.OpenDepth = depth;
                        p = SkipWhitespace(input, p + 1);
                        break;
                    }

                    continue;
                case (byte)'"':
                    token.Kind = JsonTokenKind.String;
                    p = SkipWhitespace(input, ScanString(input, p, ref token, workspace, limits.MaxStringBytes));
                    count++;
                    break;
                case (byte)'t':
                    p = SkipWhitespace(input, ScanLiteral(input, p, "true"u8));
                    token.Kind = JsonTokenKind.True;
                    count++;
                    break;
                case (byte)'f':
                    p = SkipWhitespace(input, ScanLiteral(input, p, "false"u8));
                    token.Kind = JsonTokenKind.False;
                    count++;
                    break;
                case (byte)'n':
                    p = SkipWhitespace(input, ScanLiteral(input, p, "null"u8));
                    token.Kind = JsonTokenKind.Null;
                    count++;
                    break;
                default:
                    if (c != (byte)'-' && (uint)(c - '0') > 9)
                    {
                        throw Unexpected(input, p, "a value");
                    }

                    var end = ScanNumber(input, p);
                    token.Kind = JsonTokenKind.Number;
                    token.Length = end - p;
                    if (limits.CheckNumberRange)
                    {
                        extraOutput += CheckNumber(input, input[p..end], p, limits.RejectUnsafeIntegers, ref token, workspace);
                    }

                    p = SkipWhitespace(input, end);
                    count++;
                    break;
            }

            // After a value: the end of the text, or a separator or the end of the enclosing array or object.
            while (true)
            {
                if (depth == 0)
                {
                    if (p < input.Length)
                    {
                        throw Unexpected(input, p, "the end of the input");
                    }

                    workspace.OutputBound = input.Length + extraOutput;
                    return count;
                }

                if (p >= input.Length)
                {
                    throw Error(input, JsonInputError.InvalidJson, p, "Unexpected end of input: the text ends inside an array or object.");
                }

                var isObject = tokens[stack[depth - 1]].Kind == JsonTokenKind.Object;
                var next = input[p];
                if (next == (byte)',')
                {
                    p = SkipWhitespace(input, p + 1);
                    break;
                }

                if (next != (isObject ? (byte)'}' : (byte)']'))
                {
                    throw Unexpected(input, p, isObject ? "',' or '}'" : "',' or ']'");
                }

                tokens[stack[--depth]].Next = count;
                workspace.OpenDepth = depth;
                p = SkipWhitespace(input, p + 1);
            }
        }
    }

    /// <summary>RFC 8259 §2: insignificant whitespace is space, tab, line feed and carriage return.</summary>
    private static int SkipWhitespace(ReadOnlySpan<byte> input, int p)
    {
        while ((uint)p < (uint)input.Length)
        {
            var c = input[p];
            if (c > (byte)' ' || (c != (byte)' ' && c != (byte)'\n' && c != (byte)'\r' && c != (byte)'\t'))
            {
                break;
            }

            p++;
        }

        return p;
    }

    private static int ScanLiteral(ReadOnlySpan<byte> input, int p, ReadOnlySpan<byte> literal)
    {
        if (!input[p..].StartsWith(literal))
        {
            throw Unexpected(input, p, "a value");
        }

        return p + literal.Length;
    }

    /// <summary>RFC 8259 §6: number = [ minus ] int [ frac ] [ exp ]. Returns the offset after it.</summary>
    private static int ScanNumber(ReadOnlySpan<byte> input, int p)
    {
        if (input[p] == (byte)'-')
        {
            p++;
        }

        if (p < input.Length && input[p] == (byte)'0')
        {
            p++;
        }
        else if (p < input.Length && (uint)(input[p] - '1') <= 8)
        {
            p = SkipDigits(input, p + 1);
        }
        else
        {
            throw Unexpected(input, p, "a digit");
        }

        if (p < input.Length && input[p] == (byte)'.')
        {
            p++;
            if (p >= input.Length || (uint)(input[p] - '0') > 9)
            {
                throw Unexpected(input, p, "a digit");
            }

            p = SkipDigits(input, p + 1);
        }

        if (p < input.Length && (input[p] | 0x20) == (byte)'e')
        {
            p++;
            if (p < input.Length && (input[p] == (byte)'+' || input[p] == (byte)'-'))
            {
                p++;
            }

            if (p >= input.Length || (uint)(input[p] - '0') > 9)
            {
                throw Unexpected(input, p, "a digit");
            }

            p = SkipDigits(input, p + 1);
        }

        return p;
    }

    private static int SkipDigits(ReadOnlySpan<byte> input, int p)
    {
        while (p < input.Length && (uint)(input[p] - '0') <= 9)
        {
            p++;
        }

        return p;
    }

    /// <summary>
    /// RFC 8259 §7: a string from its opening quote; returns the offset after the closing quote. The token gets
    /// the content (in the source when it has no escapes, else unescaped into the side buffer).
    /// </summary>
    private static int ScanString(ReadOnlySpan<byte> input, int quote, ref JsonToken token, JsonWorkspace workspace, int maxBytes)
    {
        var contentStart = quote + 1;
        var p = contentStart;
        var escaped = false;
        while (true)
        {
            var i = p < input.Length ? input[p..].IndexOfAny(StringSpecial) : -1;
            if (i < 0)
            {
                throw Error(input, JsonInputError.InvalidJson, input.Length, "Unexpected end of input inside a string.");
            }

            p += i;
            var c = input[p];
            if (c == (byte)'"')
            {
                break;
            }

            if (c != (byte)'\\')
            {
                throw Error(input, JsonInputError.InvalidJson, p, $"Unescaped control character U+{c:X4} in a string.");
            }

            escaped = true;
            if (p + 1 >= input.Length)
            {
                throw Error(input, JsonInputError.InvalidJson, input.Length, "Unexpected end of input inside a string.");
            }

            switch (input[p + 1])
            {
                case (byte)'"':
                case (byte)'\\':
                case (byte)'/':
                case (byte)'b':
                case (byte)'f':
                case (byte)'n':
                case (byte)'r':
                case (byte)'t':
                    p += 2;
                    break;
                case (byte)'u':
                    if (p + 6 > input.Length || !IsHex(input[p + 2]) || !IsHex(input[p + 3]) || !IsHex(input[p + 4]) || !IsHex(input[p + 5]))
                    {
                        throw Error(input, JsonInputError.InvalidJson, p, "A \\u escape needs four hexadecimal digits.");
                    }

                    p += 6;
                    break;
                default:
                    throw Error(input, JsonInputError.InvalidJson, p, "Invalid escape sequence in a string.");
            }
        }

        var raw = input[contentStart..p];
        token.Unescaped = escaped;
        if (escaped)
        {
            token.Start = workspace.SideLength;
            token.Length = Unescape(input, raw, contentStart, workspace);
        }
        else
        {
            token.Start = contentStart;
            token.Length = raw.Length;
        }

        if (token.Length > maxBytes)
        {
            throw Error(input, JsonInputError.StringTooLong, quote, $"A string longer than {maxBytes} bytes.");
        }

        return p + 1;
    }

    private static bool IsHex(byte c) => (uint)(c - '0') <= 9 || (uint)((c | 0x20) - 'a') <= 5;

    private static JsonInputException Unexpected(ReadOnlySpan<byte> input, int p, string expected)
        => p >= input.Length
            ? Error(input, JsonInputError.InvalidJson, p, $"Unexpected end of input: expected {expected}.")
            : Error(input, JsonInputError.InvalidJson, p, $"Unexpected {Describe(input[p])}: expected {expected}.");

    private static string Describe(byte c) => c is >= 0x21 and < 0x7F ? $"'{(char)c}'" : $"byte 0x{c:X2}";

    /// <summary>
    /// Unescapes a string's raw bytes (RFC 8259 §7) into the side buffer; an unpaired surrogate escape is an
    /// error (RFC 7493 §2.1, RFC 8785 §3.2.2.2). The scanner has already checked the escape syntax.
    /// </summary>
    private static int Unescape(ReadOnlySpan<byte> input, ReadOnlySpan<byte> raw, int rawOffset, JsonWorkspace workspace)
    {
        workspace.EnsureSide(raw.Length);
        var destination = workspace.Side.AsSpan(workspace.SideLength);
        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var backslash = raw[i..].IndexOf((byte)'\\');
            if (backslash < 0)
            {
                raw[i..].CopyTo(destination[written..]);
                written += raw.Length - i;
                break;
            }

            raw.Slice(i, backslash).CopyTo(destination[written..]);
            written += backslash;
            i += backslash;
            var escape = raw[i + 1];
            switch (escape)
            {
                case (byte)'n': destination[written++] = (byte)'\n'; i += 2; continue;
                case (byte)'t': destination[written++] = (byte)'\t'; i += 2; continue;
                case (byte)'r': destination[written++] = (byte)'\r'; i += 2; continue;
                case (byte)'b': destination[written++] = (byte)'\b'; i += 2; continue;
                case (byte)'f': destination[written++] = (byte)'\f'; i += 2; continue;
                case (byte)'u': break;
                default: destination[written++] = escape; i += 2; continue; // '"', '\\' and '/'.
            }

            int codePoint = Hex4(raw.Slice(i + 2, 4));
            if (char.IsLowSurrogate((char)codePoint))
            {
                throw Error(input, JsonInputError.LoneSurrogate, rawOffset + i, $"Unpaired low surrogate escape \\u{codePoint:x4}.");
            }

            if (char.IsHighSurrogate((char)codePoint))
            {
                var low = i + 6 + 6 <= raw.Length && raw[i + 6] == (byte)'\\' && raw[i + 7] == (byte)'u' ? Hex4(raw.Slice(i + 8, 4)) : -1;
                if (low < 0 || !char.IsLowSurrogate((char)low))
                {
                    throw Error(input, JsonInputError.LoneSurrogate, rawOffset + i, $"Unpaired high surrogate escape \\u{codePoint:x4}.");
                }

                codePoint = char.ConvertToUtf32((char)codePoint, (char)low);
                i += 12;
            }
            else
            {
                i += 6;
            }

            // The UTF-8 form of a code point (at most 4 bytes; 6 escaped bytes or 12 for a pair were read).
            written += new System.Text.Rune(codePoint).EncodeToUtf8(destination[written..]);
        }

        workspace.SideLength += written;
        return written;
    }

    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var c = hex[i];
            var digit = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
            value = (value << 4) | digit;
        }

        return value;
    }

    /// <summary>
    /// RFC 7493 §2.2: the number must fit a double, and (on request) an integer literal must be exact in one.
    /// The token is left holding the canonical form (RFC 8785 §3.2.2.3): the trimmed literal for plain decimals,
    /// else the form of the double, written to the side buffer. Returns how many bytes longer that form is than
    /// the literal (for sizing the output).
    /// </summary>
    private static int CheckNumber(ReadOnlySpan<byte> input, ReadOnlySpan<byte> number, int start, bool rejectUnsafeIntegers, ref JsonToken token, JsonWorkspace workspace)
    {
        if (EcmaScriptNumber.TryCanonicalLiteral(number, out var trimmedStart, out var trimmedLength))
        {
            // Fifteen significant digits at most: in range, exact enough, and canonical once trimmed.
            token.Start = start + trimmedStart;
            token.Length = trimmedLength;
            return 0;
        }

        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error(input, JsonInputError.NumberOutOfRange, start, $"The number {Truncate(number)} is outside the range of a double.");
        }

        workspace.EnsureSide(EcmaScriptNumber.MaxLength);
        var canonical = workspace.Side.AsSpan(workspace.SideLength, EcmaScriptNumber.MaxLength);
        var length = EcmaScriptNumber.Format(value, canonical);
        canonical = canonical[..length];
        if (rejectUnsafeIntegers && number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0 && !canonical.SequenceEqual(number))
        {
            // An integer literal beyond 2^53 that is not the exact ECMAScript form of its double (9007199254740993
            // reads as 9007199254740992): a signature over the canonical form would not cover the digits written.
            throw Error(input, JsonInputError.UnsafeInteger, start, $"The integer {Truncate(number)} is not exact as a double (it would read as {System.Text.Encoding.ASCII.GetString(canonical)}).");
        }

        token.Unescaped = true;
        token.Start = workspace.SideLength;
        token.Length = length;
        workspace.SideLength += length;
        return Math.Max(0, length - number.Length);
    }

    private static string Truncate(ReadOnlySpan<byte> number)
        => System.Text.Encoding.ASCII.GetString(number.Length > 40 ? number[..40] : number) + (number.Length > 40 ? "..." : string.Empty);

    /// <summary>The JSON Pointer (RFC 6901) of the value being read when the scan stopped.</summary>
    private static string OpenPath(ReadOnlySpan<byte> input, JsonWorkspace workspace, int depth)
    {
        var path = new System.Text.StringBuilder();
        for (var d = 0; d < depth; d++)
        {
            ref readonly var container = ref workspace.Tokens[workspace.Stack[d]];
            if (container.Kind == JsonTokenKind.Array)
            {
                path.Append('/').Append(Math.Max(0, container.Length - 1).ToString(CultureInfo.InvariantCulture));
            }
            else if (workspace.Names[d] >= 0)
            {
                AppendName(path, NameBytes(input, workspace, workspace.Names[d]));
            }
            else
            {
                break;
            }
        }

        return path.ToString();
    }

    /// <summary>The JSON Pointer (RFC 6901) of a token of a complete token tree.</summary>
    public static string PathOf(ReadOnlySpan<byte> input, JsonWorkspace workspace, int target)
    {
        var tokens = workspace.Tokens;
        var path = new System.Text.StringBuilder();
        var current = 0;
        while (current != target)
        {
            ref readonly var container = ref tokens[current];
            var child = current + 1;
            var found = false;
            for (var i = 0; i < container.Length && !found; i++)
            {
                var value = container.Kind == JsonTokenKind.Object ? child + 1 : child;
                if (value <= target && target < tokens[value].Next)
                {
                    if (container.Kind == JsonTokenKind.Object)
                    {
                        AppendName(path, NameBytes(input, workspace, child));
                    }
                    else
                    {
                        path.Append('/').Append(i.ToString(CultureInfo.InvariantCulture));
                    }

                    current = value;
                    found = true;
                }

                child = tokens[value].Next;
            }

            if (!found)
            {
                break;
            }
        }

        return path.ToString();
    }

    private static ReadOnlySpan<byte> NameBytes(ReadOnlySpan<byte> input, JsonWorkspace workspace, int token)
    {
        ref readonly var name = ref workspace.Tokens[token];
        return name.Unescaped ? workspace.Side.AsSpan(name.Start, name.Length) : input.Slice(name.Start, name.Length);
    }

    /// <summary>Appends "/name" with RFC 6901 §3 escapes ("~" as "~0", "/" as "~1").</summary>
    public static void AppendName(System.Text.StringBuilder path, ReadOnlySpan<byte> name)
        => path.Append('/').Append(System.Text.Encoding.UTF8.GetString(name).Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> input)
    {
        var offset = 0;
        while (offset < input.Length)
        {
            if (System.Text.Rune.DecodeFromUtf8(input[offset..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return input.Length;
    }

    /// <summary>The refusal of a duplicate member name: at the later of the two names, with its path.</summary>
    public static JsonInputException DuplicateName(ReadOnlySpan<byte> input, JsonWorkspace workspace, int objectToken, int first, int second)
    {
        var tokens = workspace.Tokens;
        var name = NameBytes(input, workspace, second);
        var path = new System.Text.StringBuilder(PathOf(input, workspace, objectToken));
        AppendName(path, name);
        var offset = Math.Max(tokens[first].SourceStart, tokens[second].SourceStart);
        return Error(input, JsonInputError.DuplicateKey, offset, "Duplicate member name \"" + System.Text.Encoding.UTF8.GetString(name) + "\".")
            .WithPath(path.ToString());
    }

    /// <summary>An error at a byte offset, with its 1-based line and column.</summary>
    public static JsonInputException Error(ReadOnlySpan<byte> input, JsonInputError error, int offset, string message)
    {
        var before = input[..Math.Min(offset, input.Length)];
        var line = before.Count((byte)'\n') + 1;
        var column = offset - (before.LastIndexOf((byte)'\n') + 1) + 1;
        return new JsonInputException(
            error,
            string.Create(CultureInfo.InvariantCulture, $"{message} (line {line}, byte {column}, offset {offset})"),
            offset,
            line,
            column);
    }
}
