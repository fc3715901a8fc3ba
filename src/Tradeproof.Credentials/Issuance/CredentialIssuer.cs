using System.Buffers;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Cryptography;
using Tradeproof.Json;

namespace Tradeproof.Credentials.Issuance;

/// <summary>
/// The issuer: takes any credential as JSON and a key, fills in what an issuer owes (a <c>urn:uuid:</c>
/// <c>id</c>, <c>issuer</c>, <c>validFrom</c> — <c>issuanceDate</c> for VC 1.1 — and, when asked, status
/// entries from an <see cref="ICredentialStatusAllocator"/>), checks the data model, and adds a Data
/// Integrity proof. Members the caller gave are kept as given. Time and randomness are injected.
/// </summary>
public sealed class CredentialIssuer
{
    private readonly DataIntegrityEngine _engine;
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private readonly ICredentialStatusAllocator? _status;
    private readonly DataModelOptions _dataModel;

    /// <param name="engine">The proof engine.</param>
    /// <param name="timeProvider">The clock (default system).</param>
    /// <param name="random">The random source of ids (default system).</param>
    /// <param name="statusAllocator">Allocates status entries; needed only when status is asked for.</param>
    /// <param name="dataModel">Data-model rules applied before signing.</param>
    public CredentialIssuer(
        DataIntegrityEngine engine,
        TimeProvider? timeProvider = null,
        IRandomSource? random = null,
        ICredentialStatusAllocator? statusAllocator = null,
        DataModelOptions? dataModel = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        _time = timeProvider ?? TimeProvider.System;
        _random = random ?? SystemRandomSource.Instance;
        _status = statusAllocator;
        _dataModel = dataModel ?? DataModelOptions.Default;
    }

    /// <summary>Issues a credential.</summary>
    /// <returns>The signed credential and what was added.</returns>
    /// <exception cref="ArgumentException">Not a JSON object, not a credential by the data model, already signed,
    /// status asked for but the credential already has one, or a key/suite mismatch.</exception>
    /// <exception cref="InvalidOperationException">Status asked for but no allocator was given.</exception>
    /// <exception cref="ProofTransformException">The credential cannot be transformed (e.g. an undefined term).</exception>
    public async ValueTask<IssuedCredential> IssueAsync(ReadOnlyMemory<byte> credential, KeyPair key, IssuanceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(options);
        var prepared = await PrepareAsync(credential, options, cancellationToken).ConfigureAwait(false);
        var signed = _engine.AddProof(
            prepared.Utf8.Span,
            new ProofOptions { Cryptosuite = options.Cryptosuite, VerificationMethod = options.VerificationMethod, Created = prepared.IssuedAt },
            key,
            cancellationToken);
        return new IssuedCredential(signed, prepared.Id, prepared.Status);
    }

