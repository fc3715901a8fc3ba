using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tradeproof.Credentials.Verification;
using Tradeproof.Trade.Presentations;
using Tradeproof.Trade.Workflows;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// <c>tradeproof workflow list|show|progress</c>: the traceability workflow definitions (parties, required credential
/// types, steps) and the progress of a workflow instance from traceable presentation files (docs/workflows.md).
/// </summary>
internal static class WorkflowCommands
{
    private static readonly JsonWriterOptions JsonOutput = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command[] Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var workflow = new Command("workflow", "Trade workflows (traceability definitions) and the progress of a workflow instance.");
        workflow.Add(CreateList(console));
        workflow.Add(CreateShow(console));
        workflow.Add(CreateProgress(console));
        return [workflow];
    }

    // tradeproof workflow list [--json]
    private static Command CreateList(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Write a JSON array (id, name, title, tags, parties, credentials) instead of a table." };
        var command = new Command("list", "List the workflow definitions: short name, parties, required credential types and title.") { json };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var definitions = WorkflowCatalog.Default.Definitions;
            if (parse.GetValue(json))
            {
                WriteJson(console, writer =>
                {
                    writer.WriteStartArray();
                    foreach (var definition in definitions)
                    {
                        writer.WriteStartObject();
                        WriteSummary(writer, definition);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                });
                return ExitCodes.Success;
            }

            var width = definitions.Max(d => d.ShortName.Length);
            foreach (var definition in definitions)
            {
                console.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{definition.ShortName.PadRight(width)}  {definition.Parties.Count,2} parties  {definition.RequiredCredentials.Count,2} credentials  {definition.Title}"));
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof workflow show ID [--json]
    private static Command CreateShow(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The workflow's IRI or short name (e.g. us-cbp-entry; see 'tradeproof workflow list')." };
        var json = new Option<bool>("--json") { Description = "Write JSON (the summary, description, steps and notes)." };
        var command = new Command("show", "Show a workflow: parties, required credential types and the issue/present steps in order.") { id, json };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var definition = Find(parse.GetValue(id)!);
            if (parse.GetValue(json))
            {
                WriteJson(console, writer => WriteDefinition(writer, definition));
                return ExitCodes.Success;
            }

            var output = console.Output;
            output.WriteLine($"{definition.Title} ({definition.ShortName})");
            output.WriteLine($"id: {definition.Id}");
            if (definition.Tags.Count > 0)
            {
                output.WriteLine($"tags: {string.Join(", ", definition.Tags)}");
            }

            output.WriteLine("parties:");
            foreach (var party in definition.Parties)
            {
                output.WriteLine($"  {party.Alias}  {party.Name}");
            }

            output.WriteLine("required credentials:");
            foreach (var credential in definition.RequiredCredentials)
            {
                output.WriteLine($"  {credential.Term}  ({credential.Name})");
            }

            output.WriteLine("steps:");
            foreach (var step in definition.Steps)
            {
                output.WriteLine("  " + DescribeStep(step));
            }

            foreach (var note in definition.Notes)
            {
                output.WriteLine($"note: {note}");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    // tradeproof workflow progress ID PRESENTATION... [--instance URN] [--receiver PARTY] [--verify] [--json]
    private static Command CreateProgress(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The workflow's IRI or short name." };
        var files = new Argument<string[]>("PRESENTATION")
        {
            Description = "Traceable presentation files (JSON) received for the instance; - reads one from standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var instance = new Option<string?>("--instance") { Description = "The workflow instance; needed when the presentations name several." };
        var receiver = new Option<string?>("--receiver") { Description = "Evaluate one party's inbox (alias or name, e.g. CBP): only the steps presented to it count." };
        var verify = new Option<bool>("--verify")
        {
            Description = "Verify each presentation first (holder's authentication proof and every credential; did:key and did:jwk only, nothing fetched); a failure is an error.",
        };
        var json = new Option<bool>("--json") { Description = "Write the progress as JSON." };
        var command = new Command("progress", "Show what is present (type, issuer, presentation, when), what is missing and what comes next in a workflow instance.")
        {
            id, files, instance, receiver, verify, json,
        };
        command.SetAction(parse => TradeproofCli.Guard(console, () =>
        {
            var definition = Find(parse.GetValue(id)!);
            var received = new List<ReceivedPresentation>();
            foreach (var path in parse.GetValue(files)!)
            {
                received.Add(Read(path, console, parse.GetValue(verify)));
            }

            var chosen = parse.GetValue(instance) ?? SingleInstance(definition, received);
            var receiverName = parse.GetValue(receiver);
            if (receiverName is not null && definition.FindParty(receiverName) is null)
            {
                throw new CliInputException($"'{receiverName}' is not a party of {definition.ShortName} (parties: {string.Join(", ", definition.Parties.Select(p => p.Name))})");
            }

            var progress = WorkflowProgressTracker.Evaluate(definition, chosen, received, new WorkflowProgressOptions { Receiver = receiverName });
            if (parse.GetValue(json))
            {
                WriteJson(console, writer => WriteProgress(writer, progress));
            }
            else
            {
                WriteProgressText(console.Output, progress);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static WorkflowDefinition Find(string idOrName) =>
        WorkflowCatalog.Default.Find(idOrName)
        ?? throw new CliInputException($"unknown workflow '{idOrName}' (see 'tradeproof workflow list')");

    private static ReceivedPresentation Read(string path, CliConsole console, bool verify)
    {
        var bytes = CliInput.ReadAllBytes(path, console);
        if (!TraceablePresentation.TryParse(bytes, null, out var presentation, out var problems))
        {
            throw new CliInputException($"{CliInput.Describe(path)} is not a traceable presentation: {string.Join("; ", problems.Select(p => p.Detail ?? p.Title))}");
        }

        if (verify)
        {
            // Files are checked offline: no challenge was issued for them, and only did:key/did:jwk keys resolve.
            var verifier = new TraceablePresentationVerifier(new CredentialVerifier(new VerifierOptions { RequirePresentationChallenge = false }));
            var result = verifier.VerifyAsync(bytes).AsTask().GetAwaiter().GetResult();
            if (!result.Verified)
            {
                var first = result.Problems.Concat(result.Credentials.SelectMany(c => c.Problems)).First();
                throw new CliInputException($"{CliInput.Describe(path)} does not verify: {first.Title}{(first.Detail is null ? string.Empty : ": " + first.Detail)}");
            }
        }

        return presentation!.ToReceived(ProofCreated(presentation));
    }

    // When the presentation was made: its proof's 'created', when it has one.
    private static DateTimeOffset? ProofCreated(TraceablePresentation presentation)
    {
        var root = presentation.Presentation.Json;
        if (!root.TryGetProperty("proof", out var proof))
        {
            return null;
        }

        var first = proof.ValueKind == JsonValueKind.Array && proof.GetArrayLength() > 0 ? proof[0] : proof;
        return first.ValueKind == JsonValueKind.Object && first.TryGetProperty("created", out var created) && created.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(created.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }

    private static string SingleInstance(WorkflowDefinition definition, List<ReceivedPresentation> received)
    {
        var instances = received.Where(p => p.Definitions.Contains(definition.Id, StringComparer.Ordinal))
            .SelectMany(p => p.Instances).Distinct(StringComparer.Ordinal).ToList();
        return instances.Count switch
        {
            1 => instances[0],
            0 => throw new CliInputException($"no presentation names the workflow {definition.Id}"),
            _ => throw new CliInputException($"the presentations name several instances ({string.Join(", ", instances)}): choose one with --instance"),
        };
    }

    private static string DescribeStep(WorkflowStep step)
    {
        var names = string.Join(", ", step.Credentials.Select(c => c.TypeId is null ? c.Label : $"{c.Label} [{CredentialTypeIris.TermOf(c.TypeId)}]"));
        return step.Kind switch
        {
            WorkflowStepKind.Issue when step.From == step.To => $"{step.Number}. {step.From.Name} issues {names}",
            WorkflowStepKind.Issue => $"{step.Number}. {step.From.Name} issues to {step.To.Name}: {names}",
            WorkflowStepKind.Present => $"{step.Number}. {step.From.Name} presents to {step.To.Name}: {names}",
            _ => $"{step.Number}. {step.From.Name} -> {step.To.Name}: {step.Text}",
        };
    }

    private static void WriteProgressText(TextWriter output, WorkflowProgress progress)
    {
        output.WriteLine($"workflow: {progress.Workflow.ShortName} ({progress.Workflow.Title})");
        output.WriteLine($"instance: {progress.Instance}");
        if (progress.Receiver is not null)
        {
            output.WriteLine($"receiver: {progress.Receiver.Name}");
        }

        var presentTypes = progress.Required.Count - progress.Missing.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"status: {(progress.IsComplete ? "complete" : "incomplete")} ({presentTypes} of {progress.Required.Count} required credential types present)"));
        output.WriteLine("present:");
        foreach (var sighting in progress.Present)
        {
            var at = sighting.ReceivedAt is { } time ? " at " + time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : string.Empty;
            output.WriteLine($"  {CredentialTypeIris.TermOf(sighting.TypeId)}  {sighting.CredentialId ?? "(no id)"} issued by {sighting.Issuer ?? "(unknown)"}, presented by {sighting.Holder ?? "(unknown)"} in {sighting.PresentationId}{at}");
        }

        output.WriteLine("missing:");
        foreach (var missing in progress.Missing)
        {
            output.WriteLine($"  {missing.Term}  ({missing.Name})");
        }

        output.WriteLine(progress.Next is { } next ? "next: " + DescribeStep(next) : "next: (every step is done)");
        foreach (var ignored in progress.Ignored)
        {
            output.WriteLine($"ignored: {ignored.PresentationId} ({Describe(ignored.Reason)})");
        }

        foreach (var unexpected in progress.Unexpected)
        {
            output.WriteLine($"unexpected: {unexpected.CredentialId ?? "(no id)"} of type {string.Join(", ", unexpected.Types)} in {unexpected.PresentationId}");
        }
    }

    private static string Describe(IgnoredReason reason) => reason switch
    {
        IgnoredReason.OtherWorkflow => "another workflow",
        IgnoredReason.OtherInstance => "another instance",
        _ => "replaced",
    };

    private static void WriteJson(CliConsole console, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOutput))
        {
            write(writer);
        }

        console.Output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteSummary(Utf8JsonWriter writer, WorkflowDefinition definition)
    {
        writer.WriteString("id", definition.Id);
        writer.WriteString("name", definition.ShortName);
        writer.WriteString("title", definition.Title);
        WriteStrings(writer, "tags", definition.Tags);
        writer.WriteStartArray("parties");
        foreach (var party in definition.Parties)
        {
            writer.WriteStartObject();
            writer.WriteString("alias", party.Alias);
            writer.WriteString("name", party.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("credentials");
        foreach (var credential in definition.RequiredCredentials)
        {
            WriteCredentialType(writer, credential);
        }

        writer.WriteEndArray();
    }

    private static void WriteDefinition(Utf8JsonWriter writer, WorkflowDefinition definition)
    {
        writer.WriteStartObject();
        WriteSummary(writer, definition);
        writer.WriteString("description", definition.Description);
        writer.WriteStartArray("steps");
        foreach (var step in definition.Steps)
        {
            WriteStep(writer, step);
        }

        writer.WriteEndArray();
        WriteStrings(writer, "notes", definition.Notes);
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, WorkflowStep step)
    {
        writer.WriteStartObject();
        writer.WriteNumber("number", step.Number);
        writer.WriteString("kind", step.Kind.ToString().ToLowerInvariant());
        writer.WriteString("from", step.From.Name);
        writer.WriteString("to", step.To.Name);
        writer.WriteString("text", step.Text);
        writer.WriteStartArray("credentials");
        foreach (var credential in step.Credentials)
        {
            writer.WriteStartObject();
            writer.WriteString("label", credential.Label);
            if (credential.TypeId is null)
            {
                writer.WriteNull("type");
            }
            else
            {
                writer.WriteString("type", credential.TypeId);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteProgress(Utf8JsonWriter writer, WorkflowProgress progress)
    {
        writer.WriteStartObject();
        writer.WriteString("workflow", progress.Workflow.Id);
        writer.WriteString("instance", progress.Instance);
        if (progress.Receiver is not null)
        {
            writer.WriteString("receiver", progress.Receiver.Name);
        }

        writer.WriteBoolean("complete", progress.IsComplete);
        writer.WriteStartArray("present");
        foreach (var sighting in progress.Present)
        {
            writer.WriteStartObject();
            writer.WriteString("type", sighting.TypeId);
            WriteOptional(writer, "credential", sighting.CredentialId);
            WriteOptional(writer, "issuer", sighting.Issuer);
            writer.WriteString("presentation", sighting.PresentationId);
            WriteOptional(writer, "holder", sighting.Holder);
            WriteOptional(writer, "at", sighting.ReceivedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("missing");
        foreach (var missing in progress.Missing)
        {
            WriteCredentialType(writer, missing);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("steps");
        foreach (var step in progress.Steps)
        {
            writer.WriteStartObject();
            writer.WriteNumber("number", step.Step.Number);
            writer.WriteBoolean("done", step.Done);
            WriteOptional(writer, "presentation", step.PresentationId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (progress.Next is { } next)
        {
            writer.WritePropertyName("next");
            WriteStep(writer, next);
        }
        else
        {
            writer.WriteNull("next");
        }

        writer.WriteStartArray("ignored");
        foreach (var ignored in progress.Ignored)
        {
            writer.WriteStartObject();
            writer.WriteString("presentation", ignored.PresentationId);
            writer.WriteString("reason", ignored.Reason switch
            {
                IgnoredReason.OtherWorkflow => "otherWorkflow",
                IgnoredReason.OtherInstance => "otherInstance",
                _ => "replaced",
            });
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartArray("unexpected");
        foreach (var unexpected in progress.Unexpected)
        {
            writer.WriteStartObject();
            WriteOptional(writer, "credential", unexpected.CredentialId);
            WriteStrings(writer, "types", unexpected.Types);
            writer.WriteString("presentation", unexpected.PresentationId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteCredentialType(Utf8JsonWriter writer, WorkflowCredentialType credential)
    {
        writer.WriteStartObject();
        writer.WriteString("type", credential.Id);
        writer.WriteString("name", credential.Name);
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
