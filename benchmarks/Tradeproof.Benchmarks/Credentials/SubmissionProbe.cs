using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Json;
using Tradeproof.JsonLd;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Vocabulary;

namespace Tradeproof.Benchmarks.Credentials;

/// <summary>
/// <c>submission-probe [N]</c>: where the CPU of one presentation submission goes BEFORE the store, in process and on
/// one thread: a TraceablePresentation of 5 mill test reports (eddsa-rdfc-2022, one did:key issuer), signed by a
/// did:key holder with a challenge of an <see cref="InMemoryChallengeStore"/>, as benchmarks/Tradeproof.LoadGen
/// sends it. First the whole verification the node runs (parse the body, <see cref="TraceablePresentationVerifier"/>
/// with the challenge), then each stage alone, N times each, in CPU microseconds per submission
/// (<see cref="Process.TotalProcessorTime"/>, so the machine's load changes it less than the wall clock; and the calling
/// thread's alone, without the JIT's tiering and the GC's threads) and wall-clock
/// microseconds, with the KB allocated and the gen0 collections. The stages overlap the whole; what they do not cover
/// is the pipeline's own work (checks, copies). <c>submission-probe N whole</c> runs the whole verification only;
/// <c>submission-probe N whole types</c> also samples its allocations by type (docs/performance.md).
/// </summary>
internal static class SubmissionProbe
{
    private const int Credentials = SubmissionFixture.CredentialCount;

    public static int Run(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
        var clock = new FixedClock(SubmissionFixture.Created.AddDays(30));
        var random = SystemRandomSource.Instance;
        using var fixture = new SubmissionFixture(random);
        var transforms = fixture.Transforms;
        var credentials = fixture.Credentials;
        var holder = fixture.Holder;
        var challenges = new InMemoryChallengeStore(clock, random, capacity: 4 * n + 16);
        var verifier = new TraceablePresentationVerifier(new CredentialVerifier(new VerifierOptions { TimeProvider = clock, Transforms = transforms, ChallengeStore = challenges }));
        byte[] Present(string challenge) => fixture.Present(challenge);

        // Every submission with its own challenge, signed before anything is timed.
        var warmup = Math.Min(n, 1000);
        var bodies = new (byte[] Body, string Challenge)[warmup + n];
        for (var i = 0; i < bodies.Length; i++)
        {
            var challenge = challenges.Issue();
            bodies[i] = (Present(challenge), challenge);
        }

        var sample = bodies[0].Body;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"submission: {sample.Length:N0} bytes, {Credentials} credentials of {credentials[0].Length:N0} bytes; {n} submissions per stage after {warmup} warm-up; load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));

        // The presentation's pieces, as the verifier meets them.
        var signedVp = JsonNode.Parse(sample)!.AsObject();
        var vpProof = DataIntegrityProof.Parse(System.Text.Encoding.UTF8.GetBytes(signedVp["proof"]!.ToJsonString()));
        signedVp.Remove("proof");
        var bareVp = System.Text.Encoding.UTF8.GetBytes(signedVp.ToJsonString());
        using var vpDocument = JsonDocument.Parse(bareVp);
        var vpConfiguration = vpProof.ToConfigurationUtf8(vpDocument.RootElement.GetProperty("@context").Clone());
        var signedVc = JsonNode.Parse(credentials[0].Span)!.AsObject();
        var vcProof = DataIntegrityProof.Parse(System.Text.Encoding.UTF8.GetBytes(signedVc["proof"]!.ToJsonString()));
        signedVc.Remove("proof");
        var bareVc = System.Text.Encoding.UTF8.GetBytes(signedVc.ToJsonString());
        using var vcDocument = JsonDocument.Parse(bareVc);
        var vcConfiguration = vcProof.ToConfigurationUtf8(vcDocument.RootElement.GetProperty("@context").Clone());
        var vpDataset = transforms.ToRdf(bareVp);
        var vcDataset = transforms.ToRdf(bareVc);
        var vpCanonical = transforms.Canonicalize(vpDataset, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"presentation without proof: {vpDataset.Count} quads, {vpCanonical.IssuedIdentifiers.Count} blank nodes, RDFC-1.0 work {vpCanonical.Work}; credential without proof: {vcDataset.Count} quads"));
        var jsonLdOptions = transforms.JsonLdOptions;
        var vpTree = Tradeproof.JsonLd.Json.JsonTree.Parse(bareVp, jsonLdOptions.MaxDepth);
        var vpExpanded = JsonLdProcessor.ExpandCore(new JsonLdRun(jsonLdOptions), vpTree, null, null);
        var hash = new byte[64];
        var signature = holder.Sign(hash);
        var embedded = new VerificationRequest { IsEmbedded = true };
        var vcVerifier = verifier.Verifier;

        var next = 0;
        bool Whole()
        {
            // As the node: its strict parse of the body (for its 400s and the id), handed to the verifier.
            var (body, challenge) = bodies[next++];
            var parsed = StrictJson.ParseElement(body, StrictJsonOptions.Default);
            var result = verifier.VerifyAsync(body, parsed, StrictJsonOptions.Default, new VerificationRequest { Challenge = challenge }).AsTask().GetAwaiter().GetResult();
            return result.Verified && result.Presentation is not null;
        }

