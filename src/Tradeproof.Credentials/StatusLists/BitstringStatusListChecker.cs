using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Tradeproof.Json;

namespace Tradeproof.Credentials.StatusLists;

/// <summary>Fetches a status list credential by URL (with its own timeout and size limit); throws when it cannot.</summary>
public interface IStatusListProvider
{
    /// <summary>The bytes of the status list credential at <paramref name="url"/>.</summary>
    ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default);
}

/// <summary>What a status check found. <see cref="CouldNotCheck"/> is never "valid".</summary>
public enum StatusOutcome
{
    /// <summary>The status value is 0: not revoked / not suspended.</summary>
    Unset,

    /// <summary>The status value is not 0: revoked, suspended, or a message status (see <see cref="StatusCheckResult.Status"/>).</summary>
    Set,

    /// <summary>The status could not be determined (fetch, verification, format, caps, range): not valid.</summary>
    CouldNotCheck,
}

/// <summary>The result of checking one status entry.</summary>
public sealed record StatusCheckResult
{
    /// <summary>The outcome.</summary>
    public required StatusOutcome Outcome { get; init; }

    /// <summary>The entry's purpose.</summary>
    public string? Purpose { get; init; }

    /// <summary>The status value read.</summary>
    public int? Status { get; init; }

    /// <summary>For message lists, the message of the value.</summary>
    public string? Message { get; init; }

    /// <summary>Why the status is set or could not be checked.</summary>
    public Problem? Problem { get; init; }

    /// <summary>True only when the status was read and is 0.</summary>
    public bool IsValid => Outcome == StatusOutcome.Unset;
}

/// <summary>The problem types of Bitstring Status List v1.0 §3.6.</summary>
public static class StatusProblemTypes
{
    /// <summary>The list could not be retrieved (code -128).</summary>
    public const string RetrievalError = "https://www.w3.org/ns/credentials/status-list#STATUS_RETRIEVAL_ERROR";

    /// <summary>The status could not be verified, e.g. purpose mismatch or list not verified (code -129).</summary>
    public const string VerificationError = "https://www.w3.org/ns/credentials/status-list#STATUS_VERIFICATION_ERROR";

    /// <summary>The list is shorter than the minimum (code -130).</summary>
    public const string ListLengthError = "https://www.w3.org/ns/credentials/status-list#STATUS_LIST_LENGTH_ERROR";
}

/// <summary>Options of <see cref="BitstringStatusListChecker"/>.</summary>
public sealed record StatusCheckOptions
{
    /// <summary>Where lists come from.</summary>
    public required IStatusListProvider Provider { get; init; }

    /// <summary>
    /// Verifies the fetched list credential (its proof or JOSE envelope); returns null when verified. Without it,
    /// lists are used unverified only if <see cref="AllowUnverifiedLists"/> (tests, or a provider that verifies).
    /// </summary>
    public Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<Problem?>>? VerifyListCredential { get; init; }

    /// <summary>Use lists nobody verified (only when the provider already verifies).</summary>
    public bool AllowUnverifiedLists { get; init; }

    /// <summary>The clock for <c>ttl</c> and list validity.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a list without <c>ttl</c> is cached.</summary>
    public TimeSpan DefaultTtl { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Size and decompression caps.</summary>
    public StatusListLimits Limits { get; init; } = StatusListLimits.Default;

    /// <summary>The most bytes of list credential accepted.</summary>
    public int MaxCredentialBytes { get; init; } = 2 << 20;
}

/// <summary>
/// Checks a credential's status entry (Bitstring Status List v1.0 §3.2 "Validate Algorithm"; StatusList2021Entry
/// read the same way): fetch the list through <see cref="IStatusListProvider"/> (cached honouring <c>ttl</c>), verify
/// it, check issuer, type and purpose, expand within the caps and read the entry's bits. Never throws on bad input:
/// anything that prevents reading the status is <see cref="StatusOutcome.CouldNotCheck"/>.
/// </summary>
public sealed class BitstringStatusListChecker
{
    private readonly StatusCheckOptions _options;
    private readonly ConcurrentDictionary<(string Url, int Size), CachedList> _cache = new();

