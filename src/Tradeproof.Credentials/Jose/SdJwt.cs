using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Cryptography;

namespace Tradeproof.Credentials.Jose;

/// <summary>One SD-JWT disclosure (RFC 9901 §4.2.1/§4.2.2): salt, claim name (absent for array elements), value.</summary>
/// <param name="Encoded">The base64url-encoded disclosure as it travels.</param>
/// <param name="Digest">base64url(SHA-256(ASCII(<paramref name="Encoded"/>))).</param>
/// <param name="Salt">The salt.</param>
/// <param name="Name">The claim name, or null for an array element.</param>
/// <param name="Value">The disclosed value.</param>
public sealed record SdJwtDisclosure(string Encoded, string Digest, string Salt, string? Name, JsonElement Value);

/// <summary>Options of <see cref="SdJwt.Issue"/>.</summary>
public sealed record SdJwtIssueOptions
{
    /// <summary>The issuer's verification method (DID URL) for <c>kid</c>.</summary>
    public required string Kid { get; init; }

    /// <summary>The <c>typ</c> (SD-JWT VC: <c>dc+sd-jwt</c>).</summary>
    public string Type { get; init; } = SdJwt.SdJwtVcType;

    /// <summary>Salts and decoys come from here (at least 128 bits per salt).</summary>
    public required IRandomSource Random { get; init; }

    /// <summary>JSON pointers of the selectively disclosable claims and array elements (e.g. <c>/address/street</c>, <c>/nationalities/1</c>).</summary>
    public required IReadOnlyCollection<string> Disclosable { get; init; }

    /// <summary>Decoy digests added to each <c>_sd</c> array.</summary>
    public int DecoysPerObject { get; init; }

    /// <summary>The holder's public key, put in <c>cnf.jwk</c> for key binding.</summary>
    public PublicKey? HolderKey { get; init; }
}

/// <summary>Options of <see cref="SdJwt.VerifyAsync"/>: the JOSE options plus key-binding requirements.</summary>
public sealed record SdJwtVerificationOptions
{
    /// <summary>Resolver, clock, skew, algorithms, expected nonce and audience of the key binding JWT.</summary>
    public required JoseVerificationOptions Jose { get; init; }

    /// <summary>Refuse presentations without a valid key binding JWT.</summary>
    public bool RequireKeyBinding { get; init; } = true;

    /// <summary>The required <c>typ</c>.</summary>
    public string Type { get; init; } = SdJwt.SdJwtVcType;

    /// <summary>Require <c>vct</c> (SD-JWT VC).</summary>
    public bool RequireVct { get; init; } = true;

