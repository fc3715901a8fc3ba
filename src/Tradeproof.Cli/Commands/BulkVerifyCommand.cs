using System.Globalization;
using Tradeproof.Credentials.Verification;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof verify --bulk PATH [--json] [--failures FILE] [--workers N] [--quiet]</c>: verifies every credential
/// of a folder of <c>.json</c>/<c>.jwt</c> files or of a JSON-lines file on every core, with progress on standard
/// error and a summary (counts, rate, the first failures) on standard output. Exit 0 all valid, 1 any invalid,
/// 2 none invalid but some could not be checked.
/// </summary>
internal static class BulkVerifyCommand
{
    /// <summary>Runs the bulk verification; returns the exit code.</summary>
    public static int Run(CliConsole console, CredentialVerifier verifier, VerificationRequest request, string path, BulkPipeline.Options options, System.CommandLine.ParseResult parse, bool json)
    {
        var workers = options.WorkerCount(parse);
        var input = BulkInput.Open(path, foldersAllowed: true);
        var progress = new ProgressReporter(console, "verified", input.Count(), parse.GetValue(options.Quiet), TimeProvider.System);
        using var failures = new BulkFailures(parse.GetValue(options.Failures));
        long valid = 0, invalid = 0, indeterminate = 0;
        BulkPipeline.Run(
            input.Items(),
            workers,
            (item, cancellationToken) => verifier.VerifyAsync(item.Bytes, request, cancellationToken),
            (item, result) =>
            {
                switch (result.Outcome)
                {
                    case VerificationOutcome.Valid:
                        valid++;
                        return;
                    case VerificationOutcome.Invalid:
                        invalid++;
                        break;
                    default:
                        indeterminate++;
                        break;
                }

                failures.Add(FailureOf(item.Source, result));
            },
            progress);
        failures.Complete();
        var seconds = progress.Elapsed;
        var total = valid + invalid + indeterminate;
        var rate = seconds > 0 ? total / seconds : 0;
        var outcome = invalid > 0 ? VerificationOutcome.Invalid : indeterminate > 0 ? VerificationOutcome.Indeterminate : VerificationOutcome.Valid;
        if (json)
        {
            console.Output.WriteLine(CommandOutput.Json(w =>
            {
                w.WriteString("outcome", VerificationResultJson.OutcomeName(outcome));
                w.WriteNumber("total", total);
                w.WriteNumber("valid", valid);
                w.WriteNumber("invalid", invalid);
                w.WriteNumber("indeterminate", indeterminate);
                BulkPipeline.WriteRun(w, seconds, rate, workers);
                failures.WriteJson(w);
            }));
        }
        else
        {
            console.Output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"verified {total:N0} credentials in {seconds:N1} s ({rate:N0}/s, {workers} workers): {valid:N0} valid, {invalid:N0} invalid, {indeterminate:N0} could not check"));
            failures.WriteHuman(console.Output);
        }

        if (outcome != VerificationOutcome.Valid)
        {
            console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"tradeproof: error: {invalid:N0} invalid and {indeterminate:N0} could not check of {total:N0}; first: {failures.First[0]}"));
        }

        return outcome switch
        {
            VerificationOutcome.Valid => ExitCodes.Success,
            VerificationOutcome.Invalid => ExitCodes.InvalidInput,
            _ => VerifyCommand.CouldNotCheck,
        };
    }

    /// <summary>The first failed (else could-not-complete) check of a result and its first problem.</summary>
    public static BulkFailure FailureOf(string source, VerificationResult result)
    {
        var check = result.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Failed)
            ?? result.Checks.FirstOrDefault(c => c.Outcome == CheckOutcome.Indeterminate);
        var problem = check?.Problems.FirstOrDefault() ?? result.Problems.FirstOrDefault();
        return new BulkFailure(
            source,
            VerificationResultJson.OutcomeName(result.Outcome),
            check?.Name,
            problem?.Title ?? check?.Reason ?? "no problem reported",
            problem?.Detail);
    }
}
