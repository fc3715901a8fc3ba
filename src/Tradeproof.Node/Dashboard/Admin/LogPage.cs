using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Tradeproof.Storage;
using Tradeproof.Transparency;

namespace Tradeproof.Node.Dashboard;

/// <summary>
/// <c>/dashboard/log[?index=N]</c>: the node's transparency log. The latest signed checkpoint (the note text, its
/// signature checked now against the node's key, the witnesses' cosignatures kept for it), the partner logs this node
/// witnesses, the most recent entries (hashes only; the tenant named when it is one of this node's), and the inclusion
/// proof of any entry: the proof read from the store, the leaf hash recomputed from the entry, and the proof verified
/// (RFC 9162 §2.1.3.2) against the root of the signed checkpoint (or of the current tree for an entry the latest
/// checkpoint does not cover yet). <c>POST /dashboard/log/checkpoint</c> signs a checkpoint now.
/// </summary>
internal static class LogPage
{
    /// <summary>How many recent entries the page lists.</summary>
    public const int RecentEntries = 20;

    public static void Map(IEndpointRouteBuilder app)
    {
        DashboardLayout.MapPage(app, DashboardSections.Root + "/log", PageAsync);
        AdminForms.MapPost(app, DashboardSections.Root + "/log/checkpoint", async (context, _) =>
        {
            await LogCheckpoints.SignAsync(JsonResponse.Services(context), context.RequestAborted).ConfigureAwait(false);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = DashboardSections.Root + "/log";
        });
    }

