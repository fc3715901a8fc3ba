using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tradeproof.Credentials;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography.Encoding;
using Tradeproof.Json;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof status create|set|publish|check</c>: an issuer's Bitstring Status Lists (W3C Bitstring Status List
/// v1.0) kept in state files (<see cref="StatusListState"/>), published as signed BitstringStatusListCredentials,
/// and a credential's status read from a published list.
/// </summary>
internal static class StatusCommands
{
    /// <summary><c>status check</c>: an entry's status could not be read (exit code, as <c>verify</c> uses it).</summary>
    public const int CouldNotCheck = 2;

    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var status = new Command("status", "Bitstring status lists: create a list, revoke or suspend, publish the signed list credential, check a credential's status.");
        status.Add(CreateCreate(console));
        status.Add(CreateSet(console));
        status.Add(CreatePublish(console));
        status.Add(CreateCheck(console));
        return [status];
    }

    // tradeproof status create --key KEYFILE --url URL [--purpose P] [--length N] --out STATEFILE
    private static Command CreateCreate(CliConsole console)
    {
        var key = new Option<string>("--key") { Description = "The issuer's key file: the list is the issuer's and is signed with this key.", Required = true };
        var url = new Option<string>("--url") { Description = "Where the list credential will be published (https://...); entries point there.", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "What a set bit means.", DefaultValueFactory = _ => "revocation" };
        purpose.AcceptOnlyFromAmong("revocation", "suspension");
        var length = new Option<int>("--length") { Description = "Entries in the list (at least 131072, the default: Bitstring Status List §4.1).", DefaultValueFactory = _ => StatusBitstring.MinimumBits };
        var method = new Option<string?>("--verification-method") { Description = "The DID URL naming the key (default: the key's did:key)." };
        var did = new Option<string?>("--did") { Description = "The issuer's DID (did:web: the key is #key-1)." };
        var output = new Option<string>("--out") { Description = "The state file to create (never overwritten: that would give out indexes twice).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the list's description as JSON." };
        var command = new Command("create", "Create a status list and its state file (the bitstring and the next free index).")
        {
            key, url, purpose, length, method, did, output, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            using var pair = KeyCommands.ReadKeyFile(parse.GetValue(key), console);
            _ = SecuringSuites.DefaultFor(pair.Type, "status lists are signed with Ed25519, P-256 or P-384 keys");
            var identity = SigningIdentity.For(pair.PublicKey, parse.GetValue(method), parse.GetValue(did));
            var state = StatusListState.Create(parse.GetValue(url)!, parse.GetValue(purpose)!, parse.GetValue(length), identity);
            state.Write(parse.GetValue(output)!, create: true);
            console.Output.WriteLine(parse.GetValue(json)
                ? Describe(state)
                : string.Create(CultureInfo.InvariantCulture, $"{state.Purpose} list of {state.Length} entries for {state.Url}, issued by {state.Issuer}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof status set STATEFILE INDEX --value 1|0
    private static Command CreateSet(CliConsole console)
    {
        var file = new Argument<string>("STATEFILE") { Description = "The list's state file." };
        var index = new Argument<int>("INDEX") { Description = "The credential's statusListIndex." };
        var value = new Option<int>("--value") { Description = "1 revokes or suspends; 0 lifts a suspension.", Required = true };
        value.AcceptOnlyFromAmong("0", "1");
        var json = new Option<bool>("--json") { Description = "Print the change as JSON." };
        var command = new Command("set", "Set one entry of a status list (revoke, suspend, or lift a suspension); publish the list afterwards.")
        {
            file, index, value, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var path = parse.GetValue(file)!;
            int previous;
            StatusListState state;
            using (StatusListState.Lock(path))
            {
                state = StatusListState.Read(path);
                previous = state.Set(parse.GetValue(index), parse.GetValue(value));
                state.Write(path);
            }

            var i = parse.GetValue(index);
            var v = parse.GetValue(value);
            console.Output.WriteLine(parse.GetValue(json)
                ? CommandOutput.Json(w =>
                {
                    w.WriteString("statusListCredential", state.Url);
                    w.WriteString("statusPurpose", state.Purpose);
                    w.WriteNumber("statusListIndex", i);
                    w.WriteNumber("previous", previous);
                    w.WriteNumber("value", v);
                })
                : string.Create(CultureInfo.InvariantCulture, $"{state.Url} index {i}: {Meaning(state.Purpose, previous)} -> {Meaning(state.Purpose, v)}"));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof status publish STATEFILE --key KEYFILE [--suite S] [--valid-until T] [--ttl MS] [--out FILE]
    private static Command CreatePublish(CliConsole console)
    {
        var file = new Argument<string>("STATEFILE") { Description = "The list's state file." };
        var key = new Option<string>("--key") { Description = "The issuer's key file (the key the list was created for).", Required = true };
        var suite = new Option<string?>("--suite") { HelpName = "SUITE", Description = "eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020, ecdsa-rdfc-2019 or ecdsa-jcs-2019 (default: eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256/P-384)." };
        suite.AcceptOnlyFromAmong([.. SecuringSuites.DataIntegrity.Where(s => s != "ecdsa-sd-2023")]);
        var validUntil = new Option<string?>("--valid-until") { Description = "validUntil of the list credential." };
        var ttl = new Option<long?>("--ttl") { Description = "ttl in milliseconds: how long verifiers may cache the list." };
        var output = new Option<string?>("--out") { Description = "Write the list credential here (atomically), to publish at the list's URL." };
        var command = new Command("publish", "Write the signed BitstringStatusListCredential of a list (Bitstring Status List §2.2), to publish at its URL.")
        {
            file, key, suite, validUntil, ttl, output,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var state = StatusListState.Read(parse.GetValue(file)!);
            using var pair = KeyCommands.ReadKeyFile(parse.GetValue(key), console);
            var identity = SigningIdentity.For(pair.PublicKey, state.VerificationMethod, null);
            var suiteName = parse.GetValue(suite) ?? SecuringSuites.DefaultFor(pair.Type, "status lists are signed with Ed25519, P-256 or P-384 keys");
            SecuringSuites.CheckKey(suiteName, pair.Type);
            if (parse.GetValue(ttl) is < 0)
            {
                throw new CliInputException("--ttl is a number of milliseconds, 0 or more");
            }

            var now = TimeProvider.System.GetUtcNow();
            var store = new InMemoryStatusListStore();
            var definition = new StatusListDefinition { Url = state.Url, Purpose = state.Purpose, Entries = state.Length, TtlMilliseconds = parse.GetValue(ttl) };
            var lists = new BitstringStatusListIssuer([definition], store, new SequentialStatusIndexSource());
            var bits = LibraryInput.Run(() => store.LoadAsync(state.Url, state.Length, 1));
            for (var i = 0; i < state.Length; i++)
            {
                if (state.Bits.Get(i) != 0)
                {
                    bits.Set(i, 1);
                }
            }

            var unsigned = LibraryInput.Run(() => lists.PublishAsync(state.Url, identity.Did, now, IssueCommand.ParseTime(parse.GetValue(validUntil), "--valid-until")));
            var signed = LibraryInput.Run(() => new DataIntegrityEngine().AddProof(
                SuiteContexts.AddTo(unsigned, suiteName),
                new ProofOptions { Cryptosuite = suiteName, VerificationMethod = identity.VerificationMethod, Created = now },
                pair));
            CommandOutput.Write(console, parse.GetValue(output), Encoding.UTF8.GetString(signed));
            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof status check CREDENTIAL --list LISTCREDENTIAL... [--json]
    private static Command CreateCheck(CliConsole console)
    {
        var file = new Argument<string>("CREDENTIAL")
        {
            Description = "The credential (JSON or VC-JWT), or - for standard input. Only its status is read: 'tradeproof verify' checks the rest.",
            DefaultValueFactory = _ => "-",
        };
        var lists = new Option<string[]>("--list")
        {
            Description = "A published status list credential (from 'status publish', as fetched from its URL); repeat for several lists. It must verify (did:key/did:jwk issuers).",
            Required = true,
        };
        var json = new Option<bool>("--json") { Description = "Print each entry's outcome as JSON." };
        var command = new Command("check", "Read each credentialStatus entry of a credential from the given lists. Exit 0 all valid, 1 revoked or suspended, 2 could not check (unknown is not valid).")
        {
            file, lists, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var credential = ReadCredential(CliInput.ReadAllText(parse.GetValue(file), console).Trim(), CliInput.Describe(parse.GetValue(file)));
            var provider = new FileStatusListProvider();
            foreach (var list in parse.GetValue(lists) ?? [])
            {
                provider.Add(list, CliInput.ReadAllBytes(list, console));
            }

            var engine = new DataIntegrityEngine();
            var checker = new BitstringStatusListChecker(new StatusCheckOptions
            {
                Provider = provider,
                VerifyListCredential = async (bytes, cancellationToken) =>
                {
                    var result = await engine.VerifyAsync(bytes, new ProofVerificationOptions { Resolver = DidVerificationMethodResolver.Local }, cancellationToken).ConfigureAwait(false);
                    return result.Verified ? null : result.Problems.FirstOrDefault() ?? new Problem(ProblemTypes.ProofVerificationError, "Status list credential does not verify");
                },
            });
            var issuer = IssuerOf(credential);
            var entries = StatusEntries(credential);
            var results = entries.Select(e => (Entry: e, Result: LibraryInput.Run(() => checker.CheckAsync(e, issuer ?? "")))).ToList();
            var exit = results.Any(r => r.Result.Outcome == StatusOutcome.Set) ? ExitCodes.InvalidInput
                : results.Any(r => r.Result.Outcome == StatusOutcome.CouldNotCheck) ? CouldNotCheck
                : ExitCodes.Success;
            if (parse.GetValue(json))
            {
                console.Output.WriteLine(CommandOutput.Json(w =>
                {
                    w.WriteString("outcome", exit switch { ExitCodes.Success => "valid", CouldNotCheck => "unknown", _ => "invalid" });
                    w.WriteStartArray("entries");
                    foreach (var (entry, result) in results)
                    {
                        w.WriteStartObject();
                        WriteEntryJson(w, entry, result);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }));
            }
            else if (results.Count == 0)
            {
                console.Output.WriteLine("no credentialStatus: nothing to check");
            }
            else
            {
                foreach (var (entry, result) in results)
                {
                    console.Output.WriteLine(DescribeEntry(entry, result));
                }
            }

            return exit;
        }));
        return command;
    }

    private static string Describe(StatusListState state) => CommandOutput.Json(w =>
    {
        w.WriteString("url", state.Url);
        w.WriteString("statusPurpose", state.Purpose);
        w.WriteString("issuer", state.Issuer);
        w.WriteString("verificationMethod", state.VerificationMethod);
        w.WriteNumber("length", state.Length);
        w.WriteNumber("allocated", state.AllocatedCount);
    });

    private static string Meaning(string purpose, int value) => (purpose, value) switch
    {
        (_, 0) => "valid",
        ("revocation", _) => "revoked",
        ("suspension", _) => "suspended",
        _ => "set",
    };

    private static string DescribeEntry(JsonElement entry, StatusCheckResult result)
    {
        var where = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("statusListIndex", out var i) && i.ValueKind == JsonValueKind.String
            && entry.TryGetProperty("statusListCredential", out var u) && u.ValueKind == JsonValueKind.String
            ? $"{u.GetString()} index {i.GetString()}"
            : "(malformed entry)";
        var purpose = result.Purpose ?? "status";
        return result.Outcome switch
        {
            StatusOutcome.Unset => $"{purpose}: valid ({where})",
            StatusOutcome.Set => $"{purpose}: {Meaning(purpose, result.Status ?? 1)}{(result.Message is null ? "" : " - " + result.Message)} ({where})",
            _ => $"{purpose}: could not check ({where}): {result.Problem?.Title}{(result.Problem?.Detail is { } d ? ": " + d : "")}",
        };
    }

    private static void WriteEntryJson(Utf8JsonWriter w, JsonElement entry, StatusCheckResult result)
    {
        if (result.Purpose is not null)
        {
            w.WriteString("statusPurpose", result.Purpose);
        }

        foreach (var name in new[] { "statusListCredential", "statusListIndex" })
        {
            if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
            {
                w.WriteString(name, value.GetString());
            }
        }

        w.WriteString("outcome", result.Outcome switch
        {
            StatusOutcome.Unset => "valid",
            StatusOutcome.Set => Meaning(result.Purpose ?? "", result.Status ?? 1),
            _ => "unknown",
        });
        if (result.Status is { } status)
        {
            w.WriteNumber("status", status);
        }

        if (result.Problem is { } problem)
        {
            w.WriteStartObject("problem");
            w.WriteString("type", problem.Type);
            w.WriteString("title", problem.Title);
            if (problem.Detail is not null)
            {
                w.WriteString("detail", problem.Detail);
            }

            w.WriteEndObject();
        }
    }

    // The credential's JSON: as is, or the payload of a VC-JWT (its signature is verify's business, not status's).
    private static JsonElement ReadCredential(string text, string name)
    {
        if (text.StartsWith('{'))
        {
            return StrictJson.ParseElement(Encoding.UTF8.GetBytes(text));
        }

        var parts = text.Split('~')[0].Split('.');
        if (parts.Length == 3 && Base64UrlStrict.TryDecode(parts[1]) is { } payload)
        {
            return StrictJson.ParseElement(payload);
        }

        throw new CliInputException($"{name} is neither a JSON credential nor a VC-JWT");
    }

    private static string? IssuerOf(JsonElement credential) =>
        credential.ValueKind != JsonValueKind.Object || !credential.TryGetProperty("issuer", out var issuer) ? null
        : issuer.ValueKind == JsonValueKind.String ? issuer.GetString()
        : issuer.ValueKind == JsonValueKind.Object && issuer.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()
        : null;

    private static List<JsonElement> StatusEntries(JsonElement credential)
    {
        if (credential.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException("a credential is a JSON object");
        }

        if (!credential.TryGetProperty("credentialStatus", out var status))
        {
            return [];
        }

        return status.ValueKind == JsonValueKind.Array ? [.. status.EnumerateArray()] : [status];
    }

    /// <summary>Status list credentials read from files, by their <c>id</c> (the URL entries name).</summary>
    private sealed class FileStatusListProvider : IStatusListProvider
    {
        private readonly Dictionary<string, byte[]> _lists = new(StringComparer.Ordinal);

        public void Add(string path, byte[] bytes)
        {
            JsonElement root;
            try
            {
                root = StrictJson.ParseElement(bytes);
            }
            catch (JsonInputException e)
            {
                throw new CliInputException($"{path} is not a status list credential (JSON): {e.Message}");
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                throw new CliInputException($"{path} is not a status list credential with an id");
            }

            _lists[id.GetString()!] = bytes;
        }

        public ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default) =>
            _lists.TryGetValue(url, out var bytes)
                ? ValueTask.FromResult<ReadOnlyMemory<byte>>(bytes)
                : throw new StatusListException(StatusListError.Retrieval, $"no --list file is the list {url}");
    }
}
