using System.Net;
using System.Text;
using Tradeproof.Customs.Registry;
using Tradeproof.Node;
using Tradeproof.Node.Customs;
using Tradeproof.Storage;

namespace Tradeproof.Dashboard.Tests;

/// <summary>
/// The operator's pages over HTTP, signed in, against a node on a loopback port: status lists with revoke, suspend and
/// unsuspend (what the node's <c>/credentials/verify</c> then says), keys and DIDs, the trust registry (its signature
/// checked, a tampered copy shown as such), and the transparency log (checkpoint, inclusion proof).
/// </summary>
public sealed class AdminPagesTests(AdminTestNode node) : IClassFixture<AdminTestNode>
{
    private const string StatusPath = "/dashboard/organizations/acme/status-lists";

    [Fact]
    public async Task A_revocation_from_the_status_page_is_what_verify_then_says()
    {
        var cookie = await node.SessionAsync();
        var (credential, id) = await node.IssueWithStatusAsync("Coil to revoke");
        Assert.Equal(HttpStatusCode.OK, await node.VerifyAsync(credential));

        var (status, lists) = await node.PageAsync(StatusPath, cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(">revocation-1</a>", lists, StringComparison.Ordinal);
        Assert.Contains(">suspension-1</a>", lists, StringComparison.Ordinal);
        Assert.Contains("131,072 bits", lists, StringComparison.Ordinal);

        var lookup = StatusPath + "?credential=" + Uri.EscapeDataString(id);
        var (_, before) = await node.PageAsync(lookup, cookie);
        Assert.Contains("Not revoked", before, StringComparison.Ordinal);
        Assert.Contains("Revoke…", before, StringComparison.Ordinal);

        // The button leads to a confirmation; only its POST changes anything.
        var confirm = StatusPath + "/change?credential=" + Uri.EscapeDataString(id) + "&purpose=revocation&status=true";
        var (confirmStatus, confirmation) = await node.PageAsync(confirm, cookie);
        Assert.Equal(HttpStatusCode.OK, confirmStatus);
        Assert.Contains("Revocation is permanent", confirmation, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await node.VerifyAsync(credential));

        var fields = new Dictionary<string, string> { ["csrf"] = AdminTestNode.CsrfOf(confirmation), ["credential"] = id, ["purpose"] = "revocation", ["status"] = "true" };
        var (refused, _, r1) = await node.PostFormAsync(StatusPath + "/change", cookie, new Dictionary<string, string>(fields) { ["csrf"] = "forged" });
        r1.Dispose();
        Assert.Equal(HttpStatusCode.Forbidden, refused);
        Assert.Equal(HttpStatusCode.OK, await node.VerifyAsync(credential));

        var (done, result, r2) = await node.PostFormAsync(StatusPath + "/change", cookie, fields);
        r2.Dispose();
        Assert.Equal(HttpStatusCode.OK, done);
        Assert.Contains("<span class=\"bad\">Revoked</span>", result, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await node.VerifyAsync(credential));

        var (_, after) = await node.PageAsync(lookup, cookie);
        Assert.Contains(">Revoked<", after, StringComparison.Ordinal);
        Assert.Contains("Permanent", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Revoke…", after, StringComparison.Ordinal);

        // Undoing it is refused with the VC-API's reason, as a page.
        var (undo, undoHtml) = await node.PageAsync(StatusPath + "/change?credential=" + Uri.EscapeDataString(id) + "&purpose=revocation&status=false", cookie);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, undo);
        Assert.Contains("A revocation cannot be undone.", undoHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suspend_and_unsuspend_from_the_page()
    {
        var cookie = await node.SessionAsync();
        var (credential, id) = await node.IssueWithStatusAsync("Coil to suspend");
        foreach (var (value, expected) in new[] { ("true", HttpStatusCode.UnprocessableEntity), ("false", HttpStatusCode.OK) })
        {
            var (_, confirmation) = await node.PageAsync(StatusPath + "/change?credential=" + Uri.EscapeDataString(id) + "&purpose=suspension&status=" + value, cookie);
            var (status, html, response) = await node.PostFormAsync(StatusPath + "/change", cookie, new Dictionary<string, string>
            {
                ["csrf"] = AdminTestNode.CsrfOf(confirmation), ["credential"] = id, ["purpose"] = "suspension", ["status"] = value,
            });
            response.Dispose();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(value == "true" ? ">Suspended</span>" : ">Unsuspended</span>", html, StringComparison.Ordinal);
            Assert.Equal(expected, await node.VerifyAsync(credential));
        }

        var (_, page) = await node.PageAsync(StatusPath + "?credential=" + Uri.EscapeDataString(id), cookie);
        Assert.Contains("Not suspended", page, StringComparison.Ordinal);
        Assert.Contains("Suspend…", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_credentials_and_malformed_changes_are_refused_without_a_change()
    {
        var cookie = await node.SessionAsync();
        var (_, lookup) = await node.PageAsync(StatusPath + "?credential=urn%3Auuid%3Anot-issued-here", cookie);
        Assert.Contains("issued no credential with this id", lookup, StringComparison.Ordinal);

        var (_, page) = await node.PageAsync(StatusPath, cookie);
        var csrf = AdminTestNode.CsrfOf((await node.PageAsync("/dashboard/logout", cookie)).Html);
        var (unknown, html, r1) = await node.PostFormAsync(StatusPath + "/change", cookie, new Dictionary<string, string>
        {
            ["csrf"] = csrf, ["credential"] = "urn:uuid:not-issued-here", ["purpose"] = "revocation", ["status"] = "true",
        });
        r1.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, unknown);
        Assert.Contains("This organisation issued no credential", html, StringComparison.Ordinal);

        var (bad, _, r2) = await node.PostFormAsync(StatusPath + "/change", cookie, new Dictionary<string, string>
        {
            ["csrf"] = csrf, ["credential"] = "x", ["purpose"] = "message", ["status"] = "true",
        });
        r2.Dispose();
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal(page, (await node.PageAsync(StatusPath, cookie)).Html);
    }

    [Fact]
    public async Task Keys_and_DIDs_show_every_identity_with_its_public_keys_and_purposes()
    {
        var cookie = await node.SessionAsync();
        var didKey = await new NodeAdministration(node.Services.Store, node.Services.Identity, node.Services.Random)
            .AddKeyAsync(AdminTestNode.Tenant, Cryptography.KeyType.Ed25519, asDidKey: true);
        var did = node.Services.Identity.TenantDid(AdminTestNode.Tenant);
        var (status, html) = await node.PageAsync("/dashboard/organizations/acme/keys", cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("ACME &lt;Steel&gt; &amp; Co", html, StringComparison.Ordinal);
        Assert.DoesNotContain("ACME <Steel>", html, StringComparison.Ordinal);
        foreach (var expected in new[] { did + "#key-1", did + "#key-2", did + "#key-3", didKey.Did, didKey.KeyId, "Ed25519", "P-256", "P-384", "TraceabilityAPI" })
        {
            Assert.Contains(expected, html, StringComparison.Ordinal);
        }

        Assert.Contains("authentication, assertionMethod, capabilityInvocation, capabilityDelegation", html, StringComparison.Ordinal);
        Assert.Contains("Raw DID document (JSON)", html, StringComparison.Ordinal);
        Assert.Contains("\"publicKeyMultibase\": \"z", html, StringComparison.Ordinal);

        // Public keys only: the sealed secret of #key-1 appears in no encoding.
        var secret = (await node.Services.Store.Keys.GetAsync(AdminTestNode.Tenant, did + "#key-1"))!.SecretKey.ToArray();
        Assert.DoesNotContain(Convert.ToBase64String(secret), html, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexStringLower(secret), html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Cryptography.Encoding.Base64UrlStrict.Encode(secret), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_trust_registry_page_checks_the_signature_and_shows_a_tampered_copy_as_such()
    {
        var cookie = await node.SessionAsync();
        var path = "/dashboard/organizations/acme/registry";
        Assert.Contains("keeps no trust registry", (await node.PageAsync(path, cookie)).Html, StringComparison.Ordinal);

        var customs = new CustomsServices(node.Services);
        var mill = "did:web:mill.example";
        var (saved, _) = await customs.EditRegistryAsync(AdminTestNode.Tenant, r => r
            .Allow(mill, ["MillTestReportCredential", "BillOfLadingCredential"], node.Clock.GetUtcNow(), ["MX"], ["producer"], "<img src=x onerror=alert(1)>")
            .Deny("did:web:forger.example", [TrustEntry.AnyType], node.Clock.GetUtcNow(), "fraud")
            .Recognise(new MutualRecognition("did:web:aduanas.example", "MX", "OEA"), node.Clock.GetUtcNow()), default);
        Assert.True(saved);

        var (status, html) = await node.PageAsync(path, cookie);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<span class=\"ok\">Verified</span>", html, StringComparison.Ordinal);
        Assert.Contains(node.Services.Identity.TenantDid(AdminTestNode.Tenant) + "#key-1", html, StringComparison.Ordinal);
        Assert.Contains("MillTestReportCredential, BillOfLadingCredential", html, StringComparison.Ordinal);
        Assert.Contains("did:web:forger.example", html, StringComparison.Ordinal);
        Assert.Contains("every type", html, StringComparison.Ordinal);
        Assert.Contains("did:web:aduanas.example", html, StringComparison.Ordinal);
        Assert.Contains("OEA", html, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);

        // A next version whose bytes were altered after signing (as if edited in the database).
        var stored = (await node.Services.Store.Customs.GetDocumentAsync(AdminTestNode.Tenant, CustomsDocumentKinds.TrustRegistry))!;
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stored.Content).Replace("did:web:forger.example", "did:web:friend.example", StringComparison.Ordinal));
        Assert.True(await node.Services.Store.Customs.SaveDocumentAsync(AdminTestNode.Tenant, CustomsDocumentKinds.TrustRegistry, stored.Version, tampered));
        var (_, altered) = await node.PageAsync(path, cookie);
        Assert.Contains("<span class=\"bad\">Does not verify</span>", altered, StringComparison.Ordinal);
        Assert.Contains("NOT trustworthy", altered, StringComparison.Ordinal);
        Assert.DoesNotContain("<span class=\"ok\">Verified</span>", altered, StringComparison.Ordinal);

        // The earlier, untouched version still verifies.
        var (_, first) = await node.PageAsync(path + "?version=" + stored.Version, cookie);
        Assert.Contains("<span class=\"ok\">Verified</span>", first, StringComparison.Ordinal);
        Assert.Contains("(the latest is " + (stored.Version + 1) + ")", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await node.PageAsync(path + "?version=99", cookie)).Status);
    }

    [Fact]
    public async Task The_log_page_signs_a_checkpoint_and_proves_any_entry()
    {
        var cookie = await node.SessionAsync();
        await node.IssueWithStatusAsync("Coil in the log");
        var (_, before) = await node.PageAsync("/dashboard/log", cookie);
        var (status, _, response) = await node.PostFormAsync("/dashboard/log/checkpoint", cookie, new Dictionary<string, string> { ["csrf"] = AdminTestNode.CsrfOf(before) });
        using (response)
        {
            Assert.Equal(HttpStatusCode.SeeOther, status);
            Assert.Equal("/dashboard/log", response.Headers.Location?.OriginalString);
        }

        var head = await node.Services.Store.Log.GetTreeHeadAsync();
        var checkpoint = (await node.Services.Store.Log.GetLatestCheckpointAsync())!;
        Assert.Equal(head.Size, checkpoint.Size);
        var (_, html) = await node.PageAsync("/dashboard/log", cookie);
        Assert.Contains("<span class=\"ok\">Verified</span> now with the node's key", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(checkpoint.Note.Split('\n')[0]), html, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(checkpoint.RootHash), html, StringComparison.Ordinal);
        Assert.Contains("No witness has cosigned this checkpoint.", html, StringComparison.Ordinal);
        Assert.Contains("?index=" + (head.Size - 1) + "#proof", html, StringComparison.Ordinal);

        for (var index = 0L; index < head.Size; index += Math.Max(1, head.Size / 3))
        {
            var (_, proof) = await node.PageAsync("/dashboard/log?index=" + index, cookie);
            Assert.Contains("<span class=\"ok\">Verified</span>: the entry is in the tree of " + head.Size.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " entries whose root the latest signed checkpoint states", proof, StringComparison.Ordinal);
            Assert.Contains(">acme<", proof, StringComparison.Ordinal);
        }

        var (_, outside) = await node.PageAsync("/dashboard/log?index=" + head.Size, cookie);
        Assert.Contains("is not an entry", outside, StringComparison.Ordinal);
    }
}
