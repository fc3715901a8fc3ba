using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Verification;
using Tradeproof.Cryptography;
using Tradeproof.Storage;
using Tradeproof.Trade.Twins;

namespace Tradeproof.Scale;

/// <summary>
/// The e-commerce volume: a marketplace's de minimis credentials (CBPSection321DeMinimisCredential, eddsa-jcs-2022,
/// as the demo's marketplace issues them) verified on every core by the library's verifier through the trade layer's
/// intake, their twin events extracted, and ingested (batches of 1,000 with the batch presentation that carried them).
/// Signing is the marketplace's cost and is timed apart. Compared with CBP's ~3.7 million de minimis packages a day (2024).
/// </summary>
internal static class ECommerceRun
{
    private const double CbpPackagesPerDay = 3_700_000;
    private static readonly DateTimeOffset Issued = new(2026, 7, 10, 12, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(Options options)
    {
        var count = options.Long("count", 1_000_000);
        var chunk = (int)options.Long("chunk", 10_000);
        var threads = (int)options.Long("threads", Environment.ProcessorCount);
        using var key = KeyPair.FromSecretBytes(KeyType.Ed25519, [.. Enumerable.Range(40, 32).Select(i => (byte)i)]);
        var did = "did:key:" + key.PublicKey.ToMultibase();
        var proof = new ProofOptions { Cryptosuite = "eddsa-jcs-2022", VerificationMethod = did + "#" + key.PublicKey.ToMultibase(), Created = Issued };
        var engine = new DataIntegrityEngine();
        var verifier = new CredentialVerifier(new VerifierOptions { Resolver = DidVerificationMethodResolver.Local, TimeProvider = new FixedTime(Issued.AddDays(1)) });
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        Console.WriteLine($"# e-commerce into {options.Store}: {count:N0} de minimis credentials, {threads} verifying threads of {Environment.ProcessorCount} cores, load {Program.LoadAverage()}");

        await using var store = await Program.OpenStoreAsync(options).ConfigureAwait(false);
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var cpu = new Cpu(options.Long("server-pid", 0));
        double signSeconds = 0, verifySeconds = 0, ingestSeconds = 0, verifyCpu = 0, ingestCpu = 0;
        long bytes = 0, events = 0, failed = 0;
        for (long first = 0; first < count; first += chunk)
        {
            var size = (int)Math.Min(chunk, count - first);
            var signed = new byte[size][];
            var start = Stopwatch.GetTimestamp();
            Parallel.For(0, size, parallel, i => signed[i] = engine.AddProof(Encoding.UTF8.GetBytes(Unsigned(first + i, did)), proof, key));
            signSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;

            // CBP's side: verify every credential and extract its twin events (all cores).
            var extracted = new IReadOnlyList<TwinEvent>[size];
            start = Stopwatch.GetTimestamp();
            var cpuStart = cpu.Seconds();
            await Parallel.ForAsync(0, size, parallel, async (i, ct) =>
            {
                var received = await CredentialIntake.VerifyAsync(verifier, signed[i], Issued.AddDays(1), ct).ConfigureAwait(false);
                if (!received.Verified)
                {
                    throw new InvalidOperationException("A de minimis credential did not verify: " + string.Join("; ", received.Problems));
                }

                extracted[i] = TwinEventExtraction.Default.Extract(received);
            }).ConfigureAwait(false);
            verifySeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            verifyCpu += cpu.Seconds() - cpuStart;

            // And store them: 1,000 a transaction with the marketplace's batch presentation.
            start = Stopwatch.GetTimestamp();
            cpuStart = cpu.Seconds();
            for (var offset = 0; offset < size; offset += 1000)
            {
                var n = Math.Min(1000, size - offset);
                var credentials = new CredentialRecord[n];
                var appends = new List<TwinAppend>();
                var presentation = new StringBuilder("{\"@context\":[\"https://www.w3.org/ns/credentials/v2\"],\"type\":[\"VerifiablePresentation\",\"TraceablePresentation\"],\"holder\":\"").Append(did).Append("\",\"verifiableCredential\":[");
                for (var i = 0; i < n; i++)
                {
                    var bytesOf = signed[offset + i];
                    credentials[i] = new CredentialRecord(Id(first + offset + i), CredentialDirection.Received, "application/vc", bytesOf, did, "{\"verified\":true}");
                    presentation.Append(i == 0 ? "" : ",").Append(Encoding.UTF8.GetString(bytesOf));
                    bytes += bytesOf.Length;
                    foreach (var (twin, list) in TwinStreamsOf(extracted[offset + i]))
                    {
                        var version = versions.GetValueOrDefault(twin);
                        appends.Add(new TwinAppend(twin, version, [.. list.Select(e => new TwinEventData(e.Id, TwinEventJson.TypeName(e.Type), TwinEventJson.ToJson(e), e.SubjectIds))]));
                        versions[twin] = version + list.Count;
                        events += list.Count;
                    }
                }

                var presentationId = string.Create(CultureInfo.InvariantCulture, $"urn:uuid:33333333-0000-4000-8000-{first + offset:x12}");
                var body = Encoding.UTF8.GetBytes(presentation.Append("],\"id\":\"").Append(presentationId).Append("\"}").ToString());
                var result = await store.IngestAsync(Data.Tenant, new IngestBatch([new PresentationRecord(presentationId, body, did, "{\"verified\":true}")], credentials, appends)).ConfigureAwait(false);
                failed += result.Credentials.Count(o => o != CredentialSaveOutcome.Stored) + result.Appends.Count(a => !a.Succeeded);
            }

            ingestSeconds += Stopwatch.GetElapsedTime(start).TotalSeconds;
            ingestCpu += cpu.Seconds() - cpuStart;
            Console.WriteLine($"  {first + size:N0}: sign {signSeconds:N1} s, verify+extract {verifySeconds:N1} s, ingest {ingestSeconds:N1} s, load {Program.LoadAverage()}");
        }

        var cbpSeconds = verifySeconds + ingestSeconds;
        var perDay = count / cbpSeconds * 86400;
        var disk = await Program.DiskBytesAsync(options).ConfigureAwait(false);
        Console.WriteLine();
        Console.WriteLine("| store | credentials | bytes each | twin events | marketplace signing s | verify + extract s (rate; CPU s) | ingest s (rate; CPU s) | verify + ingest s | packages/day at that rate | × CBP 2024 (3.7 M/day) | disk | not stored | load |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        Console.WriteLine($"RESULT | {options.Store} | {count:N0} | {bytes / count:N0} | {events:N0} | {signSeconds:N1} | {verifySeconds:N1} ({count / verifySeconds:N0}/s; {verifyCpu:N1}) | {ingestSeconds:N1} ({count / ingestSeconds:N0}/s; {ingestCpu:N1}) | **{cbpSeconds:N1}** | {perDay / 1e6:N1} M | **{perDay / CbpPackagesPerDay:N1}** | {Program.Mb(disk)} | {failed} | {Program.LoadAverage()} |");
    }

    private static string Id(long n) => string.Create(CultureInfo.InvariantCulture, $"urn:uuid:44444444-0000-4000-8000-{n:x12}");

    /// <summary>Each twin an event names, with the events about it (as the node groups them).</summary>
    private static IEnumerable<(string Twin, List<TwinEvent> Events)> TwinStreamsOf(IReadOnlyList<TwinEvent> events) =>
        events.SelectMany(e => e.SubjectIds.Select(s => (Subject: s, Event: e)))
            .GroupBy(x => x.Subject, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(x => x.Event).ToList()));

    /// <summary>A Section 321 filing of one package, as the demo's marketplace files it.</summary>
    private static string Unsigned(long n, string marketplace)
    {
        var tracking = string.Create(CultureInfo.InvariantCulture, $"1Z{n:D16}");
        var price = (5 + (n % 700)).ToString(CultureInfo.InvariantCulture) + ".99";
        return $$"""
            {"@context":["https://www.w3.org/ns/credentials/v2","https://w3id.org/traceability/v1"],
             "id":"{{Id(n)}}","type":["VerifiableCredential","CBPSection321DeMinimisCredential"],
             "issuer":"{{marketplace}}","validFrom":"2026-07-10T12:00:00Z",
             "credentialSubject":{"type":["CBPSection321DeMinimis"],"originatorCode":"CBP0000288215","participantFilerType":"Online Marketplace",
              "shipmentTrackingNumber":"{{tracking}}","modeOfTransportation":"Air",
              "shipmentInitiator":{"type":["Organization"],"id":"{{marketplace}}","name":"Shopwave Marketplace"},
              "seller":{"type":["Organization"],"id":"did:web:seller-{{n % 5000}}.example","name":"Seller {{n % 5000}}"},
              "finalDeliverTo":{"type":["Person"],"name":"Customer {{n % 100000}}"},
              "enhancedProductDescription":"Plastic lawn flamingos, pink, 2 pcs, GTIN 00614141073467",
              "countryOfOrigin":"VN",
              "listedPriceOnMarketplace":{"type":["PriceSpecification"],"price":{{price}},"priceCurrency":"USD"} } }
            """;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