    public BitstringStatusListChecker(StatusCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Checks <paramref name="entry"/> (one <c>credentialStatus</c> object) of a credential issued by <paramref name="credentialIssuer"/>.</summary>
    public async ValueTask<StatusCheckResult> CheckAsync(JsonElement entry, string credentialIssuer, CancellationToken cancellationToken = default)
    {
        // Step 1: read the entry.
        if (!TryReadEntry(entry, out var e, out var problem))
        {
            return Unknown(problem!, e.Purpose);
        }

        var now = _options.TimeProvider.GetUtcNow();
        StatusBitstring bits;
        if (_cache.TryGetValue((e.Url, e.StatusSize), out var cached) && cached.Expires > now)
        {
            if (!string.Equals(cached.Issuer, credentialIssuer, StringComparison.Ordinal) || !cached.Purposes.Contains(e.Purpose))
            {
                return Unknown(new Problem(StatusProblemTypes.VerificationError, "Status list does not fit the entry", "The list's issuer or purpose differs from the credential's."), e.Purpose);
            }

            bits = cached.Bits;
        }
        else
        {
            var (loaded, loadProblem) = await LoadAsync(e, credentialIssuer, now, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                return Unknown(loadProblem!, e.Purpose);
            }

            _cache[(e.Url, e.StatusSize)] = loaded;
            bits = loaded.Bits;
        }

        // Step 8-9: the index must be within the list; read statusSize bits from the left.
        if (e.Index >= bits.Entries)
        {
            return Unknown(new Problem(ProblemTypes.RangeError, "Status list index out of range", $"Index {e.Index} of a list of {bits.Entries} entries."), e.Purpose);
        }

        var status = bits.Get((int)e.Index);
        var message = e.Messages.TryGetValue(status, out var m) ? m : null;
        return status == 0
            ? new StatusCheckResult { Outcome = StatusOutcome.Unset, Purpose = e.Purpose, Status = 0, Message = message }
            : new StatusCheckResult
            {
                Outcome = StatusOutcome.Set,
                Purpose = e.Purpose,
                Status = status,
                Message = message,
                Problem = new Problem(ProblemTypes.RangeError, e.Purpose switch { "revocation" => "Revoked", "suspension" => "Suspended", _ => "Status set" }, $"{e.Purpose} status {status} at {e.Url} index {e.Index}."),
            };
    }

    private async ValueTask<(CachedList? List, Problem? Problem)> LoadAsync(Entry e, string credentialIssuer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = await _options.Provider.FetchAsync(e.Url, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (null, new Problem(StatusProblemTypes.RetrievalError, "Status list could not be retrieved", $"{e.Url}: {ex.Message}"));
        }

        if (bytes.Length > _options.MaxCredentialBytes)
        {
            return (null, new Problem(StatusProblemTypes.RetrievalError, "Status list too large", $"{e.Url} is over {_options.MaxCredentialBytes} bytes."));
        }

        // Step 3-5: verify the list credential.
        if (_options.VerifyListCredential is { } verify)
        {
            var verification = await verify(bytes, cancellationToken).ConfigureAwait(false);
            if (verification is not null)
            {
                return (null, new Problem(StatusProblemTypes.VerificationError, "Status list credential does not verify", verification.ToString()));
            }
        }
        else if (!_options.AllowUnverifiedLists)
        {
            return (null, new Problem(StatusProblemTypes.VerificationError, "Status list credential not verified", "No verifier is configured for status list credentials."));
        }

        JsonElement root;
        try
        {
            root = StrictJson.ParseElement(bytes.Span);
        }
        catch (JsonInputException ex)
        {
            return (null, new Problem(ProblemTypes.ParsingError, "Status list credential is not JSON", ex.Message));
        }

        var legacy = e.Legacy;
        if (root.ValueKind != JsonValueKind.Object
            || !HasType(root, legacy ? "StatusList2021Credential" : "BitstringStatusListCredential")
            || !root.TryGetProperty("credentialSubject", out var subject) || subject.ValueKind != JsonValueKind.Object
            || !HasType(subject, legacy ? "StatusList2021" : "BitstringStatusList")
            || !subject.TryGetProperty("encodedList", out var encoded) || encoded.ValueKind != JsonValueKind.String)
        {
            return (null, Malformed("The status list credential lacks its type, subject type or encodedList."));
        }

        // Untrusted list issuer: the list must come from the credential's issuer.
        var issuer = root.TryGetProperty("issuer", out var iss) ? iss.ValueKind == JsonValueKind.String ? iss.GetString() : iss.ValueKind == JsonValueKind.Object && iss.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null : null;
        if (!string.Equals(issuer, credentialIssuer, StringComparison.Ordinal))
        {
            return (null, new Problem(StatusProblemTypes.VerificationError, "Status list from another issuer", $"The list is issued by {issuer ?? "(none)"}, the credential by {credentialIssuer}."));
        }

        // Step 6: the purpose must match.
        var purposes = Strings(subject, "statusPurpose");
        if (!purposes.Contains(e.Purpose))
        {
            return (null, new Problem(StatusProblemTypes.VerificationError, "Status purpose mismatch", $"The entry says '{e.Purpose}', the list '{string.Join(",", purposes)}'."));
        }

        // List validity period.
        if (TryDate(root, "validUntil", out var until) && until < now)
        {
            return (null, new Problem(StatusProblemTypes.VerificationError, "Status list expired", $"validUntil {until:O}."));
        }

        if (TryDate(root, "validFrom", out var from) && from > now)
        {
            return (null, new Problem(StatusProblemTypes.VerificationError, "Status list not yet valid", $"validFrom {from:O}."));
        }

        // Step 7: expand within the caps.
        StatusBitstring bits;
        try
        {
            bits = StatusBitstring.Decode(encoded.GetString()!, e.StatusSize, _options.Limits, multibase: !legacy || encoded.GetString()!.StartsWith('u'));
        }
        catch (StatusListException ex)
        {
            return (null, ex.Error switch
            {
                StatusListError.TooShort => new Problem(StatusProblemTypes.ListLengthError, "Status list too short", ex.Message),
                StatusListError.TooLarge => new Problem(StatusProblemTypes.RetrievalError, "Status list over the size caps", ex.Message),
                _ => Malformed(ex.Message),
            });
        }

        var ttl = _options.DefaultTtl;
        if (subject.TryGetProperty("ttl", out var ttlValue))
        {
            if (ttlValue.ValueKind != JsonValueKind.Number || !ttlValue.TryGetInt64(out var ms) || ms < 0)
            {
                return (null, Malformed("ttl is not a non-negative integer number of milliseconds."));
            }

            ttl = TimeSpan.FromMilliseconds(Math.Min(ms, (long)TimeSpan.FromDays(365).TotalMilliseconds));
        }

        return (new CachedList(bits, issuer!, purposes, now + ttl), null);
    }

    private static bool TryReadEntry(JsonElement entry, out Entry e, out Problem? problem)
    {
        e = default;
        problem = null;
        if (entry.ValueKind != JsonValueKind.Object)
        {
            problem = Malformed("credentialStatus is not an object.");
            return false;
        }

        var legacy = HasType(entry, "StatusList2021Entry");
        if (!legacy && !HasType(entry, "BitstringStatusListEntry"))
        {
            problem = Malformed("credentialStatus is not a BitstringStatusListEntry or StatusList2021Entry.");
            return false;
        }

        var purpose = entry.TryGetProperty("statusPurpose", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : null;
        var indexText = entry.TryGetProperty("statusListIndex", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : null;
        var url = entry.TryGetProperty("statusListCredential", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
        if (purpose is null || indexText is null || url is null)
        {
            problem = Malformed("The entry needs string statusPurpose, statusListIndex and statusListCredential.");
            return false;
        }

        e = new Entry(url, purpose, 0, 1, legacy, new Dictionary<int, string>());
        if (indexText.Length is 0 or > 10 || !indexText.All(char.IsAsciiDigit) || (indexText.Length > 1 && indexText[0] == '0')
            || !long.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            problem = Malformed($"statusListIndex '{indexText}' is not a non-negative integer.");
            return false;
        }

        var size = 1;
        if (entry.TryGetProperty("statusSize", out var s))
        {
            if (legacy || s.ValueKind != JsonValueKind.Number || !s.TryGetInt32(out size) || size is < 1 or > 8)
            {
                problem = Malformed("statusSize must be an integer from 1 to 8.");
                return false;
            }
        }

        var messages = new Dictionary<int, string>();
        if (entry.TryGetProperty("statusMessage", out var sm))
        {
            if (sm.ValueKind != JsonValueKind.Array)
            {
                problem = Malformed("statusMessage must be an array.");
                return false;
            }

            foreach (var item in sm.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("status", out var st) || st.ValueKind != JsonValueKind.String
                    || !st.GetString()!.StartsWith("0x", StringComparison.Ordinal)
                    || !int.TryParse(st.GetString().AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
                    || !item.TryGetProperty("message", out var msg) || msg.ValueKind != JsonValueKind.String)
                {
                    problem = Malformed("A statusMessage item needs a hex status and a message.");
                    return false;
                }

                messages[value] = msg.GetString()!;
            }
        }
        else if (size > 1)
        {
            problem = Malformed("statusSize above 1 requires statusMessage.");
            return false;
        }

        e = new Entry(url, purpose, index, size, legacy, messages);
        return true;
    }

    private static bool HasType(JsonElement node, string type) =>
        node.TryGetProperty("type", out var t) && Strings(t).Contains(type);

    private static IReadOnlyList<string> Strings(JsonElement node, string name) =>
        node.TryGetProperty(name, out var v) ? Strings(v) : [];

    private static List<string> Strings(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => [value.GetString()!],
        JsonValueKind.Array => value.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList(),
        _ => [],
    };

    private static bool TryDate(JsonElement root, string name, out DateTimeOffset value)
    {
        value = default;
        return root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(v.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    private static StatusCheckResult Unknown(Problem problem, string? purpose) =>
        new() { Outcome = StatusOutcome.CouldNotCheck, Problem = problem, Purpose = purpose };

    private static Problem Malformed(string detail) => new(ProblemTypes.MalformedValueError, "Malformed status information", detail);

    private readonly record struct Entry(string Url, string Purpose, long Index, int StatusSize, bool Legacy, Dictionary<int, string> Messages);

    private sealed record CachedList(StatusBitstring Bits, string Issuer, IReadOnlyList<string> Purposes, DateTimeOffset Expires);
}
