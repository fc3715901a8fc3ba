using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Dids;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Verification;

/// <summary>
/// The verifier: takes the bytes of any credential or presentation (Data Integrity JSON with any suite of the
/// registry, proof sets and chains; VC-JWT, VP-JWT; SD-JWT VC with or without key binding; enveloped credentials
/// inside presentations), detects the format, and runs a pipeline of named checks in the order of security.md
/// "Verification, in order" steps 2-13 (<see cref="CheckNames"/>), cheap checks first. The first failed (or
/// indeterminate) check stops the pipeline; the rest are recorded as skipped. Never throws on bad input.
/// Thread-safe; build one and call it from any number of threads.
/// </summary>
public sealed class CredentialVerifier
{
    private static readonly (string Name, Func<VerificationContext, CancellationToken, ValueTask<CheckResult>> Run)[] Pipeline =
    [
        (CheckNames.StrictParse, StrictParseCheck.RunAsync),
        (CheckNames.DataModel, DataModelCheck.RunAsync),
        (CheckNames.ProofStructure, ProofStructureCheck.RunAsync),
        (CheckNames.ValidityPeriod, ValidityPeriodCheck.RunAsync),
        (CheckNames.ChallengeDomain, ChallengeDomainCheck.RunAsync),
        (CheckNames.ResolveVerificationMethod, ResolveVerificationMethodCheck.RunAsync),
        (CheckNames.IssuerBinding, IssuerBindingCheck.RunAsync),
        (CheckNames.TransformAndVerify, TransformAndVerifyCheck.RunAsync),
        (CheckNames.ProofSetChain, ProofSetChainCheck.RunAsync),
        (CheckNames.Credentials, CredentialsCheck.RunAsync),
        (CheckNames.Status, StatusCheck.RunAsync),
        (CheckNames.BusinessRules, BusinessRulesCheck.RunAsync),
    ];

    private const int MaxRememberedHashes = 4096;
    private readonly ConcurrentDictionary<string, string> _statusListHashes = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DidDocument, string> _documentHashes = [];

    /// <summary>A verifier with <paramref name="options"/> (default: <see cref="VerifierOptions"/>' secure defaults).</summary>
    public CredentialVerifier(VerifierOptions? options = null)
    {
        Options = options ?? new VerifierOptions();
        Engine = new DataIntegrityEngine(new DataIntegrityEngineOptions
        {
            TimeProvider = Options.TimeProvider,
            Registry = Options.Registry,
            Transforms = Options.Transforms,
        });
        if (Options.StatusListProvider is { } provider)
        {
            StatusChecker = new BitstringStatusListChecker(new StatusCheckOptions
            {
                Provider = new RecordingProvider(provider, this),
                VerifyListCredential = VerifyStatusListAsync,
                TimeProvider = Options.TimeProvider,
                Limits = Options.StatusListLimits,
            });
        }
    }

    /// <summary>The options, fixed for the verifier's lifetime.</summary>
    public VerifierOptions Options { get; }

    /// <summary>The Data Integrity engine the transform-and-verify check delegates to.</summary>
    internal DataIntegrityEngine Engine { get; }

    /// <summary>The status checker (its list cache lives as long as the verifier), when a source is configured.</summary>
    internal BitstringStatusListChecker? StatusChecker { get; }

    /// <summary>Verifies a credential or presentation given as text (JSON, a compact JWS or an SD-JWT).</summary>
    public ValueTask<VerificationResult> VerifyAsync(string input, VerificationRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return VerifyAsync(Encoding.UTF8.GetBytes(input), request, cancellationToken);
    }

    /// <summary>
    /// Verifies the bytes of a credential or presentation. Returns the result (never throws on bad input; only on
    /// cancellation by the caller).
    /// </summary>
    public ValueTask<VerificationResult> VerifyAsync(ReadOnlyMemory<byte> input, VerificationRequest? request = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(input, parsed: null, expansion: null, request, cancellationToken);

    /// <summary>
    /// Verifies the bytes of a credential or presentation that the caller has parsed strictly already (a node parses a
    /// request body for its own 400s and the id): <paramref name="parsed"/>, the result of
    /// <see cref="StrictJson.ParseElement"/> of <paramref name="input"/> with <paramref name="parsedWith"/>, is used
    /// instead of a second parse when it is a JSON object whose text is exactly <paramref name="input"/> (JSON
    /// whitespace around it aside) and <paramref name="parsedWith"/> is no less strict than this verifier's
    /// <see cref="DataModelOptions.Json"/> in every limit. Otherwise the bytes are parsed as by
    /// <see cref="VerifyAsync(ReadOnlyMemory{byte}, VerificationRequest?, CancellationToken)"/>. The result is the same
    /// either way; only the work differs.
    /// </summary>
    /// <param name="input">The credential's or presentation's bytes (what the receipt hashes).</param>
    /// <param name="parsed">The caller's strict parse of <paramref name="input"/>.</param>
    /// <param name="parsedWith">The options <paramref name="parsed"/> was parsed with.</param>
    /// <param name="request">Challenge, domain and the other per-call expectations.</param>
    /// <param name="cancellationToken">Cancels the verification.</param>
    /// <remarks>
    /// Internal: it believes <paramref name="parsedWith"/> (a parse made otherwise, e.g. without the duplicate-key
    /// check, would be taken as strict), so only our own layers that parsed the bytes themselves call it.
    /// </remarks>
    internal ValueTask<VerificationResult> VerifyAsync(ReadOnlyMemory<byte> input, JsonElement parsed, StrictJsonOptions parsedWith, VerificationRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parsedWith);
        return VerifyAsync(input, IsParseOf(parsed, parsedWith, input.Span) ? parsed : null, expansion: null, request, cancellationToken);
    }

