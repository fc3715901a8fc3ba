using System.CommandLine;
using System.Text.Json;
using Tradeproof.Credentials.DataIntegrity;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Credentials.Verification;
using Tradeproof.Dids;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof verify FILE|- [--json] [--challenge C] [--domain D] [--status-list FILE ...] [--allow-network]</c>:
/// runs the verifier pipeline on a credential or presentation in any format and prints every check. Exit 0 valid,
/// 1 invalid, 2 could not check (a DID document or status list unreachable); usage errors are also 2, so scripts
/// read the <c>outcome</c> field of <c>--json</c> to tell them apart.
/// </summary>
internal static class VerifyCommand
{
    /// <summary>Exit code of a credential that could not be checked (shares 2 with usage errors; <c>--json</c> tells them apart).</summary>
    public const int CouldNotCheck = 2;

    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var file = new Argument<string>("FILE")
        {
            Description = "The credential or presentation (Data Integrity JSON, VC-JWT, VP-JWT, SD-JWT VC, enveloped credential), or - for standard input.",
            DefaultValueFactory = _ => "-",
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (outcome, checks, problems, credentials, receipt)." };
        var challenge = new Option<string?>("--challenge") { Description = "The challenge (nonce) a presentation or SD-JWT key binding must carry." };
        var domain = new Option<string?>("--domain") { Description = "The domain (aud) a presentation or SD-JWT key binding must name." };
        var statusLists = new Option<string[]>("--status-list")
        {
            Description = "A status list credential file, used for the entries naming its id (repeat for several). Without --allow-network these are the only lists.",
            AllowMultipleArgumentsPerToken = false,
        };
        var allowNetwork = new Option<bool>("--allow-network") { Description = "Resolve did:web and fetch remote status lists (HTTPS, public addresses only, 5 s, size caps). Off by default." };
        var bulk = new Option<string?>("--bulk") { HelpName = "PATH", Description = "Verify every credential of a folder of .json/.jwt files or of a JSON-lines file (one per line) on every core; prints a summary (counts, rate, failures)." };
        var bulkOptions = new BulkPipeline.Options();
        var command = new Command("verify", "Verify a credential or presentation: every check in order, exit 0 valid, 1 invalid, 2 could not check.")
        {
            file, json, challenge, domain, statusLists, allowNetwork, bulk,
        };
        bulkOptions.AddTo(command);
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var bulkPath = parse.GetValue(bulk);
            if (bulkPath is null)
            {
                bulkOptions.RefuseWithoutBulk(parse);
            }
            else if (parse.GetValue(file) != "-")
            {
                throw new CliInputException("give either FILE or --bulk PATH, not both");
            }

            var input = bulkPath is null ? CliInput.ReadAllBytes(parse.GetValue(file), console) : null;
            var network = parse.GetValue(allowNetwork);
            var expectedChallenge = parse.GetValue(challenge);
            using var remoteLists = network ? new GuardedStatusListProvider() : null;
            var lists = new LocalStatusLists(parse.GetValue(statusLists) ?? [], console, remoteLists);
            var verifier = new CredentialVerifier(new VerifierOptions
            {
                Resolver = network ? new DidVerificationMethodResolver(DidResolver.Create(new DidWebOptions())) : DidVerificationMethodResolver.Local,
                StatusListProvider = lists,
                RequirePresentationChallenge = expectedChallenge is not null,
                RequireSdJwtKeyBinding = expectedChallenge is not null,
            });
            var request = new VerificationRequest { Challenge = expectedChallenge, Domain = parse.GetValue(domain) };
            if (bulkPath is not null)
            {
                return BulkVerifyCommand.Run(console, verifier, request, bulkPath, bulkOptions, parse, parse.GetValue(json));
            }

            var result = verifier.VerifyAsync(input!, request).AsTask().GetAwaiter().GetResult();
            if (parse.GetValue(json))
            {
                WriteJson(console.Output, result);
            }
            else
            {
                WriteHuman(console.Output, result, "");
                console.Output.WriteLine(OutcomeText(result.Outcome));
            }

            if (result.Outcome != VerificationOutcome.Valid)
            {
                var first = result.Checks.FirstOrDefault(c => c.Outcome is CheckOutcome.Failed or CheckOutcome.Indeterminate);
                var problem = first?.Problems.FirstOrDefault();
                console.Error.WriteLine($"tradeproof: error: {OutcomeText(result.Outcome)}: {first?.Name}: {problem?.Title}{(problem?.Detail is null ? "" : " (" + problem.Detail + ")")}".ReplaceLineEndings(" "));
            }

            return result.Outcome switch
            {
                VerificationOutcome.Valid => ExitCodes.Success,
                VerificationOutcome.Invalid => ExitCodes.InvalidInput,
                _ => CouldNotCheck,
            };
        }));
        return [command];
    }

    private static string OutcomeText(VerificationOutcome outcome) => outcome switch
    {
        VerificationOutcome.Valid => "valid",
        VerificationOutcome.Invalid => "invalid",
        _ => "could not check",
    };

    /// <summary>One line per check (✓ passed, ✗ failed, ? could not complete, – skipped or not applicable), each problem indented below.</summary>
    private static void WriteHuman(TextWriter output, VerificationResult result, string indent)
    {
        output.WriteLine($"{indent}{result.Format.Name()}{(result.Party is null ? "" : " " + result.Party)}");
        foreach (var check in result.Checks)
        {
            var mark = check.Outcome switch
            {
                CheckOutcome.Passed => "✓",
                CheckOutcome.Failed => "✗",
                CheckOutcome.Indeterminate => "?",
                _ => "–",
            };
            var note = check.Outcome switch
            {
                CheckOutcome.Skipped => "skipped: " + check.Reason,
                CheckOutcome.NotApplicable => "not applicable: " + check.Reason,
                _ => check.Reason,
            };
            output.WriteLine($"{indent}{mark} {check.Name}{(string.IsNullOrEmpty(note) ? "" : "  " + note)}");
            foreach (var problem in check.Problems)
            {
                output.WriteLine($"{indent}    {problem.Type}: {problem.Title}{(problem.Detail is null ? "" : " (" + problem.Detail + ")")}");
            }
        }

        for (var i = 0; i < result.Credentials.Count; i++)
        {
            output.WriteLine($"{indent}  credential {i}: {OutcomeText(result.Credentials[i].Outcome)}");
            WriteHuman(output, result.Credentials[i], indent + "    ");
        }
    }

    private static void WriteJson(TextWriter output, VerificationResult result) =>
        output.WriteLine(VerificationResultJson.ToJson(
            result, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    /// <summary>Status list credentials from <c>--status-list</c> files, by their <c>id</c>; others through the guarded fetcher when the network is allowed, else unreachable.</summary>
    private sealed class LocalStatusLists : IStatusListProvider
    {
        private readonly Dictionary<string, byte[]> _lists = new(StringComparer.Ordinal);
        private readonly IStatusListProvider? _network;

        public LocalStatusLists(IEnumerable<string> files, CliConsole console, IStatusListProvider? network)
        {
            _network = network;
            foreach (var path in files)
            {
                var bytes = CliInput.ReadAllBytes(path, console);
                string? id;
                try
                {
                    using var document = JsonDocument.Parse(bytes);
                    id = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String
                        ? value.GetString()
                        : null;
                }
                catch (JsonException e)
                {
                    throw new CliInputException($"{path}: not a status list credential (not JSON: {e.Message})");
                }

                _lists[id ?? throw new CliInputException($"{path}: a status list credential needs an 'id' (the URL its entries name)")] = bytes;
            }
        }

        public async ValueTask<ReadOnlyMemory<byte>> FetchAsync(string url, CancellationToken cancellationToken = default)
        {
            if (_lists.TryGetValue(url, out var bytes))
            {
                return bytes;
            }

            return _network is null
                ? throw new IOException($"no --status-list file has the id {url} (and --allow-network is off)")
                : await _network.FetchAsync(url, cancellationToken).ConfigureAwait(false);
        }
    }
}
