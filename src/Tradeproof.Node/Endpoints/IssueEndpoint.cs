using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Jose;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// <c>POST /organizations/{id}/credentials/issue</c> (VC-API): <c>{credential, options?}</c>, a missing <c>options</c>
/// being <c>{}</c>. Options: <c>cryptosuite</c> (<see cref="TenantSigning.Cryptosuites"/>, eddsa-rdfc-2022 by default),
/// <c>format</c> or <c>securingMechanism</c> (<c>vc+jwt</c>/<c>application/vc+jwt</c> for VC-JOSE: the answer is an
/// EnvelopedVerifiableCredential; <c>application/vc</c>/<c>data-integrity</c> for Data Integrity),
/// <c>verificationMethod</c> (one of the tenant's keys), <c>mandatoryPointers</c> (ecdsa-sd-2023), and
/// <c>credentialStatus</c> (<c>{type: BitstringStatusListEntry, statusPurpose: revocation|suspension}</c> or a list:
/// an index of the issuer's list, never reused). The credential's <c>issuer</c>, when given, picks the identity
/// (the tenant's did:web or one of its did:key DIDs). Unknown options or values: 400. 201
/// <c>{verifiableCredential}</c>; the credential and its status indexes are stored in one transaction, with the
/// <c>Idempotency-Key</c> when sent.
/// </summary>
internal static class IssueEndpoint
{
    private static readonly string[] KnownOptions = ["cryptosuite", "format", "securingMechanism", "verificationMethod", "mandatoryPointers", "credentialStatus"];

