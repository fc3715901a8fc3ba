using System.Buffers;

namespace Tradeproof.Json;

/// <summary>
/// RFC 8785 §3.2: the canonical form of a JSON text. One pass of the scanner builds the compact token tree
/// (<see cref="JsonTokenizer"/>, which also makes the I-JSON checks of §3.1); this writes it out with no
/// whitespace (§3.2.1), members sorted (§3.2.3), literals, numbers and strings serialized as ECMAScript's
/// <c>JSON.stringify</c> does (§3.2.2).
/// </summary>
internal static class JcsCanonicalizer
{
    private static readonly SearchValues<byte> MustEscape = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, (byte)'"', (byte)'\\']);

    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json, JcsOptions options)
    {
        var workspace = Run(utf8Json, options);
        var result = workspace.Output.AsSpan(0, workspace.OutputLength).ToArray();
        JsonWorkspace.Return(workspace);
        return result;
    }

    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> output, JcsOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        var workspace = Run(utf8Json, options);
        workspace.WriteTo(output);
        JsonWorkspace.Return(workspace);
    }

    private static JsonWorkspace Run(ReadOnlySpan<byte> utf8Json, JcsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workspace = JsonWorkspace.Rent();
        var limits = new JsonTokenizer.Limits(options.MaxDepth, options.MaxStringBytes, options.MaxElements, CheckNumberRange: true, RejectUnsafeIntegers: !options.AllowUnsafeIntegers);
        JsonTokenizer.Tokenize(utf8Json, workspace, limits);

        // The canonical form is never longer than the input plus what number forms add (strings only lose
        // escapes, whitespace goes): the output buffer is sized once and written without capacity checks.
        workspace.OutputSpan(workspace.OutputBound);
        var writer = new Writer(utf8Json, workspace);
        writer.Write(0);
        workspace.OutputLength = writer.Position;
        return workspace;
    }

    private ref struct Writer
    {
        private readonly ReadOnlySpan<byte> _source;
        private readonly ReadOnlySpan<byte> _side;
        private readonly JsonToken[] _tokens;
        private readonly MemberSorter _sorter;
        private readonly Span<byte> _output;
        private readonly JsonWorkspace _workspace;

        public Writer(ReadOnlySpan<byte> source, JsonWorkspace workspace)
        {
            _workspace = workspace;
            _source = source;
            _side = workspace.Side.AsSpan(0, workspace.SideLength);
            _tokens = workspace.Tokens;
            _sorter = new MemberSorter(source, _side, workspace.Tokens);
            _output = workspace.Output;
            Position = 0;
        }

        public int Position { get; private set; }

        public void Write(int index)
        {
            ref readonly var token = ref _tokens[index];
            switch (token.Kind)
            {
                case JsonTokenKind.Object:
                    WriteObject(index, token.Length);
                    break;
                case JsonTokenKind.Array:
                    WriteByte((byte)'[');
                    var element = index + 1;
                    for (var i = 0; i < token.Length; i++)
                    {
                        if (i > 0)
                        {
                            WriteByte((byte)',');
                        }

                        Write(element);
                        element = _tokens[element].Next;
                    }

                    WriteByte((byte)']');
                    break;
                case JsonTokenKind.String:
                case JsonTokenKind.PropertyName:
                    WriteString(in token);
                    break;
                case JsonTokenKind.Number:
                    WriteNumber(in token);
                    break;
                case JsonTokenKind.True:
                    WriteBytes("true"u8);
                    break;
                case JsonTokenKind.False:
                    WriteBytes("false"u8);
                    break;
                default:
                    WriteBytes("null"u8);
                    break;
            }
        }

        /// <summary>§3.2.3: members sorted by name; a duplicate name is refused (§3.1, I-JSON).</summary>
        private void WriteObject(int index, int count)
        {
            WriteByte((byte)'{');
            int[]? rented = null;
            var all = count <= 32 ? stackalloc int[2 * count] : (rented = ArrayPool<int>.Shared.Rent(2 * count)).AsSpan(0, 2 * count);
            var names = all[..count];
            var name = index + 1;
            for (var m = 0; m < count; m++)
            {
                names[m] = name;
                name = _tokens[name + 1].Next;
            }

            var duplicate = _sorter.Sort(names, all[count..]);
            if (duplicate >= 0)
            {
                throw JsonTokenizer.DuplicateName(_source, _workspace, index, names[duplicate - 1], names[duplicate]);
            }

            for (var m = 0; m < count; m++)
            {
                if (m > 0)
                {
                    WriteByte((byte)',');
                }

                WriteString(in _tokens[names[m]]);
                WriteByte((byte)':');
                Write(names[m] + 1);
            }

            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }

            WriteByte((byte)'}');
        }

        /// <summary>
        /// §3.2.2.2: a string with only the escapes JSON.stringify makes: <c>\"</c>, <c>\\</c>, <c>\b \t \n \f \r</c>
        /// and <c>\u00xx</c> (lowercase hex) for the other controls; everything else as UTF-8.
        /// </summary>
        private void WriteString(in JsonToken token)
        {
            if (!token.Unescaped)
            {
                // Raw string content without escapes holds no quote, backslash or control (RFC 8259 §7).
                WriteBytes(_source.Slice(token.Start - 1, token.Length + 2));
                return;
            }

            var value = _side.Slice(token.Start, token.Length);
            WriteByte((byte)'"');
            while (true)
            {
                var next = value.IndexOfAny(MustEscape);
                if (next < 0)
                {
                    WriteBytes(value);
                    break;
                }

                WriteBytes(value[..next]);
                var c = value[next];
                switch (c)
                {
                    case (byte)'"': WriteBytes("\\\""u8); break;
                    case (byte)'\\': WriteBytes("\\\\"u8); break;
                    case (byte)'\b': WriteBytes("\\b"u8); break;
                    case (byte)'\t': WriteBytes("\\t"u8); break;
                    case (byte)'\n': WriteBytes("\\n"u8); break;
                    case (byte)'\f': WriteBytes("\\f"u8); break;
                    case (byte)'\r': WriteBytes("\\r"u8); break;
                    default:
                        WriteBytes("\\u00"u8);
                        WriteByte((byte)"0123456789abcdef"[c >> 4]);
                        WriteByte((byte)"0123456789abcdef"[c & 0xF]);
                        break;
                }

                value = value[(next + 1)..];
            }

            WriteByte((byte)'"');
        }

        /// <summary>
        /// §3.2.2.3: ECMAScript Number::toString of the double the literal denotes, which the tokenizer found
        /// (plain decimals are their own form, trimmed; others were formatted into the side buffer).
        /// </summary>
        private void WriteNumber(in JsonToken token)
            => WriteBytes(token.Unescaped ? _side.Slice(token.Start, token.Length) : _source.Slice(token.Start, token.Length));

        private void WriteByte(byte value) => _output[Position++] = value;

        private void WriteBytes(scoped ReadOnlySpan<byte> value)
        {
            value.CopyTo(_output[Position..]);
            Position += value.Length;
        }
    }
}
