using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.Verification;
using Tradeproof.Customs.Agencies;
using Tradeproof.Customs.Registry;
using Tradeproof.Storage;

namespace Tradeproof.Node.Customs;

/// <summary>What a tenant is to the customs single window: a customs authority, a partner government agency, or neither.</summary>
/// <param name="Role"><c>customs</c> or <c>agency</c>.</param>
/// <param name="Name">The authority's or agency's name (in messages).</param>
/// <param name="Country">Its country (ISO 3166 alpha-2), when given.</param>
/// <param name="Agency">For an agency, its short name (FDA, USDA-APHIS, EPA, DOE).</param>
public sealed record CustomsProfile(string Role, string Name, string? Country = null, string? Agency = null)
{
    /// <summary>The customs authority role.</summary>
    public const string CustomsRole = Tradeproof.Customs.CustomsNode.Role;

    /// <summary>The partner government agency role.</summary>
    public const string AgencyRole = "agency";
}

/// <summary>What <see cref="CustomsServices.ResendAsync"/> did.</summary>
public enum ResendOutcome
{
    /// <summary>Pending again, due now.</summary>
    Requeued,

    /// <summary>No message with that id (of that tenant).</summary>
    NotFound,

    /// <summary>The message is pending or delivered: only a given-up (failed) message is re-sent.</summary>
    NotGivenUp,
}

/// <summary>OAuth client credentials this tenant holds at a partner's node (to deliver to that partner's inbox).</summary>
public sealed record PartnerClient(string Did, string ClientId, string ClientSecret);

/// <summary>
/// The node side of the customs single window: a tenant's profile, signed trust registry, routing rules and partner
/// clients (all versioned documents in the store), signing with the tenant's key, and the outbox (with a wake-up for
/// the delivery service).
/// </summary>
public sealed class CustomsServices
{
    /// <summary>The cryptosuite of what customs signs (JCS: no JSON-LD work on the hot path).</summary>
    public const string Cryptosuite = "eddsa-jcs-2022";