    /// <summary>True when <paramref name="parsed"/> stands for this verifier's strict parse of <paramref name="input"/>.</summary>
    private bool IsParseOf(JsonElement parsed, StrictJsonOptions parsedWith, ReadOnlySpan<byte> input)
    {
        // No less strict: every document that parse accepted, this verifier's options accept, as the same value.
        var own = Options.DataModel.Json;
        if (parsedWith.MaxDepth > own.MaxDepth || parsedWith.MaxStringBytes > own.MaxStringBytes
            || parsedWith.MaxElements > own.MaxElements || (own.RequireIJsonNumbers && !parsedWith.RequireIJsonNumbers)
            || parsed.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        // Of these bytes: the element's own text is the input without the whitespace JSON allows around a value.
        return JsonMarshal.GetRawUtf8Value(parsed).SequenceEqual(input.Trim(" \t\r\n"u8));
    }

    /// <summary>
    /// Verifies <paramref name="input"/> whose strict parse by this verifier's options is <paramref name="parsed"/>
    /// (a credential inside a presentation this verifier parsed), or parses it when null; <paramref name="expansion"/>:
    /// the credential's expansion kept by that presentation's proof verification, when kept.
    /// </summary>
    internal async ValueTask<VerificationResult> VerifyAsync(ReadOnlyMemory<byte> input, JsonElement? parsed, EmbeddedDocument? expansion, VerificationRequest? request, CancellationToken cancellationToken)
    {
        var context = new VerificationContext(this, input, request ?? VerificationRequest.None, Options.TimeProvider.GetUtcNow(), parsed, expansion);
        var checks = new List<CheckResult>(Pipeline.Length + 1);
        string? stop = null;
        foreach (var (name, run) in Pipeline)
        {
            if (stop is not null)
            {
                checks.Add(CheckResult.Skip(name, stop));
                continue;
            }

            var result = await RunCheckAsync(name, run, context, cancellationToken).ConfigureAwait(false);
            checks.Add(result);
            stop = result.Outcome switch
            {
                CheckOutcome.Failed => $"{name} failed",
                CheckOutcome.Indeterminate => $"{name} could not be completed",
                _ => null,
            };
        }

        var outcome = checks.Any(c => c.Outcome == CheckOutcome.Failed) ? VerificationOutcome.Invalid
            : checks.Any(c => c.Outcome == CheckOutcome.Indeterminate) ? VerificationOutcome.Indeterminate
            : VerificationOutcome.Valid;
        var receipt = Receipt(context, outcome);
        checks.Add(CheckResult.Pass(CheckNames.Receipt, "sha-256 " + receipt.CredentialSha256));
        return new VerificationResult
        {
            Outcome = outcome,
            Format = context.Format,
            Checks = checks,
            Credential = context.Credential,
            Presentation = context.Presentation,
            Claims = context.Claims,
            Party = context.Party,
            Credentials = context.Embedded,
            Receipt = receipt,
        };
    }

    private static async ValueTask<CheckResult> RunCheckAsync(string name, Func<VerificationContext, CancellationToken, ValueTask<CheckResult>> run, VerificationContext context, CancellationToken cancellationToken)
    {
        try
        {
            return await run(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The verifier reports, never throws: an unexpected failure of a check is that check failing.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return CheckResult.Fail(name, new Problem(ProblemTypes.MalformedValueError, "Check could not process the input", $"{name}: {e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>Step 13: the receipt.</summary>
    private VerificationReceipt Receipt(VerificationContext context, VerificationOutcome outcome)
    {
        var documents = new List<ReceiptEntry>();
        foreach (var method in context.Methods.Values)
        {
            if (method.Document is { } document && !documents.Any(d => d.Id == document.Id))
            {
                documents.Add(new ReceiptEntry(document.Id, _documentHashes.GetValue(document, d => Sha256(Encoding.UTF8.GetBytes(d.ToJson())))));
            }
        }

        return new VerificationReceipt
        {
            VerifiedAt = context.Now,
            CredentialSha256 = Sha256(context.Input.Span),
            Outcome = outcome,
            DidDocuments = documents,
            StatusLists = context.StatusLists,
        };
    }

    /// <summary>The hash of the status list credential last fetched from <paramref name="url"/>, when known.</summary>
    internal string? StatusListHash(string url) => _statusListHashes.TryGetValue(url, out var hash) ? hash : null;

    /// <summary>Status list credentials are verified by this verifier too (without a status check of their own).</summary>
    private async ValueTask<Problem?> VerifyStatusListAsync(ReadOnlyMemory<byte> list, CancellationToken cancellationToken)
    {
        var result = await VerifyAsync(list, new VerificationRequest { IsStatusList = true }, cancellationToken).ConfigureAwait(false);
        return result.Verified
            ? null
            : result.Problems.FirstOrDefault() ?? new Problem(ProblemTypes.CryptographicSecurityError, "Status list credential not verified", result.Outcome.ToString());
    }

    internal static string Sha256(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[Cryptography.Hashing.Sha256.HashSize];
        Cryptography.Hashing.Sha256.Hash(bytes, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Remembers the hash of every status list fetched, for receipts.</summary>
    private sealed class RecordingProvider(IStatusListProvider inner, CredentialVerifier verifier) : IStatusListProvider
    {
        public async ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default)
        {
            var bytes = await inner.FetchAsync(url, cancellationToken).ConfigureAwait(false);
            if (verifier._statusListHashes.Count >= MaxRememberedHashes)
            {
                verifier._statusListHashes.Clear();
            }

            verifier._statusListHashes[url] = Sha256(bytes.Span);
            return bytes;
        }
    }
}
