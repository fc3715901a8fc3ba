namespace Tradeproof.Demo;

/// <summary>How one scenario went.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Title">What it shows.</param>
/// <param name="Met">Expectations met (including failure twins rejected).</param>
/// <param name="Missed">Expectations not met.</param>
/// <param name="Elapsed">How long it ran.</param>
/// <param name="Error">Why it stopped early, or null.</param>
public sealed record ScenarioOutcome(string Name, string Title, int Met, int Missed, TimeSpan Elapsed, string? Error)
{
    /// <summary>True when it ran to the end and behaved as expected.</summary>
    public bool Passed => Error is null && Missed == 0 && Met > 0;
}

/// <summary>How the demo went.</summary>
/// <param name="Scenarios">Each scenario's outcome, in the order run.</param>
/// <param name="StartUp">How long starting the network took.</param>
/// <param name="Elapsed">How long the whole run took (start-up included).</param>
public sealed record DemoReport(IReadOnlyList<ScenarioOutcome> Scenarios, TimeSpan StartUp, TimeSpan Elapsed)
{
    /// <summary>True when every scenario behaved as expected (failure twins rejected included).</summary>
    public bool AllPassed => Scenarios.Count > 0 && Scenarios.All(s => s.Passed);
}

/// <summary>Selects and runs the scenarios on a started network.</summary>
public static class DemoRunner
{
    /// <summary>The scenarios named (empty or <c>all</c>: every one).</summary>
    /// <exception cref="DemoException">An unknown name (the message lists the known ones).</exception>
    public static IReadOnlyList<DemoScenario> Select(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0 || names.Any(n => string.Equals(n, DemoNetwork.AllScenarios, StringComparison.OrdinalIgnoreCase)))
        {
            return DemoScenario.All;
        }

        var selected = new List<DemoScenario>();
        foreach (var name in names)
        {
            var scenario = DemoScenario.All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new DemoException($"There is no scenario '{name}'; use one of {string.Join(", ", DemoScenario.All.Select(s => s.Name))} or {DemoNetwork.AllScenarios}.");
            if (!selected.Contains(scenario))
            {
                selected.Add(scenario);
            }
        }

        return selected;
    }

    /// <summary>Starts the network, runs the scenarios, and returns the network (still running) with the report.</summary>
    /// <exception cref="DemoException">The network cannot start (port in use, data folder) or a scenario name is unknown.</exception>
    public static async Task<(DemoNetwork Network, DemoReport Report)> StartAndRunAsync(DemoOptions options, Action<DemoStep> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenarios = Select(options.Scenarios);
        var start = options.Time.GetTimestamp();
        var network = await DemoNetwork.StartAsync(options, report, cancellationToken).ConfigureAwait(false);
        try
        {
            var startUp = options.Time.GetElapsedTime(start);
            var outcomes = await RunAsync(network, scenarios, report, cancellationToken).ConfigureAwait(false);
            return (network, new DemoReport(outcomes, startUp, options.Time.GetElapsedTime(start)));
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // The transparency logs of the authorities' nodes: a fresh signed checkpoint (or the latest) (C2SP tlog-checkpoint: origin,
    // tree size, root hash), recording every credential, presentation and twin event they stored. Reported only where
    // the node serves one.
    private static async Task ReportLogAsync(DemoNetwork network, DemoHttp http, Action<DemoStep> report, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { "cbp", "fda", "doe", "mx-customs" })
        {
            var node = network.Node(name);
            var note = await http.SignCheckpointAsync(node.Parties[0], cancellationToken).ConfigureAwait(false)
                ?? await http.GetTextAsync(node, "/log/checkpoint", cancellationToken).ConfigureAwait(false);
            var lines = note?.Split('\n') ?? [];
            if (lines.Length < 3)
            {
                continue;
            }

            report(new DemoStep("", DemoStepKind.Log, node.Description, $"transparency log checkpoint: origin {lines[0]}, {lines[1]} entries, root {lines[2]} (signed note at {node.BaseUrl}/log/checkpoint)", new Dictionary<string, object?>
            {
                ["node"] = name,
                ["origin"] = lines[0],
                ["size"] = lines[1],
                ["root"] = lines[2],
            }));
        }

        // The customs authorities' checkpoints, each pushed to the other and co-signed (both signatures verified).
        foreach (var (name, witnessName) in DemoWitnessing.Pairs)
        {
            var node = network.Node(name);
            var witness = network.Node(witnessName);
            var size = long.Parse((await http.GetTextAsync(node, "/log/checkpoint", cancellationToken).ConfigureAwait(false) ?? "\n0").Split('\n')[1], System.Globalization.CultureInfo.InvariantCulture);
            var (cosigner, note) = await DemoWitnessing.CosignedAsync(http, network.Options.Time, node, witness, size, cancellationToken).ConfigureAwait(false);
            var cosignature = note?.Split('\n').FirstOrDefault(l => cosigner is not null && l.StartsWith("\u2014 " + cosigner + " ", StringComparison.Ordinal));
            report(new DemoStep("", DemoStepKind.Log, node.Description, cosigner is null
                ? $"transparency log checkpoint of {size} entries: no cosignature from {witness.Description}'s node yet"
                : $"transparency log checkpoint of {size} entries co-signed by {witness.Description}'s node (witness {cosigner}; both signatures verified with the nodes' DID document keys): {cosignature}", new Dictionary<string, object?>
            {
                ["node"] = name,
                ["size"] = size,
                ["witness"] = witnessName,
                ["cosignedBy"] = cosigner,
                ["cosignature"] = cosignature,
            }));
        }
    }

    /// <summary>Runs the scenarios one after the other; a scenario that throws is recorded with its error and the next runs.</summary>
    public static async Task<IReadOnlyList<ScenarioOutcome>> RunAsync(DemoNetwork network, IReadOnlyList<DemoScenario> scenarios, Action<DemoStep> report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(report);
        using var http = new DemoHttp(network.Options);
        await network.CustomsSetUpAsync(http, report, cancellationToken).ConfigureAwait(false);
        var outcomes = new List<ScenarioOutcome>();
        foreach (var scenario in scenarios)
        {
            var context = new DemoContext(scenario.Name, network, http, report);
            report(new DemoStep(scenario.Name, DemoStepKind.Note, null, scenario.Title) { });
            var start = network.Options.Time.GetTimestamp();
            string? error = null;
            try
            {
                await scenario.RunAsync(context, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A scenario that fails for any reason is recorded as failed and the next one runs.
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                error = e.GetType().Name + ": " + e.Message.ReplaceLineEndings(" ");
                report(new DemoStep(scenario.Name, DemoStepKind.Expectation, null, "the scenario runs to its end: " + error) { Met = false });
            }

            outcomes.Add(new ScenarioOutcome(scenario.Name, scenario.Title, context.Met, context.Missed, network.Options.Time.GetElapsedTime(start), error));
        }

        await ReportLogAsync(network, http, report, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }
}