    /// <summary>How old a key binding JWT may be.</summary>
    public TimeSpan MaxKeyBindingAge { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Selective Disclosure for JWTs (RFC 9901) and SD-JWT VC (draft-ietf-oauth-sd-jwt-vc): issue with selectively
/// disclosable object properties and array elements, present a subset with a key binding JWT, verify.
/// </summary>
public static class SdJwt
{
    /// <summary>The SD-JWT VC <c>typ</c>.</summary>
    public const string SdJwtVcType = "dc+sd-jwt";

    /// <summary>The key binding JWT <c>typ</c>.</summary>
    public const string KeyBindingType = "kb+jwt";

    /// <summary>The only hash algorithm accepted in <c>_sd_alg</c>.</summary>
    public const string HashAlgorithm = "sha-256";

    /// <summary>
    /// Issues an SD-JWT (RFC 9901 §4): each pointer in <see cref="SdJwtIssueOptions.Disclosable"/> becomes a disclosure
    /// (nested ones first, so disclosures may contain digests), <c>_sd</c> digests sorted, <c>_sd_alg</c> sha-256,
    /// <c>cnf.jwk</c> when a holder key is given. Returns <c>JWS~D1~...~Dn~</c>.
    /// </summary>
    public static string Issue(JsonObject claims, KeyPair issuerKey, SdJwtIssueOptions options)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(issuerKey);
        ArgumentNullException.ThrowIfNull(options);
        if (claims.ContainsKey("_sd") || claims.ContainsKey("_sd_alg"))
        {
            throw new ArgumentException("Claims may not use the reserved names _sd and _sd_alg.", nameof(claims));
        }

        if (options.Disclosable.FirstOrDefault(IsStatusPointer) is { } status)
        {
            throw new ArgumentException($"'{status}' cannot be selectively disclosed: a status claim (status, credentialStatus) is always disclosed, or a holder could hide a revocation (draft-ietf-oauth-sd-jwt-vc §3.2.2.2).", nameof(options));
        }

        var payload = (JsonObject)claims.DeepClone();
        var disclosures = new List<string>();
        var pending = new HashSet<string>(options.Disclosable, StringComparer.Ordinal);
        var processed = Conceal(payload, "", pending, disclosures, options);
        if (pending.Count > 0)
        {
            throw new ArgumentException("Not found in the claims: " + string.Join(", ", pending), nameof(options));
        }

        var root = (JsonObject)processed!;
        root["_sd_alg"] = HashAlgorithm;
        if (options.HolderKey is { } holder)
        {
            root["cnf"] = new JsonObject { ["jwk"] = JsonNode.Parse(holder.ToJwk().ToJson()) };
        }

        var jws = CompactJws.Sign(Encoding.UTF8.GetBytes(root.ToJsonString()), issuerKey, options.Kid, options.Type);
        var builder = new StringBuilder(jws).Append('~');
        foreach (var d in disclosures)
        {
            builder.Append(d).Append('~');
        }

        return builder.ToString();
    }

    /// <summary>The disclosures of an SD-JWT (for a holder choosing what to present); throws <see cref="FormatException"/> on bad input.</summary>
    public static IReadOnlyList<SdJwtDisclosure> Disclosures(string sdJwt)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        var parts = sdJwt.Split('~');
        var list = new List<SdJwtDisclosure>();
        for (var i = 1; i < parts.Length - 1; i++)
        {
            list.Add(TryDecodeDisclosure(parts[i], out var d, out var problem) ? d! : throw new FormatException(problem!.Detail));
        }

        return list;
    }

    /// <summary>
    /// Presents (RFC 9901 §4.3/§4.3.1): keeps the disclosures <paramref name="keep"/> selects (and that are reachable),
    /// then, with a holder key, appends a key binding JWT over <c>sd_hash</c>, <paramref name="nonce"/>,
    /// <paramref name="audience"/> and <c>iat</c> from <paramref name="time"/>.
    /// </summary>
    public static string Present(string sdJwt, Func<SdJwtDisclosure, bool> keep, KeyPair? holderKey, string? nonce, string? audience, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(sdJwt);
        ArgumentNullException.ThrowIfNull(keep);
        var parts = sdJwt.Split('~');
        var builder = new StringBuilder(parts[0]).Append('~');
        foreach (var d in Disclosures(sdJwt))
        {
            if (keep(d))
            {
                builder.Append(d.Encoded).Append('~');
            }
        }

        var presentation = builder.ToString();
        if (holderKey is null)
        {
            return presentation;
        }

        ArgumentException.ThrowIfNullOrEmpty(nonce);
        ArgumentException.ThrowIfNullOrEmpty(audience);
        var iat = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var kb = new JsonObject { ["iat"] = iat, ["aud"] = audience, ["nonce"] = nonce, ["sd_hash"] = Digest(presentation) };
        return presentation + CompactJws.Sign(Encoding.UTF8.GetBytes(kb.ToJsonString()), holderKey, null, KeyBindingType);
    }