        for (var i = 0; i < warmup; i++)
        {
            if (!Whole())
            {
                var failed = verifier.VerifyAsync(bodies[0].Body).AsTask().GetAwaiter().GetResult();
                throw new InvalidOperationException("The presentation does not verify: " + string.Join("; ", failed.Problems.Select(p => p.Title + " " + p.Detail)));
            }
        }

        var stages = new (string Name, int PerSubmission, Func<object?> Run)[]
        {
            ("whole: strict parse of the body + TraceablePresentationVerifier given it (challenge consumed)", 1, () => Whole()),
            ("parse the request body (JsonDocument)", 1, () => JsonDocument.Parse(sample).RootElement.ValueKind),
            ("presentation: JSON-LD toRdf (5 credentials inside)", 1, () => transforms.ToRdf(bareVp)),
            ("— its JSON tree parse", 1, () => Tradeproof.JsonLd.Json.JsonTree.Parse(bareVp, jsonLdOptions.MaxDepth)),
            ("— its expansion (of a parsed tree)", 1, () => JsonLdProcessor.ExpandCore(new JsonLdRun(jsonLdOptions), vpTree, null, null)),
            ("— its deserialization (of the expanded form)", 1, () => JsonLdProcessor.ToRdfCore(new JsonLdRun(jsonLdOptions), vpExpanded)),
            ("presentation: RDFC-1.0", 1, () => transforms.Canonicalize(vpDataset, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256)),
            ("presentation: proof configuration toRdf + RDFC", 1, () => transforms.CanonicalizeRdf(vpConfiguration, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256)),
            ("credential: whole pipeline (embedded)", Credentials, () => vcVerifier.VerifyAsync(credentials[0], embedded).AsTask().GetAwaiter().GetResult().Verified),
            ("credential: JSON-LD toRdf", Credentials, () => transforms.ToRdf(bareVc)),
            ("credential: RDFC-1.0", Credentials, () => transforms.Canonicalize(vcDataset, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256)),
            ("credential: proof configuration toRdf + RDFC", Credentials, () => transforms.CanonicalizeRdf(vcConfiguration, Tradeproof.Rdf.Canonicalization.RdfcHashAlgorithm.Sha256)),
            ("Ed25519 verify (presentation + credentials)", Credentials + 1, () => holder.PublicKey.Verify(hash, signature)),
            ("TraceablePresentation.TryParse", 1, () => TraceablePresentation.TryParse(sample, null, out _, out _)),
        };

        Console.WriteLine("| stage | per submission | CPU µs/submission | thread CPU µs/submission | wall µs/submission | KB allocated/submission | gen0 GCs/1000 submissions |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        // `submission-probe N whole`: the whole verification only (to profile it, e.g. with perf); `... whole types`
        // also samples the allocations by type (the runtime's GCAllocationTick event, one per ~100 KB allocated).
        using var sampler = args is [_, "whole", "types"] ? new AllocationSampler() : null;
        foreach (var (name, per, run) in args is [_, "whole", ..] ? stages[..1] : stages)
        {
            var count = n * per;
            if (name.StartsWith("whole", StringComparison.Ordinal))
            {
                count = n;
            }
            else
            {
                for (var i = 0; i < Math.Min(count, 200); i++)
                {
                    run();
                }
            }

            GC.Collect();
            sampler?.Start();
            var gen0 = GC.CollectionCount(0);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var threadCpu = ThreadCpu.Nanoseconds();
            var wall = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                run();
            }

            var threadMicros = (ThreadCpu.Nanoseconds() - threadCpu) / 1000.0 * per / count;
            var cpuMicros = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds * per / count;
            var wallMicros = wall.Elapsed.TotalMicroseconds * per / count;
            var kilobytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1024.0 * per / count;
            var collections = (GC.CollectionCount(0) - gen0) * 1000.0 * per / count;
            sampler?.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {per}x | {cpuMicros:F0} | {threadMicros:F0} | {wallMicros:F0} | {kilobytes:F1} | {collections:F1} |"));
        }

        sampler?.Print(n);