    private static async Task PageAsync(HttpContext context)
    {
        var services = JsonResponse.Services(context);
        var log = services.Store.Log;
        var cancellationToken = context.RequestAborted;
        var head = await log.GetTreeHeadAsync(cancellationToken).ConfigureAwait(false);
        var latest = await log.GetLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        var verifier = await LogCheckpoints.VerifierAsync(services, cancellationToken).ConfigureAwait(false);
        string? signatureProblem = null;
        var cosignatures = (IReadOnlyList<StoredCosignature>)[];
        if (latest is not null)
        {
            try
            {
                var (_, parsed) = Checkpoint.ParseAndVerify(latest.Note, verifier);
                if (parsed.Size != latest.Size || !parsed.RootHash.AsSpan().SequenceEqual(latest.RootHash))
                {
                    signatureProblem = "The signed note does not state the stored size and root.";
                }
            }
            catch (TransparencyException e)
            {
                signatureProblem = e.Message;
            }

            cosignatures = await log.ListCosignaturesAsync(latest.Size, cancellationToken).ConfigureAwait(false);
        }

        var partners = new List<(string Origin, PartnerCheckpoint? Kept)>();
        foreach (var partner in LogCheckpoints.PartnerKeys(services))
        {
            partners.Add((partner.Name, await log.GetPartnerCheckpointAsync(partner.Name, cancellationToken).ConfigureAwait(false)));
        }

        var tenants = (await services.Store.Tenants.ListAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(t => Convert.ToHexStringLower(LogEntry.HashId(t.Id)), t => t.Id, StringComparer.Ordinal);
        var start = Math.Max(0, head.Size - RecentEntries);
        var recent = head.Size == 0 ? [] : await log.GetLeavesAsync(start, RecentEntries, cancellationToken).ConfigureAwait(false);
        var proof = await ProofAsync(context, services, head, latest).ConfigureAwait(false);

        await DashboardLayout.WriteAsync(context, new DashboardPage("Transparency log", DashboardSection.Log)
        {
            Breadcrumbs = [("Organizations", DashboardSections.Root), ("Transparency log", null)],
        }, main =>
        {
            main.Open("dl", ("class", "facts"));
            main.Element("dt", "Origin").Element("dd", verifier.Name, ("class", "mono"));
            main.Element("dt", "Entries").Element("dd", head.Size.ToString("N0", CultureInfo.InvariantCulture));
            main.Element("dt", "Verifier key").Element("dd", verifier.ToVkey(), ("class", "mono"));
            main.Close("dl");

            main.Element("h2", "Latest checkpoint", ("id", "checkpoint"));
            if (latest is null)
            {
                main.Element("p", "No checkpoint has been signed yet.", ("class", "muted"));
            }
            else
            {
                main.Open("dl", ("class", "facts"));
                main.Element("dt", "Size").Element("dd", latest.Size.ToString("N0", CultureInfo.InvariantCulture) + (latest.Size < head.Size ? $" ({head.Size - latest.Size} newer entries not yet checkpointed)" : string.Empty));
                main.Element("dt", "Root hash").Element("dd", Convert.ToBase64String(latest.RootHash), ("class", "mono"));
                main.Element("dt", "Signed").Element("dd", OperatorPages.Time(latest.CreatedAt));
                main.Element("dt", "Signature");
                main.Open("dd");
                if (signatureProblem is null)
                {
                    main.Element("span", "Verified", ("class", "ok")).Text(" now with the node's key (Ed25519, C2SP signed note).");
                }
                else
                {
                    main.Element("span", "Does not verify", ("class", "bad")).Text(": " + signatureProblem);
                }

                main.Close("dd").Close("dl");
                main.Open("pre", ("aria-label", "Signed checkpoint note")).Element("code", latest.Note).Close("pre");

                main.Element("h3", "Witness cosignatures");
                if (cosignatures.Count == 0)
                {
                    main.Element("p", "No witness has cosigned this checkpoint.", ("class", "muted"));
                }
                else
                {
                    main.Open("table").Element("caption", "Cosignatures of the checkpoint of " + latest.Size.ToString(CultureInfo.InvariantCulture) + " entries");
                    main.Open("thead").Open("tr").Element("th", "Witness", ("scope", "col")).Element("th", "Received", ("scope", "col")).Element("th", "Signature line", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
                    foreach (var c in cosignatures)
                    {
                        main.Open("tr").Element("td", c.Witness, ("class", "mono")).Element("td", OperatorPages.Time(c.ReceivedAt)).Element("td", c.SignatureLine, ("class", "mono")).Close("tr");
                    }

                    main.Close("tbody").Close("table");
                }
            }

            AdminForms.OpenPostForm(main, context, DashboardSections.Root + "/log/checkpoint");
            main.Element("button", "Sign a checkpoint now", ("type", "submit"));
            main.Close("form");

            main.Element("h2", "Logs this node witnesses", ("id", "partners"));
            if (partners.Count == 0)
            {
                main.Element("p", "None configured (Node:LogPartners).", ("class", "muted"));
            }
            else
            {
                main.Open("table").Element("caption", "Partner logs");
                main.Open("thead").Open("tr").Element("th", "Log", ("scope", "col")).Element("th", "Last witnessed size", ("scope", "col")).Element("th", "Root hash", ("scope", "col")).Element("th", "When", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
                foreach (var (origin, kept) in partners)
                {
                    main.Open("tr").Element("td", origin, ("class", "mono"))
                        .Element("td", kept is null ? "none yet" : kept.Size.ToString("N0", CultureInfo.InvariantCulture))
                        .Element("td", kept is null ? string.Empty : Convert.ToBase64String(kept.RootHash), ("class", "mono"))
                        .Element("td", kept is null ? string.Empty : OperatorPages.Time(kept.UpdatedAt)).Close("tr");
                }

                main.Close("tbody").Close("table");
            }

            main.Element("h2", "Inclusion proof", ("id", "proof"));
            main.Open("form", ("method", "get"), ("action", DashboardSections.Root + "/log"), ("class", "search"));
            main.Open("label").Text("Entry index").Void("input", ("type", "number"), ("name", "index"), ("min", "0"), ("max", Math.Max(0, head.Size - 1).ToString(CultureInfo.InvariantCulture)),
                ("value", proof?.Index.ToString(CultureInfo.InvariantCulture)), ("required", string.Empty)).Close("label");
            main.Element("button", "Prove", ("type", "submit"));
            main.Close("form");
            if (proof is not null)
            {
                Proof(main, proof, tenants);
            }

            main.Element("h2", "Recent entries", ("id", "entries"));
            if (recent.Count == 0)
            {
                main.Element("p", "The log is empty.", ("class", "muted"));
            }
            else
            {
                main.Open("table").Element("caption", $"The last {recent.Count} entries (hashes only: the log holds no trade data)");
                main.Open("thead").Open("tr").Element("th", "Index", ("scope", "col")).Element("th", "Kind", ("scope", "col")).Element("th", "Organisation", ("scope", "col"))
                    .Element("th", "Time", ("scope", "col")).Element("th", "Record hash", ("scope", "col")).Element("th", "Leaf hash", ("scope", "col")).Close("tr").Close("thead").Open("tbody");
                foreach (var leaf in recent.Reverse())
                {
                    var index = leaf.Index.ToString(CultureInfo.InvariantCulture);
                    main.Open("tr").Open("td").Link(DashboardSections.Root + "/log?index=" + index + "#proof", index, ("aria-label", "Prove entry " + index)).Close("td")
                        .Element("td", LogEntry.KindName(leaf.Entry.Kind)).Element("td", TenantOf(tenants, leaf.Entry))
                        .Element("td", OperatorPages.Time(DateTimeOffset.FromUnixTimeMilliseconds(leaf.Entry.TimeMilliseconds)))
                        .Element("td", AdminText.Short(leaf.Entry.RecordHash), ("class", "mono"), ("title", AdminText.Hex(leaf.Entry.RecordHash)))
                        .Element("td", AdminText.Short(leaf.LeafHash), ("class", "mono"), ("title", AdminText.Hex(leaf.LeafHash))).Close("tr");
                }

                main.Close("tbody").Close("table");
            }
        }).ConfigureAwait(false);
    }

    private static void Proof(HtmlWriter main, InclusionResult proof, Dictionary<string, string> tenants)
    {
        main.Open("section", ("class", "card"), ("aria-labelledby", "proof-title"), ("id", "proof-result"));
        main.Element("h3", "Entry " + proof.Index.ToString(CultureInfo.InvariantCulture), ("id", "proof-title"));
        if (proof.Error is not null)
        {
            main.Element("p", proof.Error, ("class", "bad"));
            main.Close("section");
            return;
        }

        var leaf = proof.Leaf!;
        main.Open("p", ("role", "status"));
        if (proof.Verified)
        {
            main.Element("span", "Verified", ("class", "ok")).Text($": the entry is in the tree of {proof.Size.ToString("N0", CultureInfo.InvariantCulture)} entries whose root {(proof.Signed ? "the latest signed checkpoint states" : "is the current tree's (not yet in a signed checkpoint)")}.");
        }
        else
        {
            main.Element("span", "Does not verify", ("class", "bad")).Text(proof.LeafMatches
                ? ": the proof does not lead to the root. The store's tree has been altered."
                : ": the entry's data does not hash to the stored leaf hash. The store's entry has been altered.");
        }

        main.Close("p");
        main.Open("dl", ("class", "facts"));
        main.Element("dt", "Kind").Element("dd", LogEntry.KindName(leaf.Entry.Kind));
        main.Element("dt", "Organisation").Element("dd", TenantOf(tenants, leaf.Entry));
        main.Element("dt", "Time").Element("dd", OperatorPages.Time(DateTimeOffset.FromUnixTimeMilliseconds(leaf.Entry.TimeMilliseconds)));
        main.Element("dt", "Tenant hash").Element("dd", AdminText.Hex(leaf.Entry.TenantHash), ("class", "mono"));
        main.Element("dt", "Record hash").Element("dd", AdminText.Hex(leaf.Entry.RecordHash), ("class", "mono"));
        main.Element("dt", "Content hash").Element("dd", AdminText.Hex(leaf.Entry.ContentHash), ("class", "mono"));
        main.Element("dt", "Leaf hash").Element("dd", Convert.ToBase64String(proof.RecomputedLeafHash) + (proof.LeafMatches ? " (recomputed from the entry; equals the stored one)" : " (recomputed; the stored one is " + Convert.ToBase64String(leaf.LeafHash) + ")"), ("class", "mono"));
        main.Element("dt", "Tree size").Element("dd", proof.Size.ToString("N0", CultureInfo.InvariantCulture));
        main.Element("dt", "Root hash").Element("dd", Convert.ToBase64String(proof.Root), ("class", "mono"));
        main.Close("dl");
        main.Open("ol", ("aria-label", "Proof hashes, leaf to root"));
        foreach (var hash in proof.Path)
        {
            main.Element("li", Convert.ToBase64String(hash), ("class", "mono"));
        }

        main.Close("ol");
        if (proof.Path.Count == 0)
        {
            main.Element("p", "The proof is empty: the tree has this one entry.", ("class", "muted"));
        }

        main.Close("section");
    }

    private static async Task<InclusionResult?> ProofAsync(HttpContext context, NodeServices services, LogTreeHead head, StoredCheckpoint? latest)
    {
        var text = context.Request.Query["index"].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= head.Size)
        {
            return new InclusionResult(0, $"'{text}' is not an entry: give an index from 0 to {head.Size - 1}.");
        }

        var log = services.Store.Log;
        var signed = latest is not null && index < latest.Size;
        var size = signed ? latest!.Size : head.Size;
        var root = signed ? latest!.RootHash : await log.GetRootAsync(size, context.RequestAborted).ConfigureAwait(false);
        var path = await log.GetInclusionProofAsync(index, size, context.RequestAborted).ConfigureAwait(false);
        var leaf = (await log.GetLeavesAsync(index, 1, context.RequestAborted).ConfigureAwait(false))[0];
        var recomputed = leaf.Entry.LeafHash();
        bool verified;
        try
        {
            verified = MerkleVerification.VerifyInclusion(index, size, path, recomputed, root);
        }
        catch (TransparencyException)
        {
            verified = false;
        }

        return new InclusionResult(index, null)
        {
            Leaf = leaf, Size = size, Root = root, Path = path, Signed = signed, RecomputedLeafHash = recomputed,
            LeafMatches = recomputed.AsSpan().SequenceEqual(leaf.LeafHash), Verified = verified,
        };
    }

    private static string TenantOf(Dictionary<string, string> tenants, LogEntry entry) =>
        tenants.TryGetValue(Convert.ToHexStringLower(entry.TenantHash), out var id) ? (id == NodeIdentity.NodeTenantId ? "(the node)" : id) : "(not on this node)";

    private sealed record InclusionResult(long Index, string? Error)
    {
        public LogLeafRecord? Leaf { get; init; }

        public long Size { get; init; }

        public byte[] Root { get; init; } = [];

        public IReadOnlyList<byte[]> Path { get; init; } = [];

        public bool Signed { get; init; }

        public byte[] RecomputedLeafHash { get; init; } = [];

        public bool LeafMatches { get; init; }

        public bool Verified { get; init; }
    }
}
