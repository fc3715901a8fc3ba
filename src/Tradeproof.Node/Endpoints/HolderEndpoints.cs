using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.DataIntegrity.EcdsaSd;
using Tradeproof.Credentials.Jose;
using Tradeproof.Storage;

namespace Tradeproof.Node;

/// <summary>
/// The VC-API holder endpoints of a tenant. <c>POST /organizations/{id}/credentials/derive</c>:
/// <c>{verifiableCredential, options: {selectivePointers}}</c> with an ecdsa-sd-2023 base proof → 201
/// <c>{verifiableCredential}</c> revealing the mandatory and selected claims with a derived proof.
/// <c>POST /organizations/{id}/presentations/prove</c>: <c>{presentation, options?: {challenge, domain, cryptosuite |
/// format, verificationMethod}}</c> → 201 <c>{verifiablePresentation}</c> signed by the tenant (the holder: its
/// did:web, or the identity the presentation's <c>holder</c> names) for authentication: a Data Integrity proof
/// with the challenge and domain, or a VP-JWT (<c>vp+jwt</c>, <c>nonce</c> and <c>aud</c>) in an
/// EnvelopedVerifiablePresentation.
/// </summary>
internal static class HolderEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/organizations/{id}/credentials/derive", DeriveAsync);
        app.MapPost("/organizations/{id}/presentations/prove", ProveAsync);
    }

    private static async Task DeriveAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.DeriveCredentials).ConfigureAwait(false);
        var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var credential = CredentialEndpoints.Member(root, "verifiableCredential", JsonValueKind.Object);
        IReadOnlyList<string> pointers = [];
        foreach (var member in Options(root))
        {
            pointers = member.Name == "selectivePointers"
                ? IssueEndpoint.Strings(member, p => p.Length == 0 || p[0] == '/', "a JSON pointer")
                : throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} is not supported; the option is selectivePointers."));
        }

        byte[] derived;
        try
        {
            derived = EcdsaSd2023.Derive(Encoding.UTF8.GetBytes(credential.GetRawText()), pointers, services.Engine.Transforms, context.RequestAborted);
        }
        catch (EcdsaSdException e)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The credential cannot be derived (it needs an ecdsa-sd-2023 base proof, and every pointer must select something): " + e.Message));
        }
        catch (ProofTransformException e)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The credential cannot be derived (JSON-LD): " + e.Message));
        }

        await WriteWrappedAsync(context, "verifiableCredential", derived).ConfigureAwait(false);
    }

    private static async Task ProveAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var tenantId = JsonResponse.Route(context, "id");
        await services.AuthorizeAsync(context, tenantId, Scopes.ProvePresentations).ConfigureAwait(false);
        var (root, _) = await services.Body.ReadJsonAsync(context).ConfigureAwait(false);
        var presentation = (JsonObject)JsonNode.Parse(CredentialEndpoints.Member(root, "presentation", JsonValueKind.Object).GetRawText())!;
        string? challenge = null;
        string? domain = null;
        string? suite = null;
        string? method = null;
        var jose = false;
        foreach (var member in Options(root))
        {
            var text = member.Value.ValueKind == JsonValueKind.String ? member.Value.GetString()! : throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} must be a string."));
            switch (member.Name)
            {
                case "challenge":
                    challenge = text;
                    break;
                case "domain":
                    domain = text;
                    break;
                case "verificationMethod":
                    method = text;
                    break;
                case "cryptosuite" when TenantSigning.Cryptosuites.Contains(text) && text != EcdsaSd2023Cryptosuite.SuiteName:
                    suite = text;
                    break;
                case "format" or "securingMechanism" when text is "vp+jwt" or "application/vp+jwt" or "vc+jwt" or "jwt":
                    jose = true;
                    break;
                case "format" or "securingMechanism" when text is "application/vp" or "data-integrity":
                    break;
                default:
                    throw new ApiProblemException(ApiProblem.BadRequest($"options.{member.Name} '{text}' is not supported; the options are challenge, domain, verificationMethod, cryptosuite (eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, ecdsa-jcs-2019) and format (vp+jwt or data-integrity)."));
            }
        }

        if (jose && suite is not null)
        {
            throw new ApiProblemException(ApiProblem.BadRequest("options.cryptosuite names a Data Integrity suite, but the format is vp+jwt."));
        }

        if (presentation.ContainsKey("proof"))
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The presentation has a proof already; send it unsigned."));
        }

        var holder = presentation["holder"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonObject o when o["id"] is JsonValue v && v.TryGetValue<string>(out var s) => s,
            _ => throw new ApiProblemException(ApiProblem.BadRequest("The presentation's holder must be a URL or an object with an id.")),
        };
        var mechanism = jose ? TenantSigning.Jose : suite ?? "eddsa-rdfc-2022";
        var key = await TenantSigning.ChooseAsync(services.Store, tenantId, services.Identity.TenantDid(tenantId), mechanism, holder, method, context.RequestAborted).ConfigureAwait(false);
        presentation["holder"] ??= key.Did;
        if (jose)
        {
            // VC-JOSE-COSE: the presentation is the JWT claims set; the challenge and domain are its nonce and aud.
            if (challenge is not null)
            {
                presentation["nonce"] = challenge;
            }

            if (domain is not null)
            {
                presentation["aud"] = domain;
            }
        }

        var bytes = Encoding.UTF8.GetBytes(presentation.ToJsonString());
        if (!VerifiablePresentation.TryParse(bytes, null, out _, out var problems))
        {
            throw new ApiProblemException(ApiProblem.BadRequest("The presentation is not acceptable: " + string.Join("; ", problems)) with { Problems = problems });
        }

        byte[] secured;
        using (var pair = await TenantKeys.GetPairAsync(services.Store, tenantId, key.KeyId, context.RequestAborted).ConfigureAwait(false)
            ?? throw new StoreException(StoreErrorKind.Corrupt, $"The organisation has no key {key.KeyId}."))
        {
            try
            {
                secured = jose
                    ? VcJose.EnvelopePresentation(VcJose.IssuePresentation(bytes, pair, key.KeyId))
                    : services.Engine.AddProof(bytes, new ProofOptions
                    {
                        Cryptosuite = mechanism,
                        VerificationMethod = key.KeyId,
                        ProofPurpose = ProofPurposes.Authentication,
                        Challenge = challenge,
                        Domain = domain is null ? null : [domain],
                    }, pair, context.RequestAborted);
            }
            catch (ArgumentException e)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("The presentation cannot be signed: " + e.Message));
            }
            catch (ProofTransformException e)
            {
                throw new ApiProblemException(ApiProblem.BadRequest("The presentation cannot be signed (JSON-LD): " + e.Message));
            }
        }

        await WriteWrappedAsync(context, "verifiablePresentation", secured).ConfigureAwait(false);
    }

    // The members of options (a missing options is {}).
    private static IEnumerable<JsonProperty> Options(JsonElement root)
    {
        if (!root.TryGetProperty("options", out var options))
        {
            return [];
        }

        return options.ValueKind == JsonValueKind.Object
            ? options.EnumerateObject().ToList()
            : throw new ApiProblemException(ApiProblem.BadRequest("options must be an object."));
    }

    private static Task WriteWrappedAsync(HttpContext context, string member, byte[] document) => JsonResponse.WriteAsync(context, 201, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(member);
        using var parsed = JsonDocument.Parse(document);
        parsed.RootElement.WriteTo(w);
        w.WriteEndObject();
    });
}