    /// <summary>
    /// Verifies an SD-JWT presentation (RFC 9901 §7.1-§7.3): issuer JWS (typ, kid resolved, <c>iss</c> the key's
    /// controller, signature), <c>_sd_alg</c>, every disclosure referenced exactly once and never duplicated, no
    /// reserved claim names, then the key binding JWT. Returns the processed payload; never throws on bad input.
    /// </summary>
    public static async ValueTask<JoseVerificationResult> VerifyAsync(string? presentation, SdJwtVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var jose = options.Jose;
        if (string.IsNullOrEmpty(presentation) || presentation.Length > jose.MaxLength || !presentation.Contains('~', StringComparison.Ordinal))
        {
            return JoseVerificationResult.Fail(Problem("Not an SD-JWT: expected JWS~disclosures~[KB-JWT]."));
        }

        // §7.1 step 1: separate the issuer JWT, disclosures and key binding JWT.
        var parts = presentation.Split('~');
        var kbJwt = parts[^1];
        var parse = new JwsParseOptions { AllowedAlgorithms = jose.AllowedAlgorithms, RequiredType = options.Type, MaxLength = jose.MaxLength };
        if (!CompactJws.TryParse(parts[0], parse, out var jws, out var problem))
        {
            return JoseVerificationResult.Fail(problem!);
        }

        JsonNode? payloadNode;
        try
        {
            var strict = VcJose.Strict(jws!.Payload);
            payloadNode = strict.ValueKind == JsonValueKind.Object ? JsonObject.Create(strict) : null;
        }
        catch (Tradeproof.Json.JsonInputException e)
        {
            return JoseVerificationResult.Fail(new Problem(ProblemTypes.ParsingError, "SD-JWT payload is not JSON", e.Message), jws!.Header);
        }

        if (payloadNode is not JsonObject payload)
        {
            return JoseVerificationResult.Fail(new Problem(ProblemTypes.ParsingError, "SD-JWT payload is not an object"), jws.Header);
        }

        var problems = new List<Problem>();
        var iss = payload["iss"] is JsonValue issValue && issValue.TryGetValue<string>(out var issText) ? issText : null;
        if (iss is null)
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "SD-JWT without iss", "The issuer must be named in 'iss'."));
        }

        // §7.1 step 3: the hash algorithm.
        if (payload["_sd_alg"] is { } alg && (alg.GetValueKind() != JsonValueKind.String || alg.GetValue<string>() != HashAlgorithm))
        {
            return JoseVerificationResult.Fail(new Problem(ProblemTypes.CryptographicSecurityError, "Unsupported _sd_alg", $"Only {HashAlgorithm} is accepted, not {alg.ToJsonString()}."), jws.Header);
        }

        // §7.1 step 2: the signature, with the key named by kid, controlled by iss.
        var (method, controller) = await VcJose.ResolveKeyAsync(jws, iss, ProofPurposes.AssertionMethod, jose, problems, cancellationToken).ConfigureAwait(false);
        if (method is not null && iss is not null && !string.Equals(controller, iss, StringComparison.Ordinal))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Issuer is not the signer", $"The key {method.Id} is controlled by {controller}, not {iss}."));
        }

        if (method is not null && !jws.VerifySignature(method.PublicKey))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Signature does not verify", $"The SD-JWT signature does not verify with {method.Id}."));
        }

        if (problems.Count > 0)
        {
            return new JoseVerificationResult { Problems = problems, Header = jws.Header };
        }

        // §7.1 step 3-4: decode disclosures, refuse duplicates, replace digests, every disclosure used once.
        var byDigest = new Dictionary<string, SdJwtDisclosure>(StringComparer.Ordinal);
        for (var i = 1; i < parts.Length - 1; i++)
        {
            if (!TryDecodeDisclosure(parts[i], out var disclosure, out problem))
            {
                return JoseVerificationResult.Fail(problem!, jws.Header);
            }

            if (!byDigest.TryAdd(disclosure!.Digest, disclosure))
            {
                return JoseVerificationResult.Fail(Problem("A disclosure appears twice."), jws.Header);
            }
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        JsonNode? processed;
        try
        {
            processed = Reveal(payload, byDigest, used, 0);
        }
        catch (FormatException e)
        {
            return JoseVerificationResult.Fail(Problem(e.Message), jws.Header);
        }

        if (used.Count != byDigest.Count)
        {
            return JoseVerificationResult.Fail(Problem("A disclosure is not referenced by the SD-JWT."), jws.Header);
        }

        if (StatusConcealment(payload, byDigest) is { } concealed)
        {
            return JoseVerificationResult.Fail(Problem(concealed), jws.Header);
        }

        var result = (JsonObject)processed!;
        result.Remove("_sd_alg");
        var processedJson = VcJose.Strict(Encoding.UTF8.GetBytes(result.ToJsonString()));
        if (options.RequireVct && !(processedJson.TryGetProperty("vct", out var vct) && vct.ValueKind == JsonValueKind.String && vct.GetString()!.Length > 0))
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "SD-JWT VC without vct", "'vct' must be a non-empty string."));
        }

        JwtClaims.Check(processedJson, iss, jose, checkNonceAndAudience: false, problems);

        // §7.3: key binding.
        if (kbJwt.Length > 0 || options.RequireKeyBinding)
        {
            CheckKeyBinding(presentation[..(presentation.Length - kbJwt.Length)], kbJwt, processedJson, options, problems);
        }

        return new JoseVerificationResult { Problems = problems, Header = jws.Header, Payload = processedJson, VerificationMethod = method?.Id, Controller = controller };
    }

    private static void CheckKeyBinding(string presented, string kbJwt, JsonElement payload, SdJwtVerificationOptions options, List<Problem> problems)
    {
        if (kbJwt.Length == 0)
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Key binding missing", "A key binding JWT is required."));
            return;
        }

        if (!payload.TryGetProperty("cnf", out var cnf) || cnf.ValueKind != JsonValueKind.Object || !cnf.TryGetProperty("jwk", out var jwkJson))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "No holder key", "The SD-JWT has no cnf.jwk to check key binding against."));
            return;
        }

        PublicKey holder;
        try
        {
            holder = PublicKey.FromJwk(Jwk.FromJson(jwkJson));
        }
        catch (Exception e) when (e is FormatException or ArgumentException or KeyFormatException or CryptographicException)
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "Unreadable cnf.jwk", e.Message));
            return;
        }

        var parse = new JwsParseOptions { AllowedAlgorithms = options.Jose.AllowedAlgorithms, RequiredType = KeyBindingType };
        if (!CompactJws.TryParse(kbJwt, parse, out var kb, out var problem))
        {
            problems.Add(problem!);
            return;
        }

        if (!kb!.VerifySignature(holder))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Key binding does not verify", "The key binding JWT is not signed by the cnf key."));
            return;
        }

        JsonElement claims;
        try
        {
            claims = VcJose.Strict(kb.Payload);
        }
        catch (Tradeproof.Json.JsonInputException e)
        {
            problems.Add(new Problem(ProblemTypes.ParsingError, "Key binding payload is not JSON", e.Message));
            return;
        }

        if (claims.ValueKind != JsonValueKind.Object || !claims.TryGetProperty("sd_hash", out var sdHash) || sdHash.ValueKind != JsonValueKind.String
            || !string.Equals(sdHash.GetString(), Digest(presented), StringComparison.Ordinal))
        {
            problems.Add(new Problem(ProblemTypes.CryptographicSecurityError, "Key binding sd_hash mismatch", "The key binding JWT is not over this presentation."));
            return;
        }

        var local = new List<Problem>();
        if (!JwtClaims.TryNumericDate(claims, "iat", local, out var iat) || iat is not { } issued)
        {
            problems.Add(new Problem(ProblemTypes.MalformedValueError, "Key binding without iat", "'iat' is required."));
        }
        else
        {
            var now = options.Jose.TimeProvider.GetUtcNow();
            if (issued > now + options.Jose.ClockSkew || issued < now - options.MaxKeyBindingAge - options.Jose.ClockSkew)
            {
                problems.Add(new Problem(ProblemTypes.RangeError, "Key binding too old or in the future", $"iat {issued:O}."));
            }
        }

        if (options.Jose.ExpectedNonce is null || options.Jose.ExpectedAudience is null)
        {
            problems.Add(new Problem(ProblemTypes.InvalidChallengeError, "No expected nonce and audience", "Key binding needs the verifier's nonce and audience."));
            return;
        }

        JwtClaims.CheckNonceAndAudience(claims, options.Jose, problems);
    }

    private static JsonNode? Conceal(JsonNode? node, string pointer, HashSet<string> pending, List<string> disclosures, SdJwtIssueOptions options)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var digests = new List<string>();
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    var childPointer = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    var value = Conceal(obj[name], childPointer, pending, disclosures, options);
                    obj[name] = null;
                    if (pending.Remove(childPointer))
                    {
                        if (name is "_sd" or "...")
                        {
                            throw new ArgumentException($"'{name}' cannot be selectively disclosed.", nameof(options));
                        }

                        obj.Remove(name);
                        digests.Add(AddDisclosure(new JsonArray(Salt(options.Random), name, value), disclosures));
                    }
                    else
                    {
                        obj[name] = value;
                    }
                }

                for (var i = 0; i < options.DecoysPerObject && (digests.Count > 0 || options.DecoysPerObject > 0); i++)
                {
                    digests.Add(Digest(Salt(options.Random)));
                }

                if (digests.Count > 0)
                {
                    digests.Sort(StringComparer.Ordinal);
                    obj["_sd"] = new JsonArray(digests.Select(d => (JsonNode)JsonValue.Create(d)).ToArray());
                }

                return obj;
            }

            case JsonArray array:
            {
                var items = array.ToList();
                array.Clear();
                for (var i = 0; i < items.Count; i++)
                {
                    var childPointer = pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var value = Conceal(items[i], childPointer, pending, disclosures, options);
                    array.Add(pending.Remove(childPointer)
                        ? new JsonObject { ["..."] = AddDisclosure(new JsonArray(Salt(options.Random), value), disclosures) }
                        : value);
                }

                return array;
            }

            default:
                return node;
        }
    }

    private static string AddDisclosure(JsonArray disclosure, List<string> disclosures)
    {
        var encoded = Base64UrlStrict.Encode(Encoding.UTF8.GetBytes(disclosure.ToJsonString()));
        disclosures.Add(encoded);
        return Digest(encoded);
    }

    private static string Salt(IRandomSource random)
    {
        Span<byte> salt = stackalloc byte[16];
        random.Fill(salt);
        return Base64UrlStrict.Encode(salt);
    }

    /// <summary>base64url(SHA-256(ASCII(text))).</summary>
    internal static string Digest(string text) => Base64UrlStrict.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(text)));

    private static bool TryDecodeDisclosure(string encoded, out SdJwtDisclosure? disclosure, out Problem? problem)
    {
        disclosure = null;
        problem = null;
        if (!Base64UrlStrict.TryDecode(encoded, out var bytes))
        {
            problem = Problem("A disclosure is not canonical base64url.");
            return false;
        }

        JsonElement array;
        try
        {
            array = VcJose.Strict(bytes);
        }
        catch (Tradeproof.Json.JsonInputException e)
        {
            problem = Problem("A disclosure is not JSON: " + e.Message);
            return false;
        }

        var length = array.ValueKind == JsonValueKind.Array ? array.GetArrayLength() : 0;
        if (length is not (2 or 3) || array[0].ValueKind != JsonValueKind.String || (length == 3 && array[1].ValueKind != JsonValueKind.String))
        {
            problem = Problem("A disclosure must be [salt, name, value] or [salt, value].");
            return false;
        }

        var name = length == 3 ? array[1].GetString() : null;
        if (name is "_sd" or "...")
        {
            problem = Problem($"A disclosure may not use the claim name '{name}'.");
            return false;
        }

        disclosure = new SdJwtDisclosure(encoded, Digest(encoded), array[0].GetString()!, name, array[length - 1].Clone());
        return true;
    }

    /// <summary>RFC 9901 §7.1 step 3: replace digests by disclosed values, recursively; decoys vanish.</summary>
    private static JsonNode? Reveal(JsonNode? node, Dictionary<string, SdJwtDisclosure> byDigest, HashSet<string> used, int depth)
    {
        if (depth > 64)
        {
            throw new FormatException("Disclosures nest too deeply.");
        }

        switch (node)
        {
            case JsonObject obj:
            {
                var result = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    if (name != "_sd")
                    {
                        result[name] = Reveal(value?.DeepClone(), byDigest, used, depth + 1);
                    }
                }

                if (obj["_sd"] is { } sd)
                {
                    if (sd is not JsonArray digests)
                    {
                        throw new FormatException("_sd must be an array of digests.");
                    }

                    foreach (var item in digests)
                    {
                        if (item is not JsonValue v || !v.TryGetValue<string>(out var digest))
                        {
                            throw new FormatException("_sd must be an array of digest strings.");
                        }

                        if (!byDigest.TryGetValue(digest, out var disclosure))
                        {
                            continue;
                        }

                        if (!used.Add(digest))
                        {
                            throw new FormatException("A digest is referenced more than once.");
                        }

                        if (disclosure.Name is null)
                        {
                            throw new FormatException("An array-element disclosure is referenced from _sd.");
                        }

                        if (result.ContainsKey(disclosure.Name))
                        {
                            throw new FormatException($"The disclosed claim '{disclosure.Name}' already exists.");
                        }

                        result[disclosure.Name] = Reveal(JsonNode.Parse(disclosure.Value.GetRawText()), byDigest, used, depth + 1);
                    }
                }

                return result;
            }

            case JsonArray array:
            {
                var result = new JsonArray();
                foreach (var item in array)
                {
                    if (item is JsonObject o && o.Count == 1 && o["..."] is { } reference)
                    {
                        if (reference is not JsonValue rv || !rv.TryGetValue<string>(out var digest))
                        {
                            throw new FormatException("'...' must hold a digest string.");
                        }

                        if (!byDigest.TryGetValue(digest, out var disclosure))
                        {
                            continue;
                        }

                        if (!used.Add(digest))
                        {
                            throw new FormatException("A digest is referenced more than once.");
                        }

                        if (disclosure.Name is not null)
                        {
                            throw new FormatException("An object-property disclosure is referenced from an array.");
                        }

                        result.Add(Reveal(JsonNode.Parse(disclosure.Value.GetRawText()), byDigest, used, depth + 1));
                    }
                    else
                    {
                        result.Add(Reveal(item?.DeepClone(), byDigest, used, depth + 1));
                    }
                }

                return result;
            }

            default:
                return node?.DeepClone();
        }
    }

    /// <summary>The top-level claims that carry a credential's status: never selectively disclosable.</summary>
    private static readonly string[] StatusClaims = ["status", "credentialStatus"];

    private static bool IsStatusPointer(string pointer) =>
        StatusClaims.Any(c => pointer == "/" + c || pointer.StartsWith("/" + c + "/", StringComparison.Ordinal));

    /// <summary>
    /// Why the issuer-signed payload lets a holder withhold status, or null: a status claim disclosed through a top-level
    /// digest, or digests (<c>_sd</c>, <c>...</c>) inside a status claim. Either way the status a verifier sees would be
    /// the holder's choice, so such an SD-JWT is refused rather than checked.
    /// </summary>
    private static string? StatusConcealment(JsonObject payload, Dictionary<string, SdJwtDisclosure> byDigest)
    {
        if (payload["_sd"] is JsonArray top)
        {
            foreach (var item in top)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var digest) && byDigest.TryGetValue(digest, out var d) && d.Name is { } name && StatusClaims.Contains(name))
                {
                    return $"The status claim '{name}' is selectively disclosed: status must always be disclosed.";
                }
            }
        }

        foreach (var name in StatusClaims)
        {
            if (payload[name] is { } claim && HasDigests(claim, 0))
            {
                return $"The status claim '{name}' holds selectively disclosable parts: status must always be disclosed.";
            }
        }

        return null;
    }

    private static bool HasDigests(JsonNode? node, int depth) => depth <= 64 && node switch
    {
        JsonObject o => o.ContainsKey("_sd") || o.ContainsKey("...") || o.Any(p => HasDigests(p.Value, depth + 1)),
        JsonArray a => a.Any(i => HasDigests(i, depth + 1)),
        _ => false,
    };

    private static Problem Problem(string detail) => new(ProblemTypes.MalformedValueError, "Invalid SD-JWT", detail);
}