    /// <summary>
    /// Everything <see cref="IssueAsync"/> does but the proof: the unsigned credential with its <c>id</c>,
    /// <c>issuer</c>, <c>validFrom</c>, <c>validUntil</c> and status entries, checked against the data model. For
    /// securing mechanisms other than Data Integrity (VC-JOSE, SD-JWT), which sign the result themselves.
    /// </summary>
    /// <exception cref="ArgumentException">Not a JSON object, not a credential by the data model, already signed,
    /// or status asked for but the credential already has one.</exception>
    /// <exception cref="InvalidOperationException">Status asked for but no allocator was given.</exception>
    public async ValueTask<PreparedCredential> PrepareAsync(ReadOnlyMemory<byte> credential, IssuanceOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        JsonElement root;
        try
        {
            root = StrictJson.ParseElement(credential.Span, _dataModel.Json);
        }
        catch (JsonInputException e)
        {
            throw new ArgumentException("The credential is not valid JSON: " + e.Message, nameof(credential), e);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A credential is a JSON object.", nameof(credential));
        }

        if (root.TryGetProperty("proof", out _))
        {
            throw new ArgumentException("The credential already has a proof.", nameof(credential));
        }

        var version = root.TryGetProperty("@context", out var context) && FirstContext(context) == CredentialContexts.V1
            ? DataModelVersion.V1_1
            : DataModelVersion.V2_0;
        var now = _time.GetUtcNow();
        var id = root.TryGetProperty("id", out var existingId) && existingId.ValueKind == JsonValueKind.String
            ? existingId.GetString()!
            : UuidUrn.New(_random);
        var issuer = root.TryGetProperty("issuer", out _) ? null : options.Issuer ?? ControllerOf(options.VerificationMethod);
        var (fromName, untilName) = version == DataModelVersion.V2_0 ? ("validFrom", "validUntil") : ("issuanceDate", "expirationDate");
        var addFrom = !root.TryGetProperty(fromName, out _);
        var addUntil = options.ValidUntil is not null && !root.TryGetProperty(untilName, out _);

        IReadOnlyList<CredentialStatusEntry> status = [];
        if (options.StatusPurposes.Count > 0)
        {
            if (root.TryGetProperty("credentialStatus", out _))
            {
                throw new ArgumentException("The credential already has a credentialStatus.", nameof(credential));
            }

            if (_status is null)
            {
                throw new InvalidOperationException("Status was asked for, but the issuer has no status allocator.");
            }

            status = await _status.AllocateAsync(
                new CredentialStatusRequest
                {
                    CredentialId = id,
                    Issuer = issuer ?? IssuerOf(root) ?? "",
                    CredentialTypes = root.TryGetProperty("type", out var t) ? DataModelRules.Strings(t) ?? [] : [],
                    StatusPurposes = options.StatusPurposes,
                },
                cancellationToken).ConfigureAwait(false);
        }

        var buffer = new ArrayBufferWriter<byte>(credential.Length + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (root.TryGetProperty("@context", out var c))
            {
                writer.WritePropertyName("@context");
                c.WriteTo(writer);
            }

            if (!root.TryGetProperty("id", out _))
            {
                writer.WriteString("id", id);
            }

            foreach (var member in root.EnumerateObject())
            {
                if (!member.NameEquals("@context"))
                {
                    member.WriteTo(writer);
                }
            }

            if (issuer is not null)
            {
                writer.WriteString("issuer", issuer);
            }

            if (addFrom)
            {
                writer.WriteString(fromName, DataIntegrityProof.FormatDateTime(now));
            }

            if (addUntil)
            {
                writer.WriteString(untilName, DataIntegrityProof.FormatDateTime(options.ValidUntil!.Value));
            }

            if (status.Count > 0)
            {
                writer.WritePropertyName("credentialStatus");
                if (status.Count == 1)
                {
                    status[0].Json.WriteTo(writer);
                }
                else
                {
                    writer.WriteStartArray();
                    foreach (var entry in status)
                    {
                        entry.Json.WriteTo(writer);
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        var unsigned = buffer.WrittenMemory;
        if (!VerifiableCredential.TryParse(unsigned, _dataModel, out _, out var problems))
        {
            throw new ArgumentException("Not a valid credential: " + string.Join("; ", problems), nameof(credential));
        }

        return new PreparedCredential(unsigned, id, status, version, now);
    }

    private static string? FirstContext(JsonElement context) => context.ValueKind switch
    {
        JsonValueKind.String => context.GetString(),
        JsonValueKind.Array when context.GetArrayLength() > 0 && context[0].ValueKind == JsonValueKind.String => context[0].GetString(),
        _ => null,
    };

    private static string? IssuerOf(JsonElement root) => root.TryGetProperty("issuer", out var i)
        ? i.ValueKind == JsonValueKind.String ? i.GetString() : i.ValueKind == JsonValueKind.Object && i.TryGetProperty("id", out var id) ? id.GetString() : null
        : null;

    /// <summary>The DID (or URL) a verification method URL belongs to: everything before its fragment.</summary>
    private static string ControllerOf(string verificationMethod)
    {
        var hash = verificationMethod.IndexOf('#', StringComparison.Ordinal);
        return hash > 0 ? verificationMethod[..hash] : verificationMethod;
    }
}

/// <summary>An issued credential: the signed UTF-8 JSON, its id, and the status entries allocated for it.</summary>
/// <param name="Utf8">The signed credential.</param>
/// <param name="Id">Its <c>id</c> (given, or the <c>urn:uuid:</c> added).</param>
/// <param name="Status">The status entries embedded (empty when none was asked).</param>
public sealed record IssuedCredential(ReadOnlyMemory<byte> Utf8, string Id, IReadOnlyList<CredentialStatusEntry> Status);

/// <summary>A credential filled in by the issuer but not yet secured (<see cref="CredentialIssuer.PrepareAsync"/>).</summary>
/// <param name="Utf8">The unsigned credential (UTF-8 JSON).</param>
/// <param name="Id">Its <c>id</c> (given, or the <c>urn:uuid:</c> added).</param>
/// <param name="Status">The status entries embedded (empty when none was asked).</param>
/// <param name="Version">The data model version it follows.</param>
/// <param name="IssuedAt">The issuer's clock when it was prepared (its <c>validFrom</c> when one was added; the proof's <c>created</c>).</param>
public sealed record PreparedCredential(ReadOnlyMemory<byte> Utf8, string Id, IReadOnlyList<CredentialStatusEntry> Status, DataModelVersion Version, DateTimeOffset IssuedAt);
