using System.IO.Compression;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Jose;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Dids;
using Tradeproof.Fuzz.Engine;
using Tradeproof.Json;
using Tradeproof.JsonLd;
using Tradeproof.Rdf.Canonicalization;
using Tradeproof.Rdf.NQuads;
using Tradeproof.Transparency;
using static Tradeproof.Fuzz.Targets.Corpus;

namespace Tradeproof.Fuzz.Targets;

/// <summary>
/// One fuzz target per parser that reads hostile input, each with its seed corpus, its documented typed errors and,
/// where one exists, an invariant checked on every accepted input.
/// </summary>
public static class ParserTargets
{
    /// <summary>The clock every time-dependent check sees (the seeds' issuance time).</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<IReadOnlyList<FuzzTarget>> Targets = new(Build);

    /// <summary>Every target, built once (seed corpora are read and signed on first use).</summary>
    public static IReadOnlyList<FuzzTarget> All => Targets.Value;

    /// <summary>The names of every target.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "json-intake", "jcs", "nquads", "rdfc", "jsonld", "multibase", "did-url", "did-document", "jwt", "sd-jwt",
        "status-list", "merkle-inclusion", "merkle-consistency", "signed-note", "note-vkey", "data-integrity",
    ];

    /// <summary>The target called <paramref name="name"/>.</summary>
    public static FuzzTarget Get(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException("No fuzz target " + name, nameof(name));

    /// <summary>A fixed key (Ed25519 signatures are deterministic, so the signed seeds are the same on every run).</summary>
    public static KeyPair Key(KeyType type, byte seed) =>
        KeyPair.FromSecretBytes(type, Enumerable.Range(seed, type == KeyType.P384 ? 48 : 32).Select(i => (byte)i).ToArray());

    /// <summary>The verification method URL of a did:key key.</summary>
    public static string MethodOf(KeyPair key) => "did:key:" + key.PublicKey.ToMultibase() + "#" + key.PublicKey.ToMultibase();

    /// <summary>A small VC 2.0 credential using only the base context.</summary>
    public static string Credential(string issuer, string subjectExtra = "") => $$"""
        {
          "@context": ["https://www.w3.org/ns/credentials/v2"],
          "id": "urn:uuid:11111111-2222-4333-8444-555555555555",
          "type": ["VerifiableCredential"],
          "issuer": "{{issuer}}",
          "validFrom": "2025-01-01T00:00:00Z",
          "credentialSubject": { "id": "did:example:subject"{{subjectExtra}} }
        }
        """;

    private static IReadOnlyList<FuzzTarget> Build()
    {
        var credentialJson = Files("jcs/input", "*.json")
            .Concat(Files("di-vectors", "*.json", limit: 60, recursive: true))
            .Concat(RepositoryJson())
            .ToList();
        var time = new FixedTime(Now);
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = time });
        return
        [
            JsonIntake(credentialJson),
            JcsTarget(credentialJson),
            NQuadsTarget(),
            RdfcTarget(),
            JsonLdTarget(credentialJson),
            MultibaseTarget(),
            DidUrlTarget(),
            DidDocumentTarget(),
            JwtTarget(time),
            SdJwtTarget(time),
            StatusListTarget(),
            MerkleTargets.Inclusion(),
            MerkleTargets.Consistency(),
            SignedNoteTarget(),
            VkeyTarget(),
            DataIntegrityTarget(engine),
        ];
    }

    private static FuzzTarget JsonIntake(List<byte[]> seeds)
    {
        // The node's request body reader (RequestBody.ReadJsonAsync) with the node's default limits
        // (NodeOptions.MaxRequestBodyBytes 1 MiB: 413 before parsing; NodeOptions.MaxJsonDepth 64), then strict JSON.
        // The limits are restated here so the fuzzer does not build the ASP.NET Core node.
        const int maxRequestBodyBytes = 1 << 20;
        var options = new StrictJsonOptions { MaxDepth = 64 };
        return new FuzzTarget
        {
            Name = "json-intake",
            Seeds = seeds,
            Tokens = TokenKinds.Json,
            DocumentedErrors = [typeof(JsonInputException)],
            Run = input =>
            {
                if (input.Length > maxRequestBodyBytes)
                {
                    return;
                }

                StrictJson.ParseElement(input, options);
            },
        };
    }

    private static FuzzTarget JcsTarget(List<byte[]> seeds) => new()
    {
        Name = "jcs",
        Seeds = seeds,
        Tokens = TokenKinds.Json,
        DocumentedErrors = [typeof(JsonInputException)],
        Run = input =>
        {
            var canonical = Jcs.Canonicalize(input);
            // Idempotence: canonical JSON canonicalizes to itself.
            if (!Jcs.Canonicalize(canonical).AsSpan().SequenceEqual(canonical))
            {
                throw new FuzzOracleException("JCS is not idempotent on this input.");
            }
        },
    };

    private static List<byte[]> NQuadsSeeds() =>
        Files("rdf-canon/rdfc10", "*-in.nq", limit: 100, maxBytes: 8 << 10)
            .Concat(Files("json-ld-api/toRdf", "*-out.nq", limit: 60, maxBytes: 4 << 10))
            .ToList();

    private static FuzzTarget NQuadsTarget() => new()
    {
        Name = "nquads",
        Seeds = NQuadsSeeds(),
        Tokens = TokenKinds.NQuads,
        DocumentedErrors = [typeof(NQuadsSyntaxException)],
        Run = input =>
        {
            var dataset = NQuadsParser.ParseUtf8(input);
            // Round trip: what the serializer writes parses to the same quads.
            var text = NQuadsSerializer.Serialize(dataset);
            var again = NQuadsSerializer.Serialize(NQuadsParser.Parse(text));
            if (!string.Equals(text, again, StringComparison.Ordinal))
            {
                throw new FuzzOracleException("N-Quads serialization does not round trip.");
            }
        },
    };

    private static FuzzTarget RdfcTarget() => new()
    {
        Name = "rdfc",
        Seeds = NQuadsSeeds(),
        Tokens = TokenKinds.NQuads,
        DocumentedErrors = [typeof(NQuadsSyntaxException), typeof(RdfCanonicalizationException)],
        Run = input => RdfCanonicalizer.Canonicalize(NQuadsParser.ParseUtf8(input)),
    };

    private static FuzzTarget JsonLdTarget(List<byte[]> credentials) => new()
    {
        Name = "jsonld",
        Seeds = Files("json-ld-api/expand", "*-in.jsonld", limit: 300, maxBytes: 8 << 10)
            .Concat(credentials.Skip(credentials.Count - 40))
            .Append(Utf8(Credential("did:example:issuer")))
            .ToList(),
        Tokens = TokenKinds.Json,
        DocumentedErrors = [typeof(JsonLdException)],
        Run = input =>
        {
            // The embedded document loader (no network) and the default limits; safe mode on for every other input.
            var options = new JsonLdOptions { SafeMode = (input.Length & 1) == 0, Base = "https://fuzz.example/doc" };
            JsonLdProcessor.ToRdf(input, options);
        },
    };

    private static FuzzTarget MultibaseTarget()
    {
        var seeds = new List<byte[]>();
        foreach (var file in new[] { "multibase/tests/basic.csv", "multibase/tests/leading_zero.csv" })
        {
            foreach (var line in Lines(file))
            {
                var comma = line.IndexOf(',', StringComparison.Ordinal);
                if (comma > 0)
                {
                    seeds.Add(Utf8(line[(comma + 1)..].Trim().Trim('"')));
                }
            }
        }

        foreach (var type in new[] { KeyType.Ed25519, KeyType.P256, KeyType.P384, KeyType.Secp256k1 })
        {
            using var key = Key(type, 3);
            seeds.Add(Utf8(key.PublicKey.ToMultibase()));
        }

        seeds.AddRange(Lines("did-key/spec-test-vector-dids.txt").Select(l => Utf8(l[(l.LastIndexOf(':') + 1)..])));
        return new FuzzTarget
        {
            Name = "multibase",
            Seeds = seeds,
            Tokens = TokenKinds.Base64Url,
            DocumentedErrors = [typeof(MultibaseException), typeof(MulticodecException), typeof(KeyFormatException)],
            Run = input =>
            {
                var text = Text(input);
                var (encoding, data) = Multibase.Decode(text);
                if (!Multibase.Decode(Multibase.Encode(encoding, data), encoding).AsSpan().SequenceEqual(data))
                {
                    throw new FuzzOracleException("Multibase does not round trip.");
                }

                PublicKey.FromMultibase(text);
            },
        };
    }

    private static FuzzTarget DidUrlTarget()
    {
        var seeds = Lines("did-key/spec-test-vector-dids.txt").Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..])
            .Concat([
                "did:web:example.com", "did:web:example.com%3A8443:organizations:acme", "did:example:123/path/to?service=files&relativeRef=%2Fa#key-1",
                "did:web:trade.example:users:alice#key-1", "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
                "did:jwk:eyJrdHkiOiJPS1AiLCJjcnYiOiJFZDI1NTE5IiwieCI6IjExcWZ6VGhwcFhfaHZxT0Y1T3JLc0R1Uk5vMDFiRHVPT21GbmNyS1YwRVkifQ#0",
            ])
            .Select(Utf8)
            .ToList();
        return new FuzzTarget
        {
            Name = "did-url",
            Seeds = seeds,
            Tokens = TokenKinds.Text,
            DocumentedErrors = [typeof(DidSyntaxException)],
            Run = input =>
            {
                var text = Text(input);
                var url = DidUrl.Parse(text);
                if (!DidUrl.Parse(url.ToString()).Equals(url))
                {
                    throw new FuzzOracleException("A DID URL does not round trip through its string form.");
                }

                if (Did.TryParse(text, out var did) && !Did.Parse(did.ToString()).Equals(did))
                {
                    throw new FuzzOracleException("A DID does not round trip through its string form.");
                }
            },
        };
    }

    private static FuzzTarget DidDocumentTarget()
    {
        var seeds = Files("did-key/test-vectors", "*.json", maxBytes: 256 << 10);
        foreach (var type in new[] { KeyType.Ed25519, KeyType.P256 })
        {
            using var key = Key(type, 5);
            seeds.Add(Utf8(DidKey.CreateDocument(DidKey.Create(key.PublicKey)).ToJson(indented: false)));
            seeds.Add(Utf8(DidWeb.CreateDocument(DidWeb.Create("trade.example", null, "organizations", "acme"), [key.PublicKey]).ToJson(indented: true)));
        }

        return new FuzzTarget
        {
            Name = "did-document",
            Seeds = seeds,
            Tokens = TokenKinds.Json,
            DocumentedErrors = [typeof(DidDocumentException), typeof(JsonInputException), typeof(DidSyntaxException)],
            Run = input => DidDocument.Parse(input),
        };
    }

    private static FuzzTarget JwtTarget(TimeProvider time)
    {
        using var key = Key(KeyType.Ed25519, 11);
        var issuer = "did:key:" + key.PublicKey.ToMultibase();
        var seeds = new List<byte[]>
        {
            Utf8(VcJose.IssueCredential(Utf8(Credential(issuer)), key, MethodOf(key))),
            Utf8(VcJose.IssueCredential(Utf8(Credential(issuer, ", \"name\": \"x\"")), key, "#" + key.PublicKey.ToMultibase())),
            Utf8(VcJose.IssuePresentation(Utf8($$"""{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiablePresentation"],"holder":"{{issuer}}"}"""), key, MethodOf(key))),
        };
        var options = new JoseVerificationOptions { Resolver = DidVerificationMethodResolver.Local, TimeProvider = time };
        return new FuzzTarget
        {
            Name = "jwt",
            Seeds = seeds,
            Tokens = TokenKinds.Base64Url,
            DocumentedErrors = [],
            Run = input =>
            {
                var text = Text(input);
                CompactJws.TryParse(text, null, out _, out _);
                var result = VcJose.VerifyCredentialAsync(text, options).AsTask().GetAwaiter().GetResult();
                if (result.Verified && !seeds.Any(s => s.AsSpan().SequenceEqual(input)))
                {
                    throw new FuzzOracleException("A mutated VC-JWT verified.");
                }

                VcJose.VerifyPresentationAsync(text, options).AsTask().GetAwaiter().GetResult();
            },
        };
    }

    private static FuzzTarget SdJwtTarget(TimeProvider time)
    {
        using var issuer = Key(KeyType.Ed25519, 21);
        using var holder = Key(KeyType.Ed25519, 31);
        var claims = new JsonObject
        {
            ["iss"] = "did:key:" + issuer.PublicKey.ToMultibase(),
            ["vct"] = "https://trade.example/mill-test-report",
            ["iat"] = Now.ToUnixTimeSeconds(),
            ["heat_number"] = "H-1234",
            ["address"] = new JsonObject { ["street"] = "Mill Road 1", ["country"] = "DE" },
            ["certifications"] = new JsonArray("ISO 9001", "EN 10204"),
        };
        var sdJwt = SdJwt.Issue(claims, issuer, new SdJwtIssueOptions
        {
            Kid = MethodOf(issuer),
            Random = new FuzzRandom(1),
            Disclosable = ["/heat_number", "/address/street", "/address", "/certifications/1"],
            DecoysPerObject = 1,
            HolderKey = holder.PublicKey,
        });
        const string nonce = "n-42";
        const string audience = "https://verifier.example";
        var seeds = new List<byte[]>
        {
            Utf8(sdJwt),
            Utf8(SdJwt.Present(sdJwt, _ => true, holder, nonce, audience, time)),
            Utf8(SdJwt.Present(sdJwt, d => d.Name is "address", holder, nonce, audience, time)),
        };
        var options = new SdJwtVerificationOptions
        {
            Jose = new JoseVerificationOptions { Resolver = DidVerificationMethodResolver.Local, TimeProvider = time, ExpectedNonce = nonce, ExpectedAudience = audience },
        };
        return new FuzzTarget
        {
            Name = "sd-jwt",
            Seeds = seeds,
            Tokens = TokenKinds.Base64Url,
            DocumentedErrors = [],
            Run = input =>
            {
                var result = SdJwt.VerifyAsync(Text(input), options).AsTask().GetAwaiter().GetResult();
                if (result.Verified && !seeds.Any(s => s.AsSpan().SequenceEqual(input)))
                {
                    throw new FuzzOracleException("A mutated SD-JWT presentation verified.");
                }
            },
        };
    }

    private static FuzzTarget StatusListTarget()
    {
        var seeds = new List<byte[]>();
        var list = new StatusBitstring();
        seeds.Add(Utf8(list.Encode()));
        list.Set(0, 1);
        list.Set(131_071, 1);
        seeds.Add(Utf8(list.Encode()));
        var twoBits = new StatusBitstring(StatusBitstring.MinimumBits, 2);
        twoBits.Set(5, 3);
        seeds.Add(Utf8(twoBits.Encode()));
        // A decompression bomb: 64 MiB of zeros in about 64 KB of gzip.
        using (var compressed = new MemoryStream())
        {
            using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var zeros = new byte[1 << 20];
                for (var i = 0; i < 64; i++)
                {
                    gzip.Write(zeros);
                }
            }

            seeds.Add(Utf8("u" + Base64UrlStrict.Encode(compressed.ToArray())));
        }

        return new FuzzTarget
        {
            Name = "status-list",
            Seeds = seeds,
            Tokens = TokenKinds.Base64Url,
            DocumentedErrors = [typeof(StatusListException)],
            // The decompressed cap is 16 MiB; a case may use a few times that, never the bomb's 64 MiB and more
            // (whatever the length of the compressed text).
            MaxAllocatedBytes = 64L << 20,
            MaxAllocatedPerInputByte = 0,
            Run = input =>
            {
                var text = Text(input);
                var size = (input.Length % 3) switch { 0 => 1, 1 => 2, _ => 8 };
                var decoded = StatusBitstring.Decode(text, size);
                decoded.Get(decoded.Entries - 1);
            },
        };
    }

    private static FuzzTarget SignedNoteTarget()
    {
        using var logKey = Key(KeyType.Ed25519, 41);
        using var witnessKey = Key(KeyType.Ed25519, 51);
        var log = new NoteSigner("tradeproof.example/log", NoteSignatureType.Ed25519, logKey);
        var witness = new NoteSigner("witness.example", NoteSignatureType.Cosignature, witnessKey);
        var seeds = new List<byte[]>();
        foreach (var size in new long[] { 0, 1, 7, 1000 })
        {
            var root = size == 0 ? MerkleHash.EmptyRoot() : MerkleHash.Leaf(BitConverter.GetBytes(size));
            var checkpoint = new Checkpoint("tradeproof.example/log", size, root, size == 7 ? ["extension line"] : null);
            var note = checkpoint.Sign(log);
            seeds.Add(Utf8(note.ToString()));
            seeds.Add(Utf8(note.WithSignature(witness.Sign(note.Text, Now)).ToString()));
        }

        return new FuzzTarget
        {
            Name = "signed-note",
            Seeds = seeds,
            Tokens = TokenKinds.Text | TokenKinds.Base64Url,
            DocumentedErrors = [typeof(TransparencyException)],
            Run = input =>
            {
                var text = Text(input);
                var (note, checkpoint) = Checkpoint.ParseAndVerify(text, log.Verifier);
                // A checkpoint that verifies is one we signed: same text as a seed.
                if (!seeds.Any(s => Text(s).StartsWith(note.Text, StringComparison.Ordinal)))
                {
                    throw new FuzzOracleException($"A checkpoint the log never signed verified (size {checkpoint.Size}).");
                }

                SignedNote.Parse(text).Verify(witness.Verifier);
            },
        };
    }

    private static FuzzTarget VkeyTarget()
    {
        using var key = Key(KeyType.Ed25519, 61);
        return new FuzzTarget
        {
            Name = "note-vkey",
            Seeds =
            [
                Utf8(new NoteSigner("tradeproof.example/log", NoteSignatureType.Ed25519, key).Verifier.ToVkey()),
                Utf8(new NoteSigner("witness.example/w", NoteSignatureType.Cosignature, key).Verifier.ToVkey()),
            ],
            Tokens = TokenKinds.Text | TokenKinds.Base64Url,
            DocumentedErrors = [typeof(TransparencyException)],
            Run = input => NoteVerifier.ParseVkey(Text(input)),
        };
    }

    private static FuzzTarget DataIntegrityTarget(DataIntegrityEngine engine)
    {
        using var ed = Key(KeyType.Ed25519, 71);
        var issuer = "did:key:" + ed.PublicKey.ToMultibase();
        var seeds = new List<byte[]>();
        foreach (var suite in new[] { "eddsa-rdfc-2022", "eddsa-jcs-2022" })
        {
            seeds.Add(engine.AddProof(Utf8(Credential(issuer)), new ProofOptions { Cryptosuite = suite, VerificationMethod = MethodOf(ed) }, ed));
        }

        seeds.AddRange(Files("di-vectors", "signed*.json", limit: 20, recursive: true));
        var options = new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local };
        return new FuzzTarget
        {
            Name = "data-integrity",
            Seeds = seeds,
            Tokens = TokenKinds.Json | TokenKinds.Base64Url,
            DocumentedErrors = [],
            Run = input => engine.VerifyAsync(input, options).AsTask().GetAwaiter().GetResult(),
        };
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
