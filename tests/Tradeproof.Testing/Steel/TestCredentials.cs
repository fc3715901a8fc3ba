using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Tradeproof.Credentials.Issuance;

namespace Tradeproof.Testing.Steel;

/// <summary>Traceability credentials for tests: the unsigned document, signing it by a party, editing a signed copy.</summary>
public static class TestCredentials
{
    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";
    public const string TraceabilityContext = "https://w3id.org/traceability/v1";
    public const string TradeContext = "https://tradeproof.dev/contexts/trade/v1";

    /// <summary>
    /// A credential of <paramref name="type"/> issued by <paramref name="issuer"/> (an Organization, with its location
    /// when <paramref name="issuerLocation"/>) about <paramref name="subject"/>; the trade context after the
    /// traceability one when <paramref name="tradeContext"/>; <c>id</c> and <c>validFrom</c> when given.
    /// </summary>
    public static JsonObject Unsigned(TestParty issuer, string type, JsonNode subject, bool tradeContext = false, string? id = null, DateTimeOffset? validFrom = null, bool issuerLocation = true)
    {
        var contexts = new JsonArray(CredentialsV2, TraceabilityContext);
        if (tradeContext)
        {
            contexts.Add(TradeContext);
        }

        var credential = new JsonObject { ["@context"] = contexts };
        if (id is not null)
        {
            credential["id"] = id;
        }

        credential["type"] = new JsonArray("VerifiableCredential", type);
        credential["issuer"] = issuer.Organization(issuerLocation);
        if (validFrom is { } from)
        {
            credential["validFrom"] = from.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        credential["credentialSubject"] = subject;
        return credential;
    }

    /// <summary>Signs <paramref name="unsigned"/> with the party's key and verification method; the credential's UTF-8 JSON.</summary>
    public static byte[] Sign(CredentialIssuer issuer, TestParty party, JsonObject unsigned, string cryptosuite = "eddsa-jcs-2022") =>
        issuer.IssueAsync(Encoding.UTF8.GetBytes(unsigned.ToJsonString()), party.Key, new IssuanceOptions
        {
            VerificationMethod = party.VerificationMethod,
            Cryptosuite = cryptosuite,
        }).AsTask().GetAwaiter().GetResult().Utf8.ToArray();

    /// <summary>A copy of a JSON document with <paramref name="edit"/> applied.</summary>
    public static byte[] Edit(byte[] json, Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        edit(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    /// <summary>A copy of a signed credential with one subject member changed (the proof no longer verifies).</summary>
    public static byte[] Tamper(byte[] credential, string member, JsonNode? value) =>
        Edit(credential, node => node["credentialSubject"]![member] = value);
}
