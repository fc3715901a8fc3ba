using System.Text.Json;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// The holder's choice of SD-JWT disclosures (RFC 9901 §4.3). Each disclosure is located by walking the issuer
/// JWT's payload (<c>_sd</c> digests in objects, <c>{"...": digest}</c> in arrays, recursively into disclosed
/// values), which gives it the JSON pointer it was issued under; a claim is chosen by that pointer or by its
/// name, and every disclosure containing it is kept too, so that each kept disclosure is referenced (§7.1 step 4).
/// </summary>
internal static class SdJwtPresentation
{
    public static string Present(string sdJwt, IReadOnlyList<string> disclose, bool discloseAll, KeyPair? holderKey, string? nonce, string? audience)
    {
        if (holderKey is not null && (string.IsNullOrEmpty(nonce) || string.IsNullOrEmpty(audience)))
        {
            throw new CliInputException("key binding needs the verifier's --nonce and --audience");
        }

        if (holderKey is null && (nonce is not null || audience is not null))
        {
            throw new CliInputException("--nonce and --audience go into the key binding JWT: give the holder's --key");
        }

        if (disclose.Count == 0 && !discloseAll)
        {
            throw new CliInputException("choose what to disclose: --disclose CLAIM (repeat) or --disclose-all");
        }

        var located = Locate(sdJwt);
        var keep = new HashSet<string>(StringComparer.Ordinal);
        if (discloseAll)
        {
            keep.UnionWith(located.Keys);
        }

        foreach (var wanted in disclose)
        {
            var matches = located.Values.Where(l => wanted.StartsWith('/') ? l.Pointer == wanted : l.Disclosure.Name == wanted).ToList();
            if (matches.Count == 0)
            {
                var available = string.Join(", ", located.Values.Select(l => l.Pointer).Order(StringComparer.Ordinal));
                throw new CliInputException($"the SD-JWT has no disclosure '{wanted}' (it has: {(available.Length == 0 ? "none" : available)})");
            }

            foreach (var match in matches)
            {
                for (var l = match; l is not null; l = l.Parent is null ? null : located[l.Parent])
                {
                    keep.Add(l.Disclosure.Digest);
                }
            }
        }

        return LibraryInput.Run(() => SdJwt.Present(sdJwt, d => keep.Contains(d.Digest), holderKey, nonce, audience, TimeProvider.System));
    }

    /// <summary>Every disclosure reachable from the issuer JWT's payload, by digest, with its pointer and parent disclosure.</summary>
    private static Dictionary<string, Located> Locate(string sdJwt)
    {
        var disclosures = LibraryInput.Run(() => SdJwt.Disclosures(sdJwt));
        var byDigest = new Dictionary<string, SdJwtDisclosure>(StringComparer.Ordinal);
        foreach (var d in disclosures)
        {
            byDigest.TryAdd(d.Digest, d);
        }

        var jws = sdJwt.Split('~')[0].Split('.');
        var payload = jws.Length == 3 ? Base64UrlStrict.TryDecode(jws[1]) : null;
        if (payload is null)
        {
            throw new CliInputException("the SD-JWT's issuer JWT is not a compact JWS");
        }

        var located = new Dictionary<string, Located>(StringComparer.Ordinal);
        Walk(StrictJson.ParseElement(payload), "", null, byDigest, located, 0);
        return located;
    }

    private static void Walk(JsonElement node, string pointer, string? parent, Dictionary<string, SdJwtDisclosure> byDigest, Dictionary<string, Located> located, int depth)
    {
        if (depth > 64)
        {
            throw new CliInputException("the SD-JWT nests deeper than 64 levels");
        }

        void Found(string digest, string path)
        {
            if (byDigest.TryGetValue(digest, out var disclosure) && located.TryAdd(digest, new Located(disclosure, path, parent)))
            {
                Walk(disclosure.Value, path, digest, byDigest, located, depth + 1);
            }
        }

        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var member in node.EnumerateObject())
            {
                if (member.NameEquals("_sd") && member.Value.ValueKind == JsonValueKind.Array)
                {
                    foreach (var digest in member.Value.EnumerateArray().Where(d => d.ValueKind == JsonValueKind.String))
                    {
                        var d = digest.GetString()!;
                        if (byDigest.TryGetValue(d, out var disclosure) && disclosure.Name is { } name)
                        {
                            Found(d, pointer + "/" + Escape(name));
                        }
                    }
                }
                else
                {
                    WalkChild(member.Value, pointer + "/" + Escape(member.Name));
                }
            }
        }
        else if (node.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in node.EnumerateArray())
            {
                var path = pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("...", out var digest) && digest.ValueKind == JsonValueKind.String)
                {
                    Found(digest.GetString()!, path);
                }
                else
                {
                    WalkChild(item, path);
                }

                index++;
            }
        }

        void WalkChild(JsonElement child, string path) => Walk(child, path, parent, byDigest, located, depth + 1);
    }

    // RFC 6901 §3: '~' as '~0', '/' as '~1'.
    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private sealed record Located(SdJwtDisclosure Disclosure, string Pointer, string? Parent);
}
