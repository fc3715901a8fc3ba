using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tradeproof.Fuzz.Engine;
using Tradeproof.Json;

namespace Tradeproof.Fuzzing.Tests.Properties;

/// <summary>JCS (RFC 8785) over random JSON written in random ways: idempotent, independent of member order, escapes
/// and whitespace, and in agreement with the strict parser on what is acceptable.</summary>
public sealed class JcsProperties
{
    private abstract record J;

    private sealed record JObject(IReadOnlyList<(string Key, J Value)> Members) : J;

    private sealed record JArray(IReadOnlyList<J> Items) : J;

    private sealed record JString(string Value) : J;

    private sealed record JNumber(double Value) : J;

    private sealed record JLiteral(string Text) : J;

    private static readonly Gen<string> TextGen =
        Gen.ArrayOf(Gen.Elements("a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t", "\u0000", "\u001f", "\u007f", "\u00e9", "\u20ac", "\u2028", "\ufeff", "\U0001F600", "\U0010FFFF", "\u05d0"))
            .Select(parts => string.Concat(parts));

    private static readonly Gen<double> NumberGen = Gen.OneOf(
        Gen.Elements(0.0, -0.0, 1.0, -1.0, 0.1, 1e21, 1e-7, 123456789012345680000.0, 5e-324, double.MaxValue, double.Epsilon, 9007199254740991.0, 333333333.33333329, 1.5e300),
        Gen.Choose(-1_000_000, 1_000_000).Select(i => (double)i),
        from m in Gen.Choose(-99999, 99999) from e in Gen.Choose(-30, 30) select m * Math.Pow(10, e));

    private static Gen<J> JsonGen(int size) => size <= 0
        ? Gen.OneOf(
            TextGen.Select(s => (J)new JString(s)),
            NumberGen.Select(d => (J)new JNumber(d)),
            Gen.Elements("true", "false", "null").Select(t => (J)new JLiteral(t)))
        : Gen.Frequency(
            (2, JsonGen(0)),
            (1, Gen.ListOf(JsonGen(size / 3), Math.Min(size, 5)).Select(items => (J)new JArray([.. items]))),
            (2, from keys in Gen.ListOf(TextGen, Math.Min(size, 5))
                from values in Gen.ListOf(JsonGen(size / 3), Math.Min(size, 5))
                select (J)new JObject([.. keys.Distinct(StringComparer.Ordinal).Zip(values)])));

    /// <summary>Writes <paramref name="value"/> with the member order rotated by <paramref name="style"/>, some
    /// characters escaped and whitespace between tokens.</summary>
    private static string Write(J value, int style)
    {
        var builder = new StringBuilder();
        Write(builder, value, style);
        return builder.ToString();
    }

    private static void Write(StringBuilder b, J value, int style)
    {
        var space = (style & 1) == 0 ? "" : " \n\t";
        switch (value)
        {
            case JObject o:
                b.Append('{').Append(space);
                var members = o.Members.ToList();
                if (members.Count > 0)
                {
                    var shift = style % members.Count;
                    members = [.. members.Skip(shift), .. members.Take(shift)];
                }

                for (var i = 0; i < members.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(',').Append(space);
                    }

                    WriteString(b, members[i].Key, style);
                    b.Append(space).Append(':').Append(space);
                    Write(b, members[i].Value, style + i + 1);
                }

                b.Append(space).Append('}');
                break;
            case JArray a:
                b.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    b.Append(i > 0 ? "," + space : space);
                    Write(b, a.Items[i], style);
                }

                b.Append(']');
                break;
            case JString s:
                WriteString(b, s.Value, style);
                break;
            case JNumber n:
                b.Append(((style & 2) == 0 ? n.Value.ToString("R", CultureInfo.InvariantCulture) : n.Value.ToString("E16", CultureInfo.InvariantCulture)).Replace("E+", "e+", StringComparison.Ordinal));
                break;
            case JLiteral l:
                b.Append(l.Text);
                break;
        }
    }

    private static void WriteString(StringBuilder b, string value, int style)
    {
        b.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '"' or '\\' || c < 0x20 || (style & 4) != 0 && c > 0x7e)
            {
                b.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                b.Append(c);
            }
        }

        b.Append('"');
    }

    private static readonly Gen<(J Value, int Style1, int Style2)> CaseGen =
        from size in Gen.Choose(0, 30)
        from value in JsonGen(size)
        from style1 in Gen.Choose(0, 64)
        from style2 in Gen.Choose(0, 64)
        select (value, style1, style2);

    [Fact]
    public void Jcs_is_idempotent_and_independent_of_member_order_escapes_and_whitespace()
    {
        PropertyRuns.Check(Prop.ForAll(CaseGen.ToArbitrary(), c =>
        {
            var canonical = Jcs.Canonicalize(Write(c.Value, c.Style1));
            Assert.Equal(canonical, Jcs.Canonicalize(canonical));
            Assert.Equal(canonical, Jcs.Canonicalize(Write(c.Value, c.Style2)));
            // The canonical text is strict, I-JSON JSON.
            StrictJson.Validate(Encoding.UTF8.GetBytes(canonical), new StrictJsonOptions { RequireIJsonNumbers = true });
        }), maxTest: 300);
    }

    [Fact]
    public void Jcs_accepts_exactly_what_the_strict_parser_accepts_as_i_json()
    {
        var gen = from c in CaseGen
                  from seed in Gen.Choose(0, int.MaxValue)
                  select (c.Value, c.Style1, seed);
        var strict = new StrictJsonOptions { RequireIJsonNumbers = true };
        PropertyRuns.Check(Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var text = Encoding.UTF8.GetBytes(Write(c.Value, c.Style1));
            var mutated = Mutator.Mutate(text, [text], TokenKinds.Json, new FuzzRandom((ulong)c.seed));
            var jcsError = Refusal(() => Jcs.Canonicalize(mutated));
            var strictError = Refusal(() => StrictJson.Validate(mutated, strict));
            Assert.True(jcsError is null == strictError is null, $"JCS: {jcsError ?? "accepted"}; strict parser: {strictError ?? "accepted"}; input {Convert.ToHexString(mutated)}");
        }), maxTest: 1000);
    }

    private static string? Refusal(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (JsonInputException e)
        {
            return e.Error + ": " + e.Message;
        }
    }
}
