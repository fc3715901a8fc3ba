using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Jose;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof issue FILE|- --key KEYFILE [--suite S] ...</c>: secures a credential with a Data Integrity proof,
/// as a VC-JWT or as an SD-JWT VC. The issuer (<see cref="CredentialIssuer"/>) adds the <c>urn:uuid:</c> id,
/// <c>issuer</c>, <c>validFrom</c> and status entries from status list state files.
/// </summary>
internal static class IssueCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The credential to issue (VC Data Model 2.0 or 1.1 JSON without a proof; for sd-jwt, the SD-JWT VC claims), or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var key = new Option<string>("--key") { HelpName = "KEYFILE", Description = "The issuer's key file (from 'tradeproof key generate').", Required = true };
        var suite = new Option<string?>("--suite")
        {
            HelpName = "SUITE",
            Description = "How to secure it: eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020, ecdsa-rdfc-2019, ecdsa-jcs-2019, ecdsa-sd-2023, jwt (VC-JOSE-COSE) or sd-jwt (SD-JWT VC). Default: eddsa-rdfc-2022 for Ed25519 keys, ecdsa-rdfc-2019 for P-256/P-384.",
        };
        suite.AcceptOnlyFromAmong([.. SecuringSuites.ForIssue]);
        var method = new Option<string?>("--verification-method") { HelpName = "URL", Description = "The DID URL naming the key in the proof (default: the key's did:key)." };
        var did = new Option<string?>("--did") { HelpName = "DID", Description = "The issuer's DID; the key is its #key-1 (did:web, as 'did create web' lists it) or its own did:key/did:jwk method." };
        var validUntil = new Option<string?>("--valid-until") { HelpName = "TIME", Description = "validUntil (expirationDate for 1.1; exp for sd-jwt), e.g. 2027-01-01T00:00:00Z." };
        var statusLists = new Option<string[]>("--status-list") { HelpName = "STATEFILE", Description = "A status list state file (from 'status create'): the credential gets an entry with a fresh index (repeat for revocation and suspension)." };
        var statusPurposes = new Option<string[]>("--status-purpose") { HelpName = "PURPOSE", Description = "Which of the lists' purposes to use (default: every --status-list)." };
        statusPurposes.AcceptOnlyFromAmong("revocation", "suspension");
        var mandatory = new Option<string[]>("--mandatory-pointer") { HelpName = "POINTER", Description = "ecdsa-sd-2023: a JSON pointer every derived credential must reveal (repeat)." };
        var disclosable = new Option<string[]>("--disclosable") { HelpName = "POINTER", Description = "sd-jwt: a JSON pointer to a selectively disclosable claim or array element (repeat)." };
        var holderKey = new Option<string?>("--holder-key") { HelpName = "KEY", Description = "sd-jwt: the holder's key for key binding (cnf): a key file, 'key show' output, or a did:key/did:jwk." };
        var vct = new Option<string?>("--vct") { HelpName = "URL", Description = "sd-jwt: the credential type (vct), when the claims have none." };
        var output = new Option<string?>("--out") { HelpName = "FILE", Description = "Write the secured credential here (atomically) instead of standard output." };
        var json = new Option<bool>("--json") { Description = "Print a JSON object: id, suite, verificationMethod, the status entries given, and the credential (also written to --out when given)." };
        var bulk = new Option<string?>("--bulk") { HelpName = "FILE", Description = "Issue every credential of a JSON-lines file (one per line) on every core, writing them to --out one per line in the same order; prints a summary." };
        var bulkOptions = new BulkPipeline.Options();
        var command = new Command("issue", "Issue a credential: add id, issuer, validFrom and status entries, then secure it with a Data Integrity proof, as a VC-JWT or as an SD-JWT VC.")
        {
            file, key, suite, method, did, validUntil, statusLists, statusPurposes, mandatory, disclosable, holderKey, vct, output, json, bulk,
        };
        bulkOptions.AddTo(command);
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var bulkPath = parse.GetValue(bulk);
            if (bulkPath is null)
            {
                bulkOptions.RefuseWithoutBulk(parse);
            }

            using var pair = KeyCommands.ReadKeyFile(parse.GetValue(key), console);
            var identity = SigningIdentity.For(pair.PublicKey, parse.GetValue(method), parse.GetValue(did));
            var suiteName = parse.GetValue(suite) ?? SecuringSuites.DefaultFor(pair.Type, "issue it with --suite jwt");
            SecuringSuites.CheckKey(suiteName, pair.Type);
            if (bulkPath is not null)
            {
                if (parse.GetValue(file) != "-")
                {
                    throw new CliInputException("give either FILE or --bulk FILE.jsonl, not both");
                }

                if ((parse.GetValue(statusLists)?.Length ?? 0) + (parse.GetValue(statusPurposes)?.Length ?? 0) + (parse.GetValue(mandatory)?.Length ?? 0)
                    + (parse.GetValue(disclosable)?.Length ?? 0) > 0 || parse.GetValue(holderKey) is not null || parse.GetValue(vct) is not null)
                {
                    throw new CliInputException("issue --bulk takes --key, --suite, --did, --verification-method, --valid-until and --out; issue credentials with status entries, selective disclosure or SD-JWT one at a time");
                }

                var signer = new BulkIssueCommand.Signer(suiteName, pair, identity, ParseTime(parse.GetValue(validUntil), "--valid-until"));
                return BulkIssueCommand.Run(console, signer, bulkPath, parse.GetValue(output), bulkOptions, parse, parse.GetValue(json));
            }

            var request = new Request(
                suiteName,
                identity,
                ParseTime(parse.GetValue(validUntil), "--valid-until"),
                parse.GetValue(statusLists) ?? [],
                (parse.GetValue(statusPurposes) ?? []).Distinct(StringComparer.Ordinal).ToArray(),
                parse.GetValue(mandatory) ?? [],
                parse.GetValue(disclosable) ?? [],
                parse.GetValue(holderKey),
                parse.GetValue(vct));
            request.CheckOptionsFitSuite();
            var input = CliInput.ReadAllBytes(parse.GetValue(file), console);
            var result = suiteName == SecuringSuites.SdJwt
                ? IssueSdJwt(input, pair, request, console)
                : IssueCredential(input, pair, request);
            var path = parse.GetValue(output);
            if (parse.GetValue(json))
            {
                if (path is not null)
                {
                    CommandOutput.Write(console, path, result.Text);
                }

                console.Output.WriteLine(Describe(result, request));
            }
            else
            {
                CommandOutput.Write(console, path, result.Text);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>A time given on the command line (ISO 8601 with a time zone, or a date meaning midnight UTC).</summary>
    public static DateTimeOffset? ParseTime(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            && (text.Length == 10 || text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10)
            ? value
            : throw new CliInputException($"{option} '{text}' is not a date-time with a time zone (e.g. 2027-01-01T00:00:00Z)");
    }

    private static Issued IssueCredential(byte[] input, KeyPair key, Request request)
    {
        CheckIssuerIsSigner(input, request.Identity);
        var purposes = request.StatusPurposes.Count > 0 || request.StatusLists.Count == 0
            ? request.StatusPurposes
            : StateFileStatusAllocator.PurposesOf(request.StatusLists);
        var allocator = request.StatusLists.Count > 0 ? new StateFileStatusAllocator(request.StatusLists) : null;
        var registry = CryptosuiteRegistry.CreateDefault();
        if (request.MandatoryPointers.Count > 0)
        {
            registry = new CryptosuiteRegistry();
            var withPointers = LibraryInput.Run(() => new EcdsaSd2023Cryptosuite(request.MandatoryPointers));
            registry.Add(withPointers);
        }

        var engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { Registry = registry });
        var issuer = new CredentialIssuer(engine, TimeProvider.System, SystemRandomSource.Instance, allocator);
        var options = new IssuanceOptions
        {
            VerificationMethod = request.Identity.VerificationMethod,
            Issuer = request.Identity.Did,
            Cryptosuite = request.Suite,
            StatusPurposes = purposes,
            ValidUntil = request.ValidUntil,
        };
        var document = SuiteContexts.AddTo(input, request.Suite);
        if (request.StatusLists.Count > 0)
        {
            SpendNoIndexOnAFailure(document, key, request, engine, options);
        }

        if (request.Suite == SecuringSuites.Jwt)
        {
            var prepared = LibraryInput.Run(() => issuer.PrepareAsync(document, options));
            if (prepared.Version != DataModelVersion.V2_0)
            {
                throw new CliInputException("VC-JOSE-COSE secures VC Data Model 2.0 credentials only; this is a 1.1 credential (use a Data Integrity suite)");
            }

            var token = LibraryInput.Run(() => VcJose.IssueCredential(prepared.Utf8.Span, key, request.Identity.VerificationMethod));
            return new Issued(token, prepared.Id, IsJson: false, allocator?.Allocated ?? []);
        }

        var issued = LibraryInput.Run(() => issuer.IssueAsync(document, key, options));
        return new Issued(Encoding.UTF8.GetString(issued.Utf8.Span), issued.Id, IsJson: true, allocator?.Allocated ?? []);
    }

    // The status index is taken before signing (the entry is signed with the rest), so first issue the credential
    // without status: bad input, an undefined term or a 1.1 credential (whose contexts do not define
    // BitstringStatusListEntry, a VC DM 2.0 term) fail here, before an index is spent.
    private static void SpendNoIndexOnAFailure(byte[] document, KeyPair key, Request request, DataIntegrityEngine engine, IssuanceOptions options)
    {
        var dryRun = new CredentialIssuer(engine, TimeProvider.System, SystemRandomSource.Instance);
        var withoutStatus = options with { StatusPurposes = [] };
        var prepared = LibraryInput.Run(() => dryRun.PrepareAsync(document, withoutStatus));
        if (prepared.Version != DataModelVersion.V2_0)
        {
            throw new CliInputException("Bitstring Status List entries are for VC Data Model 2.0 credentials; this is a 1.1 credential");
        }

        if (request.Suite != SecuringSuites.Jwt)
        {
            _ = LibraryInput.Run(() => dryRun.IssueAsync(document, key, withoutStatus));
        }
    }

    // A verifier requires the proof's key to be controlled by the issuer (VC DM 2.0 §4.7, security.md): refuse
    // before anything (a status index) is spent on a credential that could never verify.
    private static void CheckIssuerIsSigner(byte[] input, SigningIdentity identity)
    {
        var root = StrictJson.ParseElement(input);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("issuer", out var issuer))
        {
            return;
        }

        var id = issuer.ValueKind == JsonValueKind.String ? issuer.GetString()
            : issuer.ValueKind == JsonValueKind.Object && issuer.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()
            : null;
        if (id is not null && !string.Equals(id, identity.Did, StringComparison.Ordinal))
        {
            throw new CliInputException($"the credential's issuer is {id}, but the key signs as {identity.Did}: remove 'issuer' (it is filled in), or give --did {id} with that issuer's key");
        }
    }

    // SD-JWT VC (draft-ietf-oauth-sd-jwt-vc §3.2.2): iss, iat, vct, optional exp and cnf; RFC 9901 disclosures.
    private static Issued IssueSdJwt(byte[] input, KeyPair key, Request request, CliConsole console)
    {
        var root = StrictJson.ParseElement(input);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException("the SD-JWT VC claims must be a JSON object");
        }

        var claims = JsonObject.Create(root)!;
        if (claims["iss"] is { } iss && (iss.GetValueKind() != JsonValueKind.String || iss.GetValue<string>() != request.Identity.Did))
        {
            throw new CliInputException($"the claims' iss is {iss.ToJsonString()}, but the key signs for {request.Identity.Did}");
        }

        claims["iss"] = request.Identity.Did;
        claims["iat"] ??= TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        if (request.ValidUntil is { } until)
        {
            claims["exp"] = until.ToUnixTimeSeconds();
        }

        if (request.Vct is not null)
        {
            claims["vct"] = request.Vct;
        }

        if (claims["vct"] is not JsonValue vct || vct.GetValueKind() != JsonValueKind.String || vct.GetValue<string>().Length == 0)
        {
            throw new CliInputException("an SD-JWT VC needs its type: give --vct URL or a 'vct' claim");
        }

        var holder = request.HolderKey is null ? null : HolderKeys.Read(request.HolderKey, console);
        var token = LibraryInput.Run(() => SdJwt.Issue(claims, key, new SdJwtIssueOptions
        {
            Kid = request.Identity.VerificationMethod,
            Random = SystemRandomSource.Instance,
            Disclosable = request.Disclosable,
            HolderKey = holder,
        }));
        return new Issued(token, null, IsJson: false, []);
    }

    private static string Describe(Issued result, Request request) => CommandOutput.Json(w =>
    {
        if (result.Id is not null)
        {
            w.WriteString("id", result.Id);
        }

        w.WriteString("suite", request.Suite);
        w.WriteString("verificationMethod", request.Identity.VerificationMethod);
        w.WriteStartArray("status");
        foreach (var (purpose, url, index) in result.Status)
        {
            w.WriteStartObject();
            w.WriteString("statusPurpose", purpose);
            w.WriteString("statusListCredential", url);
            w.WriteNumber("statusListIndex", index);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("credential");
        if (result.IsJson)
        {
            using var document = JsonDocument.Parse(result.Text);
            document.RootElement.WriteTo(w);
        }
        else
        {
            w.WriteStringValue(result.Text);
        }
    });

    private sealed record Issued(string Text, string? Id, bool IsJson, IReadOnlyList<(string Purpose, string Url, int Index)> Status);

    private sealed record Request(
        string Suite,
        SigningIdentity Identity,
        DateTimeOffset? ValidUntil,
        IReadOnlyList<string> StatusLists,
        IReadOnlyList<string> StatusPurposes,
        IReadOnlyList<string> MandatoryPointers,
        IReadOnlyList<string> Disclosable,
        string? HolderKey,
        string? Vct)
    {
        // Options that only one mechanism understands are refused elsewhere rather than silently ignored.
        public void CheckOptionsFitSuite()
        {
            if (MandatoryPointers.Count > 0 && Suite != EcdsaSd2023Cryptosuite.SuiteName)
            {
                throw new CliInputException("--mandatory-pointer is for --suite ecdsa-sd-2023");
            }

            if ((Disclosable.Count > 0 || HolderKey is not null || Vct is not null) && Suite != SecuringSuites.SdJwt)
            {
                throw new CliInputException("--disclosable, --holder-key and --vct are for --suite sd-jwt");
            }

            if (StatusLists.Count > 0 && Suite == SecuringSuites.SdJwt)
            {
                throw new CliInputException("--status-list gives Bitstring Status List entries, which SD-JWT VCs do not carry");
            }

            if (StatusPurposes.Count > 0 && StatusLists.Count == 0)
            {
                throw new CliInputException("--status-purpose needs --status-list");
            }
        }
    }
}