        return 0;
    }




    /// <summary>
    /// Samples allocations by type in process: the runtime's <c>GCAllocationTick</c> event (GC keyword, verbose level)
    /// comes once per ~100 KB allocated with the type of the object that crossed the mark and the bytes since the last
    /// one, so the bytes per type add up to an estimate of what each type costs (larger types are seen more exactly).
    /// </summary>
    private sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
    {
        private readonly Dictionary<string, (long Bytes, int Samples)> _byType = new(StringComparer.Ordinal);
        private volatile bool _on;
        private long _thread;

        public void Start()
        {
            _thread = OperatingSystem.IsLinux() ? GetThreadId() : 0;
            lock (_byType)
            {
                _byType.Clear();
            }

            _on = true;
        }

        public void Stop()
        {
            Thread.Sleep(1500); // the events arrive on the listener's own thread, up to about a second late
            _on = false;
        }

        public void Print(int submissions)
        {
            List<KeyValuePair<string, (long Bytes, int Samples)>> rows;
            long total;
            lock (_byType)
            {
                rows = _byType.OrderByDescending(r => r.Value.Bytes).ToList();
                total = rows.Sum(r => r.Value.Bytes);
            }

            Console.WriteLine();
            Console.WriteLine("| type (sampled allocations, whole stage) | KB/submission | share | samples |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var (type, (bytes, samples)) in rows.Take(30))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {type} | {bytes / 1024.0 / submissions:F1} | {100.0 * bytes / Math.Max(1, total):F1}% | {samples} |"));
            }
        }

        protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(eventSource, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs eventData)
        {
            if (!_on || (_thread != 0 && eventData.OSThreadId != _thread) || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null || eventData.Payload is null)
            {
                return;
            }

            var type = eventData.Payload[eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
            var amount = Convert.ToInt64(eventData.Payload[amountIndex >= 0 ? amountIndex : eventData.PayloadNames.IndexOf("AllocationAmount")], CultureInfo.InvariantCulture);
            lock (_byType)
            {
                var (bytes, samples) = _byType.GetValueOrDefault(type);
                _byType[type] = (bytes + amount, samples + 1);
            }
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();

    internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>
/// What a submission carries, as benchmarks/Tradeproof.LoadGen sends it: 5 mill test reports (each its own id and lot
/// number; eddsa-rdfc-2022 by one did:key issuer) in TraceablePresentations signed by a did:key holder.
/// </summary>
internal sealed class SubmissionFixture : IDisposable
{
    public const int CredentialCount = 5;
    public static readonly DateTimeOffset Created = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private readonly KeyPair _issuer = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly TraceablePresentationBuilder _builder;
    private readonly TraceablePresentationSigner _signer;
    private readonly string _holderDid;

    public SubmissionFixture(IRandomSource random)
    {
        Transforms = new ProofTransforms(new JsonLdOptions { SafeMode = true, DocumentLoader = TradeContext.DocumentLoader });
        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { TimeProvider = new SubmissionProbe.FixedClock(Created.AddDays(30)), Random = random, Transforms = Transforms });
        Holder = KeyPair.FromSecretBytes(KeyType.Ed25519, Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        _holderDid = "did:key:" + Holder.PublicKey.ToMultibase();
        var issuerDid = "did:key:" + _issuer.PublicKey.ToMultibase();
        Credentials = new ReadOnlyMemory<byte>[CredentialCount];
        for (var c = 0; c < CredentialCount; c++)
        {
            var document = JsonNode.Parse(File.ReadAllBytes(MillTestReport.Path()))!.AsObject();
            document["id"] = $"urn:uuid:6f1c2a4e-3b7d-4e8a-9c2f-5d0e1a7b3c9{c}";
            document["issuer"]!["id"] = issuerDid;
            document["credentialSubject"]!["lotNumber"] = $"L-0000-{c:D2}";
            Credentials[c] = engine.AddProof(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString()), new ProofOptions { Cryptosuite = "eddsa-rdfc-2022", VerificationMethod = issuerDid + "#" + _issuer.PublicKey.ToMultibase(), Created = Created }, _issuer);
        }

        _builder = new TraceablePresentationBuilder(random);
        _signer = new TraceablePresentationSigner(engine);
    }

    /// <summary>The transformations (safe mode, our embedded contexts with the trade context), as the node's.</summary>
    public ProofTransforms Transforms { get; }

    /// <summary>The 5 signed credentials.</summary>
    public ReadOnlyMemory<byte>[] Credentials { get; }

    /// <summary>The holder's key.</summary>
    public KeyPair Holder { get; }

    /// <summary>A new presentation (its own instance id) signed with <paramref name="challenge"/>.</summary>
    public byte[] Present(string challenge) => _signer.Sign(
        _builder.Build(new TraceablePresentationContent
        {
            Holder = _holderDid,
            Definitions = ["urn:uuid:1f4a5b3e-8b1a-4b52-9a55-0a8f0e2f1c11"],
            Instances = ["urn:uuid:" + Guid.NewGuid()],
            Credentials = Credentials,
        }),
        Holder,
        new PresentationSigningOptions { VerificationMethod = _holderDid + "#" + Holder.PublicKey.ToMultibase(), Challenge = challenge, Created = Created });

    /// <summary>A signed presentation without its proof (what its proof covers), as UTF-8 JSON.</summary>
    public byte[] UnsecuredPresentation() => DataIntegrityEngine.WithoutProofMember(Present("challenge"));

    /// <summary>The first credential without its proof, as UTF-8 JSON.</summary>
    public byte[] UnsecuredCredential() => DataIntegrityEngine.WithoutProofMember(Credentials[0].Span);

    public void Dispose()
    {
        _issuer.Dispose();
        Holder.Dispose();
    }
}
