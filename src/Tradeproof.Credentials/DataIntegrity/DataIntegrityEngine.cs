using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Credentials.DataIntegrity;

/// <summary>
/// The generic proof engine of VC Data Integrity 1.0: adds proofs (§4.2 "Add Proof", §4.3 "Add Proof Set/Chain")
/// and verifies them (§4.4 "Verify Proof", §4.5 "Verify Proof Sets and Chains") with the suites of its
/// <see cref="CryptosuiteRegistry"/>. Adding a proof with bad arguments throws; verifying never throws on a bad
/// document: every failure is a <see cref="Problem"/> in the result. Thread-safe.
/// </summary>
public sealed class DataIntegrityEngine
{
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;

    public DataIntegrityEngine(DataIntegrityEngineOptions? options = null)
    {
        options ??= new DataIntegrityEngineOptions();
        Registry = options.Registry ?? CryptosuiteRegistry.CreateDefault();
        Transforms = options.Transforms ?? ProofTransforms.Default;
        _time = options.TimeProvider ?? throw new ArgumentException("TimeProvider is required.", nameof(options));
        _random = options.Random ?? throw new ArgumentException("Random is required.", nameof(options));
    }

    /// <summary>The suites.</summary>
    public CryptosuiteRegistry Registry { get; }

    /// <summary>The transformations (shared JSON-LD options and context cache).</summary>
    public ProofTransforms Transforms { get; }