    private readonly ConcurrentDictionary<string, (long Version, TrustRegistry Registry)> _registries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, int.MaxValue);

    // Customs tenants with a trust registry: their verifier (NodeServices.VerifierFor) consults it.
    private readonly ConcurrentDictionary<string, TrustRegistryVerification> _trusting = new(StringComparer.Ordinal);

    /// <summary>Creates the services.</summary>
    public CustomsServices(NodeServices node)
    {
        ArgumentNullException.ThrowIfNull(node);
        Node = node;
        Signer = new TrustRegistrySigner(node.Engine);
        MethodResolver = new DidVerificationMethodResolver(node.Resolver);
        node.IssuerTrustPolicyFor = id => _trusting.TryGetValue(id, out var policy) ? policy : null;
    }

    /// <summary>Where refusals by a trust registry at verification time are logged (null: not logged).</summary>
    public Microsoft.Extensions.Logging.ILogger? Logger { get; init; }

    /// <summary>
    /// Finds the customs tenants that have a trust registry (at node start, before requests), so their verifier checks
    /// every credential's issuer against it from the first request on.
    /// </summary>
    public async ValueTask LoadTrustPoliciesAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in await Node.Store.Tenants.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            _ = await RefreshTrustPolicyAsync(tenant.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the tenant's verifier consults its trust registry: a customs tenant with a registry. A change (a profile
    /// or the first registry saved, here or by another process on the same store) drops the node's cached verifiers so
    /// the next verification has the policy. True when the tenant's verifier consults the registry.
    /// </summary>
    public async ValueTask<bool> RefreshTrustPolicyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var customs = (await ProfileAsync(tenantId, cancellationToken).ConfigureAwait(false))?.Role == CustomsProfile.CustomsRole
            && await Node.Store.Customs.GetDocumentAsync(tenantId, CustomsDocumentKinds.TrustRegistry, null, cancellationToken).ConfigureAwait(false) is not null;
        var changed = customs ? _trusting.TryAdd(tenantId, new TrustRegistryVerification(this, tenantId)) : _trusting.TryRemove(tenantId, out _);
        if (changed)
        {
            Node.StatusChanged();
        }

        return customs;
    }

    /// <summary>Whether the tenant's verifier consults its trust registry now (without a store read).</summary>
    public bool ChecksRegistryAtVerification(string tenantId) => _trusting.ContainsKey(tenantId);

    /// <summary>The node's services.</summary>
    public NodeServices Node { get; }

    /// <summary>Signs and checks registries.</summary>
    public TrustRegistrySigner Signer { get; }

    /// <summary>Resolves verification methods (this node's DIDs, and allowlisted loopback hosts).</summary>
    public IVerificationMethodResolver MethodResolver { get; }

    /// <summary>
    /// A verifier with an empty status list cache, for trusted-trader certificates (CTPAT, AEO): the node's own
    /// verifier caches a remote list for its <c>ttl</c> (at most 5 minutes on our nodes), so a certificate revoked at
    /// its issuer's node would still count until then; a filing that relies on one checks its status afresh.
    /// </summary>
    public CredentialVerifier FreshVerifier() => new(new VerifierOptions
    {
        TimeProvider = Node.Time,
        Resolver = MethodResolver,
        Transforms = _transforms.Value,
        StatusListProvider = Node.StatusLists,
    });

    private readonly Lazy<ProofTransforms> _transforms = new(() => new ProofTransforms(new JsonLd.JsonLdOptions { SafeMode = true, DocumentLoader = Trade.Vocabulary.TradeContext.DocumentLoader }));

    /// <summary>The delivery backoff.</summary>
    public Tradeproof.Customs.Messages.DeliveryBackoff Backoff { get; init; } = new();

    /// <summary>The Ed25519 verification method of a tenant.</summary>
    public string MethodOf(string tenantId) => Node.Identity.TenantDid(tenantId) + "#" + TenantKeys.Ed25519Fragment;

    /// <summary>The profile of a tenant, or null when it has none.</summary>
    public async ValueTask<CustomsProfile?> ProfileAsync(string tenantId, CancellationToken cancellationToken)
    {
        var record = await Node.Store.Customs.GetDocumentAsync(tenantId, CustomsDocumentKinds.Profile, null, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(record.Content);
        var root = document.RootElement;
        return new CustomsProfile(Str(root, "role") ?? "", Str(root, "name") ?? tenantId, Str(root, "country"), Str(root, "agency"));
    }

    /// <summary>Saves a tenant's profile (a new version).</summary>
    public async ValueTask SaveProfileAsync(string tenantId, CustomsProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (profile.Role is not (CustomsProfile.CustomsRole or CustomsProfile.AgencyRole))
        {
            throw new ArgumentException($"The role must be '{CustomsProfile.CustomsRole}' or '{CustomsProfile.AgencyRole}'.", nameof(profile));
        }

        var json = Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("role", profile.Role);
            w.WriteString("name", profile.Name);
            if (profile.Country is not null)
            {
                w.WriteString("country", profile.Country);
            }

            if (profile.Agency is not null)
            {
                w.WriteString("agency", profile.Agency);
            }

            w.WriteEndObject();
        });
        await SaveLatestAsync(tenantId, CustomsDocumentKinds.Profile, json, cancellationToken).ConfigureAwait(false);
        _ = await RefreshTrustPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The tenant's signed registry bytes and its checked content, or null when it has none.</summary>
    /// <exception cref="StoreException">The stored registry's signature does not verify (it was altered in the store).</exception>
    public async ValueTask<(CustomsDocumentRecord Record, TrustRegistry Registry)?> RegistryAsync(string tenantId, long? version, CancellationToken cancellationToken)
    {
        var record = await Node.Store.Customs.GetDocumentAsync(tenantId, CustomsDocumentKinds.TrustRegistry, version, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return null;
        }

        if (_registries.TryGetValue(tenantId, out var cached) && cached.Version == record.Version && version is null)
        {
            return (record, cached.Registry);
        }

        var check = await Signer.VerifyAsync(record.Content, MethodResolver, cancellationToken).ConfigureAwait(false);
        if (!check.Verified || check.Registry!.Authority != Node.Identity.TenantDid(tenantId))
        {
            throw new StoreException(StoreErrorKind.Corrupt, $"The stored trust registry version {record.Version} of '{tenantId}' does not verify: {string.Join("; ", check.Problems)}");
        }

        if (version is null)
        {
            _registries[tenantId] = (record.Version, check.Registry);
        }

        return (record, check.Registry);
    }

    /// <summary>The current registry of a tenant, or null.</summary>
    public async ValueTask<TrustRegistry?> CurrentRegistryAsync(string tenantId, CancellationToken cancellationToken) =>
        (await RegistryAsync(tenantId, null, cancellationToken).ConfigureAwait(false))?.Registry;

    /// <summary>
    /// Applies an edit to the tenant's current registry (an empty one when it has none), signs the next version with the
    /// tenant's key and stores it; false when another edit landed first (nothing written).
    /// </summary>
    public async ValueTask<(bool Saved, TrustRegistry Registry)> EditRegistryAsync(string tenantId, Func<TrustRegistry, TrustRegistry> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var current = await CurrentRegistryAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var now = Node.Time.GetUtcNow();
        var edited = edit(current ?? TrustRegistry.Empty(Node.Identity.TenantDid(tenantId), now));
        var next = new TrustRegistry(Node.Identity.TenantDid(tenantId), (current?.Version ?? 0) + 1, now, edited.Entries, edited.Arrangements);
        var signed = await SignAsync(tenantId, key => Signer.Sign(next, key, MethodOf(tenantId)), cancellationToken).ConfigureAwait(false);
        var saved = await Node.Store.Customs.SaveDocumentAsync(tenantId, CustomsDocumentKinds.TrustRegistry, current?.Version ?? 0, signed, cancellationToken).ConfigureAwait(false);
        if (saved)
        {
            _registries.TryRemove(tenantId, out _);
            _ = await RefreshTrustPolicyAsync(tenantId, cancellationToken).ConfigureAwait(false);
        }

        return (saved, next);
    }

    /// <summary>The document kind of the admissibility policy overlay.</summary>
    public const string PolicyKind = "admissibility-policy";

    /// <summary>The tenant's admissibility policy (its overlay on the catalogue's default), or null when it has none.</summary>
    public async ValueTask<Trade.Rules.AdmissibilityPolicy?> PolicyAsync(string tenantId, CancellationToken cancellationToken)
    {
        var record = await Node.Store.Customs.GetDocumentAsync(tenantId, PolicyKind, null, cancellationToken).ConfigureAwait(false);
        return record is null ? null : Trade.Rules.AdmissibilityPolicy.Parse(Encoding.UTF8.GetString(record.Content));
    }

    /// <summary>Saves a (validated) policy overlay as the next version; its version.</summary>
    public async ValueTask<long> SavePolicyAsync(string tenantId, byte[] json, CancellationToken cancellationToken)
    {
        await SaveLatestAsync(tenantId, PolicyKind, json, cancellationToken).ConfigureAwait(false);
        return (await Node.Store.Customs.GetDocumentAsync(tenantId, PolicyKind, null, cancellationToken).ConfigureAwait(false))!.Version;
    }

    /// <summary>The tenant's routing rules (none when not set).</summary>
    public async ValueTask<AgencyRoutingRules> RoutesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var record = await Node.Store.Customs.GetDocumentAsync(tenantId, CustomsDocumentKinds.AgencyRoutes, null, cancellationToken).ConfigureAwait(false);
        return record is null ? AgencyRoutingRules.None : AgencyRoutingRules.Parse(record.Content);
    }

    /// <summary>Saves the routing rules (a new version).</summary>
    public ValueTask SaveRoutesAsync(string tenantId, AgencyRoutingRules routes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return SaveLatestAsync(tenantId, CustomsDocumentKinds.AgencyRoutes, routes.ToJson(), cancellationToken);
    }

    /// <summary>The partner clients of a tenant.</summary>
    public async ValueTask<IReadOnlyList<PartnerClient>> PartnersAsync(string tenantId, CancellationToken cancellationToken)
    {
        var record = await Node.Store.Customs.GetDocumentAsync(tenantId, PartnersKind, null, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(record.Content);
        return [.. document.RootElement.GetProperty("partners").EnumerateArray().Select(p => new PartnerClient(Str(p, "did")!, Str(p, "clientId")!, Str(p, "clientSecret")!))];
    }

    /// <summary>Adds (or replaces, for the same DID) a partner client.</summary>
    public async ValueTask AddPartnerAsync(string tenantId, PartnerClient partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var list = (await PartnersAsync(tenantId, cancellationToken).ConfigureAwait(false)).Where(p => p.Did != partner.Did).Append(partner).ToList();
        var json = Json(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("partners");
            foreach (var p in list)
            {
                w.WriteStartObject();
                w.WriteString("did", p.Did);
                w.WriteString("clientId", p.ClientId);
                w.WriteString("clientSecret", p.ClientSecret);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        await SaveLatestAsync(tenantId, PartnersKind, json, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The document kind of partner clients.</summary>
    public const string PartnersKind = CustomsDocumentKinds.Partners;

    /// <summary>Issues (signs) a credential as the tenant and keeps it as issued.</summary>
    public async ValueTask<IssuedCredential> IssueAsync(string tenantId, byte[] unsigned, CancellationToken cancellationToken)
    {
        var did = Node.Identity.TenantDid(tenantId);
        var method = MethodOf(tenantId);
        using var key = await TenantKeys.GetPairAsync(Node.Store, tenantId, method, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreException(StoreErrorKind.Corrupt, $"The organisation has no key {method}.");
        var issued = await Node.Issuer.IssueAsync(unsigned, key, new IssuanceOptions { VerificationMethod = method, Issuer = did, Cryptosuite = Cryptosuite }, cancellationToken).ConfigureAwait(false);
        _ = await Node.Store.Credentials.SaveAsync(tenantId, new CredentialRecord(issued.Id, CredentialDirection.Issued, "application/vc", issued.Utf8, did), cancellationToken).ConfigureAwait(false);
        return issued;
    }

    /// <summary>Queues credentials for delivery (in one presentation) to a recipient DID, and wakes the delivery service.</summary>
    public async ValueTask<string> EnqueueAsync(string tenantId, string kind, string recipient, string? filing, string? status, IReadOnlyList<ReadOnlyMemory<byte>> credentials, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var id = NewId();
        var content = new StringBuilder("[");
        for (var i = 0; i < credentials.Count; i++)
        {
            content.Append(i == 0 ? "" : ",").Append(Encoding.UTF8.GetString(credentials[i].Span));
        }

        content.Append(']');
        _ = await Node.Store.Customs.EnqueueAsync(tenantId, new OutboxMessageRecord(id, kind, recipient, filing, status, Encoding.UTF8.GetBytes(content.ToString()), NextAttemptAt: Node.Time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        Wake();
        return id;
    }

    /// <summary>
    /// Re-sends a given-up message (an operator fixed what made the recipient refuse it, or what kept it from being
    /// built): pending again, attempts from 0, due now, the delivery service woken. The reason it was given up stays in
    /// its last error ("Re-sent by an operator at ...; given up after N attempt(s): ...") until the next attempt, and
    /// is logged (information, category <c>Tradeproof.Customs</c>).
    /// </summary>
    /// <returns>The outcome and the message as it is now (null when there is none).</returns>
    public async ValueTask<(ResendOutcome Outcome, OutboxMessageRecord? Message)> ResendAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var message = await Node.Store.Customs.GetMessageAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        if (message is null)
        {
            return (ResendOutcome.NotFound, null);
        }

        if (message.State != OutboxStates.Failed)
        {
            return (ResendOutcome.NotGivenUp, message);
        }

        var now = Node.Time.GetUtcNow();
        var note = $"Re-sent by an operator at {now.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}; given up after {message.Attempts} attempt(s): {message.LastError}";
        if (!await Node.Store.Customs.RequeueAsync(tenantId, id, note, now, cancellationToken).ConfigureAwait(false))
        {
            // Another operator (or the same one, twice) re-sent it first: the message as it is now.
            return (ResendOutcome.NotGivenUp, await Node.Store.Customs.GetMessageAsync(tenantId, id, cancellationToken).ConfigureAwait(false));
        }

        if (Logger is { } logger)
        {
            logger.LogInformation("Outbox message {Message} of {Tenant} to {Recipient} re-sent by an operator; given up after {Attempts} attempt(s): {Reason}", id, tenantId, message.Recipient, message.Attempts, message.LastError);
        }

        Wake();
        return (ResendOutcome.Requeued, await Node.Store.Customs.GetMessageAsync(tenantId, id, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A new urn:uuid (version 4 from the node's random source).</summary>
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        Node.Random.Fill(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    /// <summary>Wakes the delivery service (something was queued).</summary>
    public void Wake() => _wake.Release();

    /// <summary>Waits until woken or the timeout passes.</summary>
    internal Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => WaitAsync(_wake, timeout, Node.Time, cancellationToken);

    /// <summary>Waits until <paramref name="wake"/> is released or the timeout passes (on <paramref name="time"/>), then drains the extra releases.</summary>
    internal static async Task WaitAsync(SemaphoreSlim wake, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        var woken = wake.WaitAsync(timer.Token);
        await Task.WhenAny(delay, woken).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(delay, woken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the other wait was cancelled: expected
        }

        // Drain the extra wake-ups: one pass handles everything queued so far.
        while (wake.CurrentCount > 0 && wake.Wait(0))
        {
        }
    }

    /// <summary>Signs with the tenant's Ed25519 key.</summary>
    public async ValueTask<byte[]> SignAsync(string tenantId, Func<Cryptography.KeyPair, byte[]> sign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sign);
        var method = MethodOf(tenantId);
        using var key = await TenantKeys.GetPairAsync(Node.Store, tenantId, method, cancellationToken).ConfigureAwait(false)
            ?? throw new StoreException(StoreErrorKind.Corrupt, $"The organisation has no key {method}.");
        return sign(key);
    }

    private async ValueTask SaveLatestAsync(string tenantId, string kind, byte[] json, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var latest = await Node.Store.Customs.GetDocumentAsync(tenantId, kind, null, cancellationToken).ConfigureAwait(false);
            if (await Node.Store.Customs.SaveDocumentAsync(tenantId, kind, latest?.Version ?? 0, json, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }

        throw new StoreException(StoreErrorKind.ConstraintViolation, $"The {kind} document of '{tenantId}' kept changing under the save.");
    }

    internal static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return buffer.ToArray();
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>
/// A customs tenant's verifier's issuer trust policy: its current signed trust registry (read at each check, so an edit
/// counts from the next verification), as <see cref="TrustRegistryPolicy"/> decides (types, deny, countries, mutual
/// recognition), except a credential the authority issued itself under its did:web DID (a CTPAT certificate, a
/// provisional message, anything issued through its own VC-API: its own signature needs no registry entry) and a PGA
/// shipment status from an agency the routing rules name (trusted by the routing); a refusal is logged with the reason
/// the verification result and the 422 problem carry.
/// </summary>
internal sealed class TrustRegistryVerification(CustomsServices customs, string tenantId) : Credentials.Verification.IIssuerTrustPolicy
{
    private readonly TrustRegistryPolicy _policy = new(ct => customs.CurrentRegistryAsync(tenantId, ct));

    public ValueTask<Credentials.Verification.IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, CancellationToken cancellationToken = default) =>
        EvaluateAsync(issuer, types, default, cancellationToken);

    public async ValueTask<Credentials.Verification.IssuerTrustDecision> EvaluateAsync(string issuer, IReadOnlyList<string> types, JsonElement credential, CancellationToken cancellationToken = default)
    {
        if (string.Equals(issuer, customs.Node.Identity.TenantDid(tenantId), StringComparison.Ordinal))
        {
            return Credentials.Verification.IssuerTrustDecision.Trusted;
        }

        // An agency this authority routes goods to answers with a shipment status: the routing rules (signed data of
        // the same authority) are what trust it for that; any other credential of the agency needs the registry.
        if (types.Contains(PgaShipmentStatus.CredentialType) && types.All(t => t is "VerifiableCredential" or PgaShipmentStatus.CredentialType)
            && (await customs.RoutesAsync(tenantId, cancellationToken).ConfigureAwait(false)).RouteOf(issuer) is not null)
        {
            return Credentials.Verification.IssuerTrustDecision.Trusted;
        }

        var decision = await _policy.EvaluateAsync(issuer, types, credential, cancellationToken).ConfigureAwait(false);
        if (decision.Outcome != Credentials.Verification.CheckOutcome.Passed && customs.Logger is { } logger)
        {
            Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "The trust registry of {Tenant} refuses a credential of {Issuer} ({Types}) at verification: {Reason}",
                tenantId, issuer, string.Join(", ", types), decision.Problem?.Detail);
        }

        return decision;
    }
}
