using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Storage;
using Tradeproof.Transparency;

namespace Tradeproof.Node.Tests;

/// <summary>
/// The G2G exchange between the customs nodes of two countries on loopback (each found by did:web, delivering with
/// OAuth client credentials the other issued): My Export is Your Import (the Mexican customs sends its export
/// declaration to CBP, logged in both logs and proved in a cross-witnessed checkpoint; a matching entry and a
/// mismatching one), an export declaration from a customs the registry does not allow (not kept), and the global
/// AEO/CTPAT credential (CBP's certificate with a status entry on CBP's node, accepted by the Mexican customs under the
/// arrangement, revoked by CBP and refused on the very next filing).
/// </summary>
public sealed class G2gExchangeTests
{
    private const string Shipment = "KCSM-BOL-88213";

    [Fact]
    public async Task My_export_is_your_import_across_two_customs_nodes_logged_in_both_logs()
    {
        await using var us = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        await using var mx = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var (_, opsMx) = await WitnessingTests.PairAsync(us, mx);
        var cbp = await CustomsAsync(us, "cbp", "U.S. Customs and Border Protection", "US");
        var anam = await CustomsAsync(mx, "anam", "Agencia Nacional de Aduanas de México", "MX");
        var phantom = await CustomsAsync(mx, "phantom", "Phantom Customs", "MX");
        await us.Administration.AddTenantAsync("importer", "Great Lakes Steel LLC", publicVerification: false);
        var importer = await us.TokenAsync("importer", Scopes.IssueCredentials);
        var (cbpDid, anamDid, importerDid) = (Did(us, "cbp"), Did(mx, "anam"), Did(us, "importer"));

        Assert.Equal(HttpStatusCode.OK, (await us.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/allow", cbp, $$"""{ "issuer": "{{anamDid}}", "credentialTypes": ["ExportDeclarationCredential"] }""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await us.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/allow", cbp, $$"""{ "issuer": "{{importerDid}}", "credentialTypes": ["CBP7501EntrySummaryCredential"] }""")).Status);
        await PartnerAsync(mx, "anam", anam, us, "cbp");
        await PartnerAsync(mx, "phantom", phantom, us, "cbp");
        await PartnerAsync(us, "cbp", cbp, us, "importer");

        // The Mexican customs sends its export declaration straight to CBP's inbox.
        var export = await IssueAsync(mx, "anam", anam, "ExportDeclarationCredential", ExportDeclaration(anamDid, importerDid, "7208370030", 38600m), tradeContext: true);
        var exchange = await ExchangeAsync(mx, "anam", anam, cbpDid, export.Id);
        var kept = await KeptDeclarationAsync(us, 1);
        Assert.Contains(export.Id, System.Text.Encoding.UTF8.GetString(kept.Content), StringComparison.Ordinal);

        // Logged in both logs: the sender's leaf for the presentation it sent, the receiver's for the one it accepted.
        var sent = Assert.Single(await mx.Services.Store.Log.FindLeavesAsync(LogEntryKind.Presentation, "anam", exchange));
        Assert.Single(await us.Services.Store.Log.FindLeavesAsync(LogEntryKind.Presentation, "cbp", exchange));

        // The Mexican log's next checkpoint is co-signed by CBP's node and proves the exchange's leaf.
        var (_, note) = await mx.SendTextAsync(HttpMethod.Post, "/log/checkpoint", opsMx);
        var checkpoint = Checkpoint.Parse(SignedNote.Parse(note).Text);
        var mxLog = await LogCheckpoints.VerifierAsync(mx.Services, CancellationToken.None);
        var usWitness = new NoteVerifier(us.BaseUrl.Authority + "/witness", NoteSignatureType.Cosignature, (await LogCheckpoints.VerifierAsync(us.Services, CancellationToken.None)).PublicKey);
        await WitnessingTests.CosignedAsync(mx, checkpoint.Size, mxLog, usWitness);
        var (_, inclusion) = await mx.SendAsync(HttpMethod.Get, $"/log/proofs/inclusion?index={sent}&size={checkpoint.Size}", null);
        Assert.True(MerkleVerification.VerifyInclusion(sent, checkpoint.Size, [.. inclusion.GetProperty("proof").EnumerateArray().Select(h => Convert.FromBase64String(h.GetString()!))],
            Convert.FromBase64String(inclusion.GetProperty("leafHash").GetString()!), checkpoint.RootHash));

        // An export declaration for the same shipment from a customs the registry does not allow: CBP's verifier
        // refuses it (422 with the registry's reason): the sender gives the message up at once (state failed, not
        // retried) and keeps the reason as its last error; CBP keeps nothing.
        var forged = await IssueAsync(mx, "phantom", phantom, "ExportDeclarationCredential", ExportDeclaration(Did(mx, "phantom"), importerDid, "7204490020", 9000m), tradeContext: true);
        var (_, forgedExchange) = await mx.SendAsync(HttpMethod.Post, "/organizations/phantom/customs/exchange", phantom, $$"""{ "recipient": "{{cbpDid}}", "credentialIds": ["{{forged.Id}}"] }""");
        var refusedExchange = await MessageAsync(mx, "phantom", phantom, forgedExchange.GetProperty("id").GetString()!, m => m.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(OutboxStates.Failed, refusedExchange.GetProperty("state").GetString());
        Assert.Equal(1, refusedExchange.GetProperty("attempts").GetInt32());
        Assert.Contains("answered 422", refusedExchange.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains($"does not allow {Did(mx, "phantom")} to issue ExportDeclarationCredential", refusedExchange.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await us.Services.Store.Customs.GetDocumentAsync("cbp", "export-declaration:" + Shipment))!.Version);

        // My Export is Your Import: the importer's matching entry proceeds; an entry declaring the coil as scrap at a
        // quarter of its value is rejected with every difference.
        var entry = await IssueAsync(us, "importer", importer, "CBP7501EntrySummaryCredential", Entry(importerDid, "7208.37.0030", "48250", 38600m), tradeContext: false);
        var matched = await CustomsNodeTests.DeliveredAsync(us, cbp, await CustomsNodeTests.FileAsAsync(us, "importer", us, "cbp", cbp, entry.Utf8));
        var matchedReasons = Reasons(matched);
        Assert.Contains("export-import-match", matchedReasons);
        Assert.DoesNotContain("export-import-mismatch", matchedReasons);

        var wrong = await IssueAsync(us, "importer", importer, "CBP7501EntrySummaryCredential", Entry(importerDid, "7204.49.0020", "48250", 9000m), tradeContext: false);
        var mismatched = await CustomsNodeTests.DeliveredAsync(us, cbp, await CustomsNodeTests.FileAsAsync(us, "importer", us, "cbp", cbp, wrong.Utf8));
        Assert.Equal("rejected", mismatched.GetProperty("status").GetString());
        var differences = mismatched.GetProperty("credentials")[0].GetProperty("credentialSubject").GetProperty("reasons").EnumerateArray()
            .Where(r => r.GetProperty("code").GetString() == "export-import-mismatch").Select(r => r.GetProperty("message").GetString()!).ToList();
        Assert.True(differences.Count >= 2, string.Join(" | ", differences));

        // An exchange to a partner that does not exist is retried with the reason, never delivered.
        var (_, lost) = await mx.SendAsync(HttpMethod.Post, "/organizations/anam/customs/exchange", anam, $$"""{ "recipient": "did:web:localhost%3A1:organizations:nobody", "credentialIds": ["{{export.Id}}"] }""");
        var message = await MessageAsync(mx, "anam", anam, lost.GetProperty("id").GetString()!, m => m.GetProperty("attempts").GetInt32() >= 1);
        Assert.Equal(OutboxStates.Pending, message.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(message.GetProperty("lastError").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await mx.SendAsync(HttpMethod.Post, "/organizations/anam/customs/exchange", anam, $$"""{ "recipient": "{{cbpDid}}", "credentialIds": ["urn:uuid:not-ours"] }""")).Status);
    }

    [Fact]
    public async Task A_ctpat_certificate_accepted_under_the_arrangement_is_refused_on_the_next_filing_after_cbp_revokes_it()
    {
        await using var us = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        await using var mx = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var cbp = await CustomsAsync(us, "cbp", "U.S. Customs and Border Protection", "US");
        var anam = await CustomsAsync(mx, "anam", "Agencia Nacional de Aduanas de México", "MX");
        await us.Administration.AddTenantAsync("trader", "Great Lakes Steel LLC", publicVerification: false);
        var traderDid = Did(us, "trader");

        // CBP issues the CTPAT certificate with a revocation entry in a status list CBP's node serves.
        var ctpat = await IssueAsync(us, "cbp", cbp, "CTPATCertificate", $$"""
            { "type": ["CTPAT"], "member": { "type": ["CTPATMember"], "id": "{{traderDid}}", "name": "Great Lakes Steel LLC" },
              "sviNumber": "57118961", "ctpatAccountNumber": "12008", "tradeSector": "Importer", "tier": "Certified",
              "dateOfLastValidation": "2026-01-06T11:50:00Z", "issuingCountry": "US" }
            """, tradeContext: false, status: "revocation");
        Assert.Contains("status-lists", ctpat.Json.GetProperty("credentialStatus").GetRawText(), StringComparison.Ordinal);

        // The Mexican customs recognises CBP's programme under the arrangement (data in its registry).
        var (recognised, registry) = await mx.SendAsync(HttpMethod.Post, "/organizations/anam/customs/registry/recognise", anam, $$"""{ "partner": "{{Did(us, "cbp")}}", "country": "US", "programme": "CTPAT", "recognisedAs": "OEA" }""");
        Assert.True(recognised == HttpStatusCode.OK, registry.ToString());
        await PartnerAsync(mx, "anam", anam, us, "trader");
        var anamInbox = await mx.TokenAsync("anam", Scopes.SubmitPresentations, Scopes.VerifyPresentations);

        var accepted = await CustomsNodeTests.DeliveredAsync(mx, anam, await CustomsNodeTests.FileAsAsync(us, "trader", mx, "anam", anamInbox, ctpat.Utf8), "anam");
        Assert.NotEqual("rejected", accepted.GetProperty("status").GetString());
        Assert.Contains("trusted-trader", Reasons(accepted));

        // CBP revokes it; the very next filing relying on it is refused (its list is fetched afresh, not from a cache).
        var (revoked, revocation) = await us.SendAsync(HttpMethod.Post, "/organizations/cbp/credentials/status", cbp,
            $$"""{ "credentialId": "{{ctpat.Id}}", "credentialStatus": { "type": "BitstringStatusListEntry", "statusPurpose": "revocation" }, "status": true }""");
        Assert.True(revoked == HttpStatusCode.OK, revocation.ToString());
        var refused = await CustomsNodeTests.DeliveredAsync(mx, anam, await CustomsNodeTests.FileAsAsync(us, "trader", mx, "anam", anamInbox, ctpat.Utf8), "anam");
        Assert.Equal("rejected", refused.GetProperty("status").GetString());
        var reasons = Reasons(refused);
        Assert.Contains("credential-not-verified", reasons);
        Assert.DoesNotContain("trusted-trader", reasons);
    }

    [Fact]
    public async Task A_shipment_status_from_an_agency_no_routing_rule_names_is_refused_and_changes_nothing()
    {
        await using var node = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var cbp = await CustomsAsync(node, "cbp", "U.S. Customs and Border Protection", "US");
        var rogue = await CustomsAsync(node, "rogue", "Rogue Agency", "US");
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Put, "/organizations/rogue/customs/profile", rogue, """{ "role": "agency", "name": "Rogue Agency", "agency": "FDA" }""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Post, "/organizations/cbp/customs/registry/allow", cbp, $$"""{ "issuer": "{{Did(node, "rogue")}}", "credentialTypes": ["PGAShipmentStatusCredential"] }""")).Status);
        await PartnerAsync(node, "rogue", rogue, node, "cbp");
        var status = await IssueAsync(node, "rogue", rogue, "PGAShipmentStatusCredential", """
            { "type": ["PGAShipmentStatusList"], "pgaShipmentStatusItems": [ { "type": ["PGAShipmentStatus"], "entryNo": "ABC-1234567-8", "statusCode": "O7", "statusCodeDescription": "May Proceed", "validCodeReasonDescription": "released" } ] }
            """, tradeContext: false);
        var sent = await ExchangeAsync(node, "rogue", rogue, Did(node, "cbp"), status.Id);