    /// <summary>
    /// Adds a proof to a JSON document (VC Data Integrity 1.0 §4.2, §4.3): the document keeps its members as given;
    /// <c>proof</c> becomes the new proof, or a list when it already had one (a proof set, or a chain when
    /// <see cref="ProofOptions.PreviousProof"/> names existing proofs).
    /// </summary>
    /// <returns>The secured document, UTF-8 JSON.</returns>
    /// <exception cref="ArgumentException">Not a JSON object, unknown suite, a key the suite cannot use, or an unknown previous proof.</exception>
    /// <exception cref="ProofTransformException">The document cannot be transformed (e.g. a term its contexts do not define).</exception>
    public byte[] AddProof(ReadOnlySpan<byte> document, ProofOptions options, KeyPair signer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(signer);
        if (!Registry.TryGet(options.Cryptosuite, out var suite))
        {
            throw new ArgumentException($"Unknown cryptosuite '{options.Cryptosuite}'.", nameof(options));
        }

        if (!suite.SupportsKeyType(signer.Type))
        {
            throw new ArgumentException($"{suite.Name} cannot sign with a {signer.Type} key.", nameof(signer));
        }

        JsonElement root;
        try
        {
            root = StrictJson.ParseElement(document);
        }
        catch (JsonInputException e)
        {
            throw new ArgumentException("The document is not valid JSON: " + e.Message, nameof(document), e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("The document must be a JSON object.", nameof(document));
        }

        var existing = root.TryGetProperty("proof", out var proofMember) ? ProofElements(proofMember) : [];
        if (existing is null)
        {
            throw new ArgumentException("The document's 'proof' must be an object or a list of objects.", nameof(document));
        }

        // §4.3 step 5 (chains): the unsecured document carries the previous proofs the new proof names.
        List<JsonElement>? previous = null;
        if (options.PreviousProof is { Count: > 0 } previousIds)
        {
            previous = [];
            foreach (var id in previousIds)
            {
                var match = existing.FirstOrDefault(p => p.TryGetProperty("id", out var pid) && pid.ValueKind == JsonValueKind.String && pid.ValueEquals(id));
                if (match.ValueKind != JsonValueKind.Object)
                {
                    throw new ArgumentException($"previousProof '{id}' names no proof of the document.", nameof(options));
                }

                previous.Add(match);
            }
        }

        var unsecured = WithProofs(root, previous);
        var unsecuredRoot = StrictJson.ParseElement(unsecured);
        var configuration = options.ToConfiguration(suite.ProofType, suite.CryptosuiteName, _time.GetUtcNow());
        var proof = suite.CreateProof(new ProofCreationContext
        {
            UnsecuredDocument = unsecured,
            Document = unsecuredRoot,
            ProofConfiguration = configuration,
            Options = options,
            Signer = signer,
            Transforms = Transforms,
            Random = _random,
            CancellationToken = cancellationToken,
        });

        // §4.2 step 6 / §4.3: attach; an existing proof becomes a proof set.
        var buffer = new ArrayBufferWriter<byte>(document.Length + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in root.EnumerateObject())
            {
                if (!member.NameEquals("proof"))
                {
                    member.WriteTo(writer);
                }
            }

            writer.WritePropertyName("proof");
            if (existing.Count == 0)
            {
                proof.Json.WriteTo(writer);
            }
            else
            {
                writer.WriteStartArray();
                foreach (var p in existing)
                {
                    p.WriteTo(writer);
                }

                proof.Json.WriteTo(writer);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Verifies every proof of a secured document (VC Data Integrity 1.0 §4.4, §4.5): structure, suite, purpose,
    /// domain and challenge, <c>created</c>/<c>expires</c>, <c>previousProof</c> references, the verification
    /// method (through <see cref="ProofVerificationOptions.Resolver"/>) and the signature. Never throws on a bad
    /// document (only on cancellation or a null argument).
    /// </summary>
    public async ValueTask<DataIntegrityVerificationResult> VerifyAsync(ReadOnlyMemory<byte> securedDocument, ProofVerificationOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonElement root;
        try
        {
            root = StrictJson.ParseElement(securedDocument.Span);
        }
        catch (JsonInputException e)
        {
            return DataIntegrityVerificationResult.Failure(new Problem(ProblemTypes.ParsingError, "Not valid JSON", e.Message));
        }

        return await VerifyAsync(root, options, strictlyParsed: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Verifies every proof of a parsed secured document (see the byte overload).</summary>
    public ValueTask<DataIntegrityVerificationResult> VerifyAsync(JsonElement securedDocument, ProofVerificationOptions options, CancellationToken cancellationToken = default) =>
        VerifyAsync(securedDocument, options, strictlyParsed: false, cancellationToken);

    /// <summary>
    /// Verifies a parsed secured document. <paramref name="strictlyParsed"/>: the element was read by
    /// <see cref="StrictJson"/>, so its own UTF-8 text is strict JSON and the unsecured document can be cut out of
    /// it (see <see cref="WithoutProofMember(JsonElement, JsonElement)"/>); otherwise it is written anew from the element.
    /// </summary>
    internal async ValueTask<DataIntegrityVerificationResult> VerifyAsync(JsonElement securedDocument, ProofVerificationOptions options, bool strictlyParsed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Resolver);
        if (securedDocument.ValueKind != JsonValueKind.Object)
        {
            return DataIntegrityVerificationResult.Failure(new Problem(ProblemTypes.ParsingError, "Not a JSON object", "A secured document is a JSON object."));
        }

        if (!securedDocument.TryGetProperty("proof", out var proofMember))
        {
            return DataIntegrityVerificationResult.Failure(new Problem(ProblemTypes.ProofVerificationError, "No proof", "The document has no 'proof'."));
        }

        var elements = ProofElements(proofMember);
        if (elements is null || elements.Count == 0)
        {
            return DataIntegrityVerificationResult.Failure(new Problem(ProblemTypes.ProofVerificationError, "Malformed proof", "'proof' must be an object or a non-empty list of objects."));
        }

        // §4.5: read all proofs first (chains refer to each other by id).
        var parsed = new DataIntegrityProof?[elements.Count];
        var results = new ProofVerificationResult[elements.Count];
        for (var i = 0; i < elements.Count; i++)
        {
            if (DataIntegrityProof.TryParse(elements[i], out var proof, out var problem))
            {
                parsed[i] = proof;
            }
            else
            {
                results[i] = new ProofVerificationResult { Problems = [problem!] };
            }
        }

        ReadOnlyMemory<byte>? bare = null;
        for (var i = 0; i < elements.Count; i++)
        {
            if (parsed[i] is not { } proof)
            {
                continue;
            }

            // §4.5 step 2.2: a chained proof is verified over the document holding the proofs it names.
            List<JsonElement>? previous = null;
            Problem? chainProblem = null;
            if (proof.PreviousProof.Count > 0)
            {
                previous = [];
                foreach (var id in proof.PreviousProof)
                {
                    var index = Array.FindIndex(parsed, p => p is not null && p.Id == id);
                    if (index < 0 || index == i)
                    {
                        chainProblem = new Problem(ProblemTypes.ProofVerificationError, "Unknown previous proof", $"previousProof '{id}' names no other proof of the document.");
                        break;
                    }

                    previous.Add(elements[index]);
                }
            }

            if (chainProblem is not null)
            {
                results[i] = new ProofVerificationResult { Proof = proof, Problems = [chainProblem] };
                continue;
            }

            ReadOnlyMemory<byte> unsecured;
            if (previous is null)
            {
                bare ??= strictlyParsed ? WithoutProofMember(securedDocument, proofMember) : WithProofs(securedDocument, null);
                unsecured = bare.Value;
            }
            else
            {
                unsecured = WithProofs(securedDocument, previous);
            }

            results[i] = await VerifyOneAsync(unsecured, previous is null ? securedDocument : null, proof, options, cancellationToken).ConfigureAwait(false);
        }

        var problems = new List<Problem>();
        foreach (var result in results)
        {
            problems.AddRange(result.Problems);
        }

        return new DataIntegrityVerificationResult { Proofs = results, Problems = problems };
    }

    // contextSource: the secured document when unsecured is it without proof (the same @context), else null
    // (a chain's document with previous proofs), so it also says whether the options' embedded documents apply.
    private async ValueTask<ProofVerificationResult> VerifyOneAsync(ReadOnlyMemory<byte> unsecured, JsonElement? contextSource, DataIntegrityProof proof, ProofVerificationOptions options, CancellationToken cancellationToken)
    {
        // §4.4 step 3: the suite must be known (and allowed).
        if (!Registry.TryGet(proof, out var suite)
            || (options.AllowedCryptosuites is { } allowed && !allowed.Contains(suite.Name)))
        {
            return Fail(proof, ProblemTypes.ProofVerificationError, "Unsupported cryptosuite", $"'{proof.Cryptosuite ?? proof.Type}' is not an accepted suite.");
        }

        if (proof.ProofValue is null && proof.Jws is null)
        {
            return Fail(proof, ProblemTypes.ProofVerificationError, "Malformed proof", "The proof has no 'proofValue'.");
        }

        // §4.4 step 5: the purpose must match.
        if (!string.Equals(proof.ProofPurpose, options.ExpectedProofPurpose, StringComparison.Ordinal))
        {
            return Fail(proof, ProblemTypes.ProofVerificationError, "Mismatched proof purpose", $"Expected '{options.ExpectedProofPurpose}', found '{proof.ProofPurpose}'.");
        }

        // §4.4 steps 6-7: domain and challenge.
        if (options.ExpectedDomain is { Count: > 0 } domains && !proof.Domain.Any(d => domains.Contains(d, StringComparer.Ordinal)))
        {
            return Fail(proof, ProblemTypes.InvalidDomainError, "Invalid domain", "The proof's domain is not an expected one.");
        }

        if (options.ExpectedChallenge is { } challenge && !string.Equals(proof.Challenge, challenge, StringComparison.Ordinal))
        {
            return Fail(proof, ProblemTypes.InvalidChallengeError, "Invalid challenge", "The proof's challenge is not the expected one.");
        }

        // Times: created not in the future, expires not in the past (with the skew).
        var now = _time.GetUtcNow();
        if (proof.Created is { } created && created > now + options.ClockSkew)
        {
            return Fail(proof, ProblemTypes.ProofVerificationError, "Proof created in the future", $"created {DataIntegrityProof.FormatDateTime(created)}.");
        }

        if (proof.Expires is { } expires && expires < now - options.ClockSkew)
        {
            return Fail(proof, ProblemTypes.ProofVerificationError, "Proof expired", $"expires {DataIntegrityProof.FormatDateTime(expires)}.");
        }

        // The key: resolved and checked against the purpose's relationship.
        var resolution = await options.Resolver.ResolveAsync(proof.VerificationMethod, proof.ProofPurpose, cancellationToken).ConfigureAwait(false);
        if (resolution.Method is not { } method)
        {
            return new ProofVerificationResult { Proof = proof, Problems = [resolution.Problem ?? VerificationMethodResolution.Failure(proof.VerificationMethod).Problem!] };
        }

        if (!suite.SupportsKeyType(method.PublicKey.Type))
        {
            return new ProofVerificationResult
            {
                Proof = proof,
                VerificationMethod = method,
                Problems = [new Problem(ProblemTypes.ProofVerificationError, "Key type does not fit the suite", $"{suite.Name} cannot use a {method.PublicKey.Type} key.")],
            };
        }

        Problem? problem;
        try
        {
            problem = suite.VerifyProof(new ProofVerificationContext
            {
                UnsecuredDocument = unsecured,
                ContextSource = contextSource,
                KeepEmbedded = contextSource is not null ? options.KeepEmbedded : null,
                Embedded = contextSource is not null ? options.Embedded : null,
                Proof = proof,
                PublicKey = method.PublicKey,
                Transforms = Transforms,
                CancellationToken = cancellationToken,
            });
        }
        catch (ProofTransformException e)
        {
            problem = new Problem(ProblemTypes.ProofTransformationError, "Transformation failed", e.Message);
        }

        return new ProofVerificationResult { Proof = proof, VerificationMethod = method, Problems = problem is null ? [] : [problem] };
    }

    private static ProofVerificationResult Fail(DataIntegrityProof proof, string type, string title, string detail) =>
        new() { Proof = proof, Problems = [new Problem(type, title, detail)] };

    /// <summary>The proof objects of a <c>proof</c> member; null when it is neither an object nor a list of objects.</summary>
    private static List<JsonElement>? ProofElements(JsonElement proofMember)
    {
        if (proofMember.ValueKind == JsonValueKind.Object)
        {
            return [proofMember];
        }

        if (proofMember.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var list = new List<JsonElement>(proofMember.GetArrayLength());
        foreach (var item in proofMember.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            list.Add(item);
        }

        return list;
    }

    /// <summary>
    /// The document without its top-level <c>proof</c> member, cut out of its own strict UTF-8 JSON text (the bytes
    /// before and after the member, with the separating comma removed) instead of written anew: the same JSON
    /// value as <see cref="WithProofs"/> with no proofs, for less than half the work.
    /// </summary>
    /// <param name="strictJson">An object's text, valid strict JSON (member names unique).</param>
    internal static byte[] WithoutProofMember(ReadOnlySpan<byte> strictJson)
    {
        // Any depth: the strict parse (with whatever options the caller chose) already capped it.
        var reader = new Utf8JsonReader(strictJson, new JsonReaderOptions { MaxDepth = int.MaxValue });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new ArgumentException("Not a JSON object.", nameof(strictJson));
        }

        // previousEnd: just after the value of the member before the one read (-1 before the first member).
        var previousEnd = -1;
        var cutStart = -1;
        var cutEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            if (cutStart >= 0 && cutEnd < 0)
            {
                // proof was the first member: cut up to this member's name (the comma goes with it).
                cutEnd = nameStart;
            }

            var isProof = reader.ValueTextEquals("proof"u8);
            reader.Skip();
            var valueEnd = (int)reader.BytesConsumed;
            if (isProof)
            {
                if (previousEnd >= 0)
                {
                    // Not the first member: cut from the end of the previous value (its comma) to the end of proof.
                    cutStart = previousEnd;
                    cutEnd = valueEnd;
                }
                else
                {
                    cutStart = nameStart;
                    cutEnd = -1;
                    previousEnd = valueEnd;
                    continue;
                }
            }

            previousEnd = valueEnd;
        }

        if (cutStart < 0)
        {
            return strictJson.ToArray();
        }

        if (cutEnd < 0)
        {
            // proof was the only member.
            cutEnd = previousEnd;
        }

        var result = new byte[strictJson.Length - (cutEnd - cutStart)];
        strictJson[..cutStart].CopyTo(result);
        strictJson[cutEnd..].CopyTo(result.AsSpan(cutStart));
        return result;
    }

    /// <summary>
    /// <see cref="WithoutProofMember(ReadOnlySpan{byte})"/> of <paramref name="document"/>'s own text (the same bytes),
    /// with the member found from where the parse put its value instead of by reading the whole text again: the
    /// value's text lies inside the document's, and only the few bytes around it (name, colon, comma) are read.
    /// </summary>
    /// <param name="document">A strictly parsed object (its text is strict JSON).</param>
    /// <param name="proofMember">Its top-level <c>proof</c> member's value, from <paramref name="document"/>'s parse.</param>
    internal static byte[] WithoutProofMember(JsonElement document, JsonElement proofMember)
    {
        var text = JsonMarshal.GetRawUtf8Value(document);
        var value = JsonMarshal.GetRawUtf8Value(proofMember);
        var offset = System.Runtime.CompilerServices.Unsafe.ByteOffset(ref MemoryMarshal.GetReference(text), ref MemoryMarshal.GetReference(value));
        return offset > 0 && offset <= text.Length - value.Length && Cut(text, (int)offset, (int)offset + value.Length) is { } cut
            ? cut
            : WithoutProofMember(text);

        // Back from the value: whitespace, ':', whitespace, the name's closing quote, its text (no '"' in it: it reads
        // "proof"), its opening quote; then a ',' after the member before it, or the object's '{' when it is the first.
        static byte[]? Cut(ReadOnlySpan<byte> text, int valueStart, int valueEnd)
        {
            var colon = Back(text, valueStart - 1);
            var close = colon > 0 && text[colon] == (byte)':' ? Back(text, colon - 1) : -1;
            var nameStart = close > 0 && text[close] == (byte)'"' ? text[..close].LastIndexOf((byte)'"') : -1;
            var before = nameStart > 0 ? Back(text, nameStart - 1) : -1;
            int cutStart, cutEnd;
            if (before > 0 && text[before] == (byte)',')
            {
                // Not the first member: from the end of the previous value (its comma goes) to the end of proof.
                cutStart = Back(text, before - 1) + 1;
                cutEnd = valueEnd;
            }
            else if (before == 0 && text[0] == (byte)'{')
            {
                // The first member: up to the next member's name (the comma goes), or proof's end when it is the only one.
                var after = Forward(text, valueEnd);
                cutStart = nameStart;
                cutEnd = after < text.Length && text[after] == (byte)',' ? Forward(text, after + 1) : valueEnd;
            }
            else
            {
                return null;
            }

            var result = new byte[text.Length - (cutEnd - cutStart)];
            text[..cutStart].CopyTo(result);
            text[cutEnd..].CopyTo(result.AsSpan(cutStart));
            return result;
        }

        // The index of the last byte at or before i that is not JSON whitespace (-1 when none).
        static int Back(ReadOnlySpan<byte> text, int i) => i < 0 ? -1 : text[..(i + 1)].LastIndexOfAnyExcept(" \t\r\n"u8);

        // The index of the first byte at or after i that is not JSON whitespace (the length when none).
        static int Forward(ReadOnlySpan<byte> text, int i) => text[i..].IndexOfAnyExcept(" \t\r\n"u8) is var n and >= 0 ? i + n : text.Length;
    }

    /// <summary>The document without <c>proof</c>, or with <c>proof</c> set to the list <paramref name="proofs"/>.</summary>
    internal static byte[] WithProofs(JsonElement root, List<JsonElement>? proofs)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var member in root.EnumerateObject())
            {
                if (!member.NameEquals("proof"))
                {
                    member.WriteTo(writer);
                }
            }

            if (proofs is { Count: > 0 })
            {
                // §4.3 step 5.3 / §4.5: "set proof to matchingProofs", a list.
                writer.WriteStartArray("proof");
                foreach (var p in proofs)
                {
                    p.WriteTo(writer);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
