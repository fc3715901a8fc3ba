using System.Globalization;
using System.Text.Json;

namespace Tradeproof.Json;

/// <summary>
/// One pass of <see cref="Utf8JsonReader"/> over strict JSON into the compact token tree of a
/// <see cref="JsonWorkspace"/>, with the checks the reader does not make: well-formed UTF-8, no unpaired
/// surrogate escapes, the depth, string and element limits, and (on request) I-JSON numbers.
/// Duplicate member names are found later, when members are sorted.
/// </summary>
internal static class JsonTokenizer
{
    /// <summary>The largest integer a double holds exactly, as digits: 2^53 - 1 (16 digits).</summary>
    private static ReadOnlySpan<byte> MaxSafeInteger => "9007199254740991"u8;

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

        var reader = new Utf8JsonReader(input, new JsonReaderOptions
        {
            AllowTrailingCommas = false,
            CommentHandling = JsonCommentHandling.Disallow,
            MaxDepth = limits.MaxDepth + 1,
        });

        var tokens = workspace.Tokens;
        var count = 0;
        var stack = workspace.Stack;
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                var type = reader.TokenType;
                if (type is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    var open = stack[--depth];
                    tokens[open].Next = count;
                    continue;
                }

                if (count == tokens.Length)
                {
                    workspace.GrowTokens();
                    tokens = workspace.Tokens;
                }

                var start = (int)reader.TokenStartIndex;
                ref var token = ref tokens[count];
                token.SourceStart = start;
                token.Unescaped = false;
                token.Next = count + 1;
                token.Length = 0;

                // Count the member or element in its parent (a value in an object was counted with its name).
                if (depth > 0 && (type == JsonTokenType.PropertyName || tokens[stack[depth - 1]].Kind == JsonTokenKind.Array))
                {
                    ref var parent = ref tokens[stack[depth - 1]];
                    if (++parent.Length > limits.MaxElements)
                    {
                        throw Error(input, JsonInputError.TooManyElements, start, $"More than {limits.MaxElements} elements or members in one array or object.");
                    }
                }

                switch (type)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        if (depth >= limits.MaxDepth)
                        {
                            throw Error(input, JsonInputError.DepthExceeded, start, $"Nesting deeper than {limits.MaxDepth}.");
                        }

                        token.Kind = type == JsonTokenType.StartObject ? JsonTokenKind.Object : JsonTokenKind.Array;
                        token.Start = start;
                        if (depth == stack.Length)
                        {
                            workspace.GrowStack();
                            stack = workspace.Stack;
                        }

                        stack[depth++] = count;
                        break;

                    case JsonTokenType.PropertyName:
                    case JsonTokenType.String:
                        token.Kind = type == JsonTokenType.PropertyName ? JsonTokenKind.PropertyName : JsonTokenKind.String;
                        if (reader.ValueIsEscaped)
                        {
                            token.Unescaped = true;
                            token.Start = workspace.SideLength;
                            token.Length = Unescape(input, reader.ValueSpan, start + 1, workspace);
                        }
                        else
                        {
                            token.Start = start + 1;
                            token.Length = reader.ValueSpan.Length;
                        }

                        if (token.Length > limits.MaxStringBytes)
                        {
                            throw Error(input, JsonInputError.StringTooLong, start, $"A string longer than {limits.MaxStringBytes} bytes.");
                        }

                        break;

                    case JsonTokenType.Number:
                        token.Kind = JsonTokenKind.Number;
                        token.Start = start;
                        token.Length = reader.ValueSpan.Length;
                        if (limits.CheckNumberRange)
                        {
                            CheckNumber(input, reader.ValueSpan, start, limits.RejectUnsafeIntegers);
                        }

                        break;

                    case JsonTokenType.True:
                        token.Kind = JsonTokenKind.True;
                        break;
                    case JsonTokenType.False:
                        token.Kind = JsonTokenKind.False;
                        break;
                    default:
                        token.Kind = JsonTokenKind.Null;
                        break;
                }

                count++;
            }
        }
        catch (JsonException e)
        {
            // The reader's positions are 0-based; ours are 1-based.
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            throw new JsonInputException(JsonInputError.InvalidJson, e.Message, OffsetOf(input, line, column), line, column, e);
        }

        return count;
    }

    /// <summary>
    /// Unescapes a string's raw bytes (RFC 8259 §7) into the side buffer; an unpaired surrogate escape is an
    /// error (RFC 7493 §2.1, RFC 8785 §3.2.2.2). The reader has already checked the escape syntax.
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

    /// <summary>RFC 7493 §2.2: the number must fit a double, and (on request) an integer literal must be exact in one.</summary>
    private static void CheckNumber(ReadOnlySpan<byte> input, ReadOnlySpan<byte> number, int start, bool rejectUnsafeIntegers)
    {
        if (EcmaScriptNumber.TryCanonicalLiteral(number, out _, out _))
        {
            return; // Fifteen significant digits at most: exact enough and in range.
        }

        var digits = number[0] == (byte)'-' ? number[1..] : number;
        var isInteger = digits.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0;

        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (!double.IsFinite(value))
        {
            throw Error(input, JsonInputError.NumberOutOfRange, start, $"The number {Truncate(number)} is outside the range of a double.");
        }

        if (isInteger && rejectUnsafeIntegers && digits.Length >= MaxSafeInteger.Length)
        {
            // An integer literal beyond 2^53 that is not the exact ECMAScript form of its double (9007199254740993
            // reads as 9007199254740992): a signature over the canonical form would not cover the digits written.
            Span<byte> canonical = stackalloc byte[EcmaScriptNumber.MaxLength];
            var length = EcmaScriptNumber.Format(Math.Abs(value), canonical);
            if (!canonical[..length].SequenceEqual(digits))
            {
                throw Error(input, JsonInputError.UnsafeInteger, start, $"The integer {Truncate(number)} is not exact as a double (it would read as {(value < 0 ? "-" : string.Empty)}{System.Text.Encoding.ASCII.GetString(canonical[..length])}).");
            }
        }
    }

    private static string Truncate(ReadOnlySpan<byte> number)
        => System.Text.Encoding.ASCII.GetString(number.Length > 40 ? number[..40] : number) + (number.Length > 40 ? "..." : string.Empty);

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

    private static long OffsetOf(ReadOnlySpan<byte> input, long line, long column)
    {
        var offset = 0;
        for (var l = 1L; l < line; l++)
        {
            var next = input[offset..].IndexOf((byte)'\n');
            if (next < 0)
            {
                return -1;
            }

            offset += next + 1;
        }

        return offset + column - 1;
    }
}