        JsonElement decision = default;
        for (var i = 0; i < 1200 && decision.ValueKind != JsonValueKind.Object; i++)
        {
            var (found, body) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/filings/" + Uri.EscapeDataString(sent), cbp);
            decision = found == HttpStatusCode.OK ? body.GetProperty("decision") : default;
            await Task.Delay(10);
        }

        Assert.Equal("rejected", decision.GetProperty("status").GetString());
        Assert.Equal("agency-not-routed", decision.GetProperty("reasons")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_admissibility_policy_is_versioned_validated_data_of_the_customs_authority()
    {
        await using var node = await LoopbackNode.StartAsync(o => o with { LogCheckpointInterval = TimeSpan.Zero });
        var cbp = await CustomsAsync(node, "cbp", "U.S. Customs and Border Protection", "US");
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/policy", cbp)).Status);
        var (bad, problem) = await node.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/policy", cbp, """{ "deMinimis": { "threshold": "lots" } }""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad);
        Assert.Contains("threshold", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/policy", cbp)).Status);

        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/policy", cbp, """{ "prohibitedOrigins": ["KP"] }""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Put, "/organizations/cbp/customs/policy", cbp, """{ "prohibitedOrigins": ["KP", "IR"], "deMinimis": { "suspended": true } }""")).Status);
        var (_, current) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/policy", cbp);
        Assert.Equal(2, current.GetProperty("prohibitedOrigins").GetArrayLength());
        var (_, first) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/policy?version=1", cbp);
        Assert.Equal(1, first.GetProperty("prohibitedOrigins").GetArrayLength());
        var policy = await new Customs.CustomsServices(node.Services).PolicyAsync("cbp", CancellationToken.None);
        Assert.True(policy!.DeMinimisSuspended);
        Assert.Contains("IR", policy.ProhibitedOrigins);
    }

    private static string Did(LoopbackNode node, string tenant) => node.Services.Identity.TenantDid(tenant);

    private static List<string> Reasons(JsonElement message) =>
        [.. message.GetProperty("credentials")[0].GetProperty("credentialSubject").GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!)];

    // A customs tenant with its profile; a token with every scope it needs.
    private static async Task<string> CustomsAsync(LoopbackNode node, string tenant, string name, string country)
    {
        await node.Administration.AddTenantAsync(tenant, name, publicVerification: false);
        var token = await node.TokenAsync(tenant, Scopes.ManageCustoms, Scopes.ReadCustoms, Scopes.IssueCredentials, Scopes.UpdateCredentials, Scopes.SubmitPresentations, Scopes.VerifyPresentations);
        Assert.Equal(HttpStatusCode.OK, (await node.SendAsync(HttpMethod.Put, $"/organizations/{tenant}/customs/profile", token, $$"""{ "role": "customs", "name": "{{name}}", "country": "{{country}}" }""")).Status);
        return token;
    }

    // The recipient's node issues the sender a client for the recipient's inbox; the sender keeps it as a partner.
    private static async Task PartnerAsync(LoopbackNode senderNode, string sender, string senderToken, LoopbackNode recipientNode, string recipient)
    {
        var client = await recipientNode.Administration.AddClientAsync(recipient, [Scopes.SubmitPresentations, Scopes.VerifyPresentations]);
        var (status, body) = await senderNode.SendAsync(HttpMethod.Post, $"/organizations/{sender}/customs/partners", senderToken,
            $$"""{ "did": "{{Did(recipientNode, recipient)}}", "clientId": "{{client.ClientId}}", "clientSecret": "{{client.ClientSecret}}" }""");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
    }

    private static async Task<(string Id, byte[] Utf8, JsonElement Json)> IssueAsync(LoopbackNode node, string tenant, string token, string type, string subject, bool tradeContext, string? status = null)
    {
        var contexts = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/traceability/v1");
        if (tradeContext)
        {
            contexts.Add("https://tradeproof.dev/contexts/trade/v1");
        }

        var options = new JsonObject { ["cryptosuite"] = "eddsa-rdfc-2022" };
        if (status is not null)
        {
            options["credentialStatus"] = new JsonObject { ["type"] = "BitstringStatusListEntry", ["statusPurpose"] = status };
        }

        var body = new JsonObject
        {
            ["credential"] = new JsonObject
            {
                ["@context"] = contexts,
                ["type"] = new JsonArray("VerifiableCredential", type),
                ["issuer"] = JsonNode.Parse($$"""{ "type": ["Organization"], "id": "{{Did(node, tenant)}}", "name": "{{tenant}}" }"""),
                ["credentialSubject"] = JsonNode.Parse(subject),
            },
            ["options"] = options,
        };
        var (created, issued) = await node.SendAsync(HttpMethod.Post, $"/organizations/{tenant}/credentials/issue", token, body.ToJsonString());
        Assert.True(created == HttpStatusCode.Created, issued.ToString());
        var vc = issued.GetProperty("verifiableCredential");
        return (vc.GetProperty("id").GetString()!, System.Text.Encoding.UTF8.GetBytes(vc.GetRawText()), vc);
    }

    // POST .../customs/exchange and wait until delivered; the message (= presentation) id.
    private static async Task<string> ExchangeAsync(LoopbackNode node, string tenant, string token, string recipient, string credentialId)
    {
        var (status, body) = await node.SendAsync(HttpMethod.Post, $"/organizations/{tenant}/customs/exchange", token, $$"""{ "recipient": "{{recipient}}", "credentialIds": ["{{credentialId}}"] }""");
        Assert.True(status == HttpStatusCode.Accepted, body.ToString());
        var id = body.GetProperty("id").GetString()!;
        _ = await MessageAsync(node, tenant, token, id, m => m.GetProperty("state").GetString() == OutboxStates.Delivered);
        return id;
    }

    private static async Task<JsonElement> MessageAsync(LoopbackNode node, string tenant, string token, string id, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        for (var i = 0; i < 1200; i++)
        {
            var (_, list) = await node.SendAsync(HttpMethod.Get, $"/organizations/{tenant}/customs/messages?kind=g2g", token);
            last = list.GetProperty("messages").EnumerateArray().FirstOrDefault(m => m.GetProperty("id").GetString() == id);
            if (last.ValueKind == JsonValueKind.Object && done(last))
            {
                return last;
            }

            await Task.Delay(10);
        }

        Assert.Fail($"message {id} never got there: {last}");
        return last;
    }

    private static async Task<CustomsDocumentRecord> KeptDeclarationAsync(LoopbackNode node, long version)
    {
        for (var i = 0; i < 1200; i++)
        {
            if (await node.Services.Store.Customs.GetDocumentAsync("cbp", "export-declaration:" + Shipment) is { } kept && kept.Version >= version)
            {
                return kept;
            }

            await Task.Delay(10);
        }

        Assert.Fail("CBP never kept the export declaration.");
        return null!;
    }

    private static string ExportDeclaration(string exporter, string consignee, string hs, decimal value) => $$"""
        {
          "type": ["ExportDeclaration"],
          "declarationNumber": "26-3930-6001234",
          "declarationDate": "2026-07-01T14:05:00Z",
          "exporter": { "type": ["Organization"], "id": "{{exporter}}", "name": "Aceros Monterrey" },
          "consignee": { "type": ["Organization"], "id": "{{consignee}}", "name": "Great Lakes Steel LLC" },
          "exportCountry": "MX",
          "destinationCountry": "US",
          "transportMode": "rail",
          "shipmentIdentifier": "{{Shipment}}",
          "items": [{
            "sequenceNumber": 1,
            "product": { "type": ["Product"], "name": "Hot-rolled steel coil, 6 mm" },
            "hsCode": "{{hs}}",
            "countryOfOrigin": "MX",
            "quantity": { "type": ["QuantitativeValue"], "value": "48250", "unitCode": "KGM" },
            "value": { "type": ["PriceSpecification"], "price": {{value.ToString(CultureInfo.InvariantCulture)}}, "priceCurrency": "USD" }
          }],
          "totalValue": { "type": ["PriceSpecification"], "price": {{value.ToString(CultureInfo.InvariantCulture)}}, "priceCurrency": "USD" }
        }
        """;

    private static string Entry(string importer, string hts, string kilograms, decimal value) => $$"""
        {
          "type": ["CBPEntrySummary"],
          "entryNumber": "ABC-1234567-8",
          "entryType": "01",
          "summaryDate": "2026-07-05T10:00:00Z",
          "countryOfOrigin": "MX",
          "exportingCountry": "MX",
          "exportDate": "2026-07-02T08:00:00Z",
          "billOfLadingNumber": "{{Shipment}}",
          "importerOfRecord": { "type": ["Organization"], "id": "{{importer}}", "name": "Great Lakes Steel LLC" },
          "descriptionOfMerchandise": [{
            "type": ["CBPEntrySummaryLineItem"],
            "commodity": { "type": ["Commodity"], "commodityCode": "{{hts}}", "commodityCodeType": "HTS", "description": "Hot-rolled steel coil" },
            "netQuantity": { "type": ["QuantitativeValue"], "value": "{{kilograms}}", "unitCode": "KGM" },
            "enteredValue": { "type": ["PriceSpecification"], "price": {{value.ToString(CultureInfo.InvariantCulture)}}, "priceCurrency": "USD" }
          }]
        }
        """;
}
