using System.Text.Json;

namespace Tradeproof.Credentials.Jose;

/// <summary>A parsed, checked JWS protected header (RFC 7515 §4).</summary>
public sealed class JwsHeader
{
    internal JwsHeader(JsonElement json, string alg, string? typ, string? kid, string? cty, IReadOnlyList<string> crit)
    {
        Json = json;
        Alg = alg;
        Typ = typ;
        Kid = kid;
        Cty = cty;
        Crit = crit;
    }

    /// <summary>The header object.</summary>
    public JsonElement Json { get; }

    /// <summary><c>alg</c>.</summary>
    public string Alg { get; }

    /// <summary><c>typ</c>, when present.</summary>
    public string? Typ { get; }

    /// <summary><c>kid</c>, when present.</summary>
    public string? Kid { get; }

    /// <summary><c>cty</c>, when present.</summary>
    public string? Cty { get; }

    /// <summary><c>crit</c> (empty when absent).</summary>
    public IReadOnlyList<string> Crit { get; }
}