    public static async Task IssueAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.IssueCredentials).ConfigureAwait(false);
        var (root, bytes) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var credential = CredentialEndpoints.Member(root, "credential", JsonValueKind.Object);
        var options = ReadOptions(root);
        var issuerDid = IssuerOf(credential);
        LogEndpoints.AddLogIndexOnStarting(context, Transparency.LogEntryKind.Credential, tenantId);
        await Idempotency.RunAsync(context, services.Store, tenantId, bytes, unit => IssueAsync(services, unit, tenantId, credential, issuerDid, options, context.RequestAborted)).ConfigureAwait(false);
    }

    private static async Task<IdempotentResponse> IssueAsync(NodeServices services, IStoreTransaction unit, string tenantId, JsonElement credential, string? issuerDid, Options options, CancellationToken cancellationToken)
    {
        var tenantDid = services.Identity.TenantDid(tenantId);
        var key = await TenantSigning.ChooseAsync(unit, tenantId, tenantDid, options.Mechanism, issuerDid, options.VerificationMethod, cancellationToken).ConfigureAwait(false);
        var engine = services.Engine;
        if (options.MandatoryPointers.Count > 0)
        {
            CryptosuiteRegistry registry;
            try
            {
                registry = new CryptosuiteRegistry().Add(new EcdsaSd2023Cryptosuite(options.MandatoryPointers));
            }
            catch (ArgumentException e)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("options.mandatoryPointers: " + e.Message));
            }


            engine = new DataIntegrityEngine(new DataIntegrityEngineOptions { Registry = registry, TimeProvider = services.Time, Random = services.Random, Transforms = services.Engine.Transforms });
        }

        var allocator = options.StatusPurposes.Count > 0 ? services.StatusLists.AllocatorFor(unit, tenantId, key.Did) : null;
        var issuer = new CredentialIssuer(engine, services.Time, services.Random, allocator);
        var issuance = new IssuanceOptions
        {
            VerificationMethod = key.KeyId,
            Issuer = key.Did,
            Cryptosuite = options.Mechanism == TenantSigning.Jose ? "eddsa-rdfc-2022" : options.Mechanism,
            StatusPurposes = options.StatusPurposes,
        };
        var input = Encoding.UTF8.GetBytes(credential.GetRawText());
        string id;
        CredentialRecord record;
        byte[] secured;
        using (var pair = await TenantKeys.GetPairAsync(unit, tenantId, key.KeyId, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreException(StoreErrorKind.Corrupt, $"The organisation has no key {key.KeyId}."))
        {
            try
            {
                if (options.Mechanism == TenantSigning.Jose)
                {
                    var prepared = await issuer.PrepareAsync(input, issuance, cancellationToken).ConfigureAwait(false);
                    if (prepared.Version != DataModelVersion.V2_0)
                    {
                        throw new ApiProblemException(ApiProblem.BadRequest("VC-JOSE secures VC Data Model 2.0 credentials only; this is a 1.1 credential (use a Data Integrity cryptosuite)."));
                    }

                    var token = VcJose.IssueCredential(prepared.Utf8.Span, pair, key.KeyId);
                    id = prepared.Id;
                    secured = VcJose.Envelope(token);
                    record = new CredentialRecord(id, CredentialDirection.Issued, VcJose.CredentialMediaType, Encoding.ASCII.GetBytes(token), key.Did);
                }
                else
                {
                    var issued = await issuer.IssueAsync(input, pair, issuance, cancellationToken).ConfigureAwait(false);
                    id = issued.Id;
                    secured = issued.Utf8.ToArray();
                    record = new CredentialRecord(id, CredentialDirection.Issued, "application/vc", secured, key.Did);
                }
            }
            catch (ArgumentException e)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("The credential cannot be issued: " + e.Message));
            }
            catch (ProofTransformException e)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("The credential cannot be signed (JSON-LD): " + e.Message));
            }
            catch (EcdsaSdException e)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("The credential cannot be signed with ecdsa-sd-2023: " + e.Message));
            }
        }

        if (await unit.Credentials.SaveAsync(tenantId, record, cancellationToken).ConfigureAwait(false) != CredentialSaveOutcome.Stored)
        {
            throw new ApiProblemException(ApiProblem.Conflict($"A credential '{id}' exists already."));
        }

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WritePropertyName("verifiableCredential");
            using var document = JsonDocument.Parse(secured);
            document.RootElement.WriteTo(w);
            w.WriteEndObject();
        }

        return new IdempotentResponse(201, "application/json", stream.ToArray(), services.Identity.TenantEndpoint(tenantId) + "/credentials/" + Uri.EscapeDataString(id));
    }

    private static string? IssuerOf(JsonElement credential)
    {
        if (!credential.TryGetProperty("issuer", out var issuer))
        {
            return null;
        }

        return issuer.ValueKind == JsonValueKind.String ? issuer.GetString()
            : issuer.ValueKind == JsonValueKind.Object && issuer.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()
            : throw new ApiProblemException(ApiProblem.BadRequest("The credential's issuer must be a URL or an object with an id."));
    }

    private sealed record Options(string Mechanism, string? VerificationMethod, IReadOnlyList<string> MandatoryPointers, IReadOnlyList<string> StatusPurposes);

    // VC-API: a missing options is {}; every member is checked, an unknown one is refused (not ignored).
    private static Options ReadOptions(JsonElement root)
    {
        if (!root.TryGetProperty("options", out var options))
        {
            return new Options("eddsa-rdfc-2022", null, [], []);
        }

        if (options.ValueKind != JsonValueKind.Object)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("options must be an object."));
        }

        string? suite = null;
        string? format = null;
        string? method = null;
        var pointers = new List<string>();
        var purposes = new List<string>();
        foreach (var member in options.EnumerateObject())
        {
            switch (member.Name)
            {
                case "cryptosuite":
                    suite = Text(member);
                    if (!TenantSigning.Cryptosuites.Contains(suite))
                    {
                        throw new ApiProblemException(ApiProblem.BadRequest($"options.cryptosuite '{suite}' is not offered; use one of {string.Join(", ", TenantSigning.Cryptosuites)}."));
                    }

                    break;
                case "format" or "securingMechanism":
                    var named = Format(member);
                    if (format is not null && format != named)
                    {
                        throw new ApiProblemException(ApiProblem.BadRequest("options.format and options.securingMechanism disagree."));
                    }

                    format = named;
                    break;
                case "verificationMethod":
                    method = Text(member);
                    break;
                case "mandatoryPointers":
                    pointers.AddRange(Strings(member, p => p.Length == 0 || p[0] == '/', "a JSON pointer"));
                    break;
                case "credentialStatus":
                    purposes.AddRange(StatusPurposes(member.Value));
                    break;
                default:
                    throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} is not supported; the options are {string.Join(", ", KnownOptions)}."));
            }
        }

        if (format == TenantSigning.Jose && suite is not null)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("options.cryptosuite names a Data Integrity suite, but the format is vc+jwt."));
        }

        var mechanism = format == TenantSigning.Jose ? TenantSigning.Jose : suite ?? "eddsa-rdfc-2022";
        if (pointers.Count > 0 && mechanism != EcdsaSd2023Cryptosuite.SuiteName)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("options.mandatoryPointers is for the ecdsa-sd-2023 cryptosuite."));
        }

        return new Options(mechanism, method, pointers, purposes);
    }

    private static string Format(JsonProperty member) => Text(member) switch
    {
        "vc+jwt" or "application/vc+jwt" or "jwt" => TenantSigning.Jose,
        "application/vc" or "application/vc+ld+json" or "data-integrity" or "DataIntegrityProof" => "data-integrity",
        var other => throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} '{other}' is not offered; use vc+jwt (VC-JOSE) or data-integrity.")),
    };

    private static IEnumerable<string> StatusPurposes(JsonElement value)
    {
        var entries = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        var purposes = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.ValueKind != JsonValueKind.Object)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("options.credentialStatus must be {type: BitstringStatusListEntry, statusPurpose} or a list of them."));
            }

            foreach (var member in entry.EnumerateObject())
            {
                if (member.Name == "type" && member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() is "BitstringStatusListEntry" or "BitstringStatusList")
                {
                    continue;
                }

                if (member.Name == "statusPurpose" && member.Value.ValueKind == JsonValueKind.String && member.Value.GetString() is "revocation" or "suspension")
                {
                    continue;
                }

                throw new ApiProblemException(ApiProblem.BadRequest($"options.credentialStatus.{member.Name} is not supported: give type BitstringStatusListEntry and statusPurpose revocation or suspension."));
            }

            var purpose = entry.TryGetProperty("statusPurpose", out var p) ? p.GetString()! : throw new ApiProblemException(ApiProblem.BadRequest("options.credentialStatus needs a statusPurpose (revocation or suspension)."));
            if (purposes.Contains(purpose))
            {
                throw new ApiProblemException(ApiProblem.BadRequest($"options.credentialStatus names {purpose} twice."));
            }

            purposes.Add(purpose);
        }

        return purposes;
    }

    private static string Text(JsonProperty member) =>
        member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} must be a string."));

    internal static IReadOnlyList<string> Strings(JsonProperty member, Func<string, bool> valid, string what)
    {
        if (member.Value.ValueKind != JsonValueKind.Array || member.Value.GetArrayLength() == 0)
        {
            throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} must be a non-empty list of strings."));
        }

        return
        [
            .. member.Value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && valid(e.GetString()!)
                ? e.GetString()!
                : throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} must list strings, each {what}."))),
        ];
    }
}
