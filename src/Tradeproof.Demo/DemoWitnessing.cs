using System.Text.Json;
using System.Text.Json.Nodes;
using Tradeproof.Cryptography;
using Tradeproof.Node;
using Tradeproof.Transparency;

namespace Tradeproof.Demo;

/// <summary>
/// The customs authorities witness each other's transparency logs (docs/transparency-log.md): each operator registers
/// the other's node by its did:web (<c>POST /log/partners</c>, scope <c>operate:log</c>) with an OAuth client the other
/// issued it (scope <c>witness:log</c>); from then on every checkpoint a node signs is pushed to the other, checked for
/// consistency and co-signed. The demo shows the cosignature on <c>GET /log/checkpoint</c>, verified with the witness
/// node's key from its DID document.
/// </summary>
internal static class DemoWitnessing
{
    /// <summary>The nodes that witness each other.</summary>
    public static readonly (string Node, string Witness)[] Pairs = [("cbp", "mx-customs"), ("mx-customs", "cbp")];

    private static readonly TimeSpan CosignatureWait = TimeSpan.FromSeconds(20);

    /// <summary>Registers each customs node as the other's log partner, with a witness client at the other.</summary>
    public static async Task SetUpAsync(DemoNetwork network, DemoHttp http, Action<DemoStep> report, CancellationToken cancellationToken)
    {
        foreach (var (name, witnessName) in Pairs)
        {
            var node = network.Node(name);
            var witness = network.Node(witnessName);
            var client = await witness.Administration.AddClientAsync(witness.Parties[0].TenantId, [Scopes.WitnessLog], cancellationToken).ConfigureAwait(false);
            var body = new JsonObject { ["did"] = witness.Identity.NodeDid, ["clientId"] = client.ClientId, ["clientSecret"] = client.ClientSecret };
            var (status, answer) = await http.SendToNodeAsync(node.Parties[0], HttpMethod.Post, "/log/partners", body.ToJsonString(), cancellationToken).ConfigureAwait(false);
            if (status != 200)
            {
                throw new DemoException($"{node.Description}'s node refused {witness.Description}'s node as log partner ({status}): {answer}");
            }
        }

        report(new DemoStep("", DemoStepKind.Log, null, $"witnessing: {network.Node("cbp").Description} and {network.Node("mx-customs").Description} co-sign each other's log checkpoints (partners by did:web, witness:log clients)", new Dictionary<string, object?>
        {
            ["pairs"] = Pairs.Select(p => new Dictionary<string, object?> { ["log"] = network.Node(p.Node).Identity.NodeDid, ["witness"] = network.Node(p.Witness).Identity.NodeDid }).ToList(),
        }));
    }

    /// <summary>
    /// Waits (bounded) until the node's latest checkpoint of at least <paramref name="size"/> leaves carries the witness's
    /// cosignature, and verifies both signatures with the keys of the two nodes' DID documents. The witness name of the
    /// verified cosignature, or null when none came in time.
    /// </summary>
    public static async Task<(string? Witness, string? Note)> CosignedAsync(DemoHttp http, TimeProvider time, DemoNode node, DemoNode witness, long size, CancellationToken cancellationToken)
    {
        var logVerifier = new NoteVerifier(Authority(node) + "/log", NoteSignatureType.Ed25519, await NodeKeyAsync(http, node, cancellationToken).ConfigureAwait(false));
        var witnessName = Authority(witness) + "/witness";
        var witnessVerifier = new NoteVerifier(witnessName, NoteSignatureType.Cosignature, await NodeKeyAsync(http, witness, cancellationToken).ConfigureAwait(false));
        var start = time.GetTimestamp();
        string? note = null;
        while (time.GetElapsedTime(start) < CosignatureWait)
        {
            note = await http.GetTextAsync(node, "/log/checkpoint", cancellationToken).ConfigureAwait(false);
            if (note is not null)
            {
                var signed = SignedNote.Parse(note);
                if (Checkpoint.Parse(signed.Text).Size >= size && signed.Signatures.Any(s => s.Name == witnessName))
                {
                    var verified = signed.Verify(logVerifier, witnessVerifier);
                    return verified.Any(v => v.Name == witnessName) && verified.Any(v => v.Name == logVerifier.Name) ? (witnessName, note) : (null, note);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time, cancellationToken).ConfigureAwait(false);
        }

        return (null, note);
    }

    private static string Authority(DemoNode node) => new Uri(node.BaseUrl).Authority;

    // The node's Ed25519 key #key-1 from its DID document (GET /.well-known/did.json), as any partner resolves it.
    private static async Task<PublicKey> NodeKeyAsync(DemoHttp http, DemoNode node, CancellationToken cancellationToken)
    {
        var json = await http.GetTextAsync(node, "/.well-known/did.json", cancellationToken).ConfigureAwait(false)
            ?? throw new DemoException($"{node.Description}'s node serves no DID document.");
        using var document = JsonDocument.Parse(json);
        foreach (var method in document.RootElement.GetProperty("verificationMethod").EnumerateArray())
        {
            if (method.GetProperty("id").GetString()!.EndsWith("#key-1", StringComparison.Ordinal) && method.TryGetProperty("publicKeyMultibase", out var multibase))
            {
                return PublicKey.FromMultibase(multibase.GetString()!);
            }
        }

        throw new DemoException($"{node.Description}'s DID document has no #key-1.");
    }
}
