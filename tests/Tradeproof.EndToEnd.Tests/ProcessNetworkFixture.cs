using System.Diagnostics;

namespace Tradeproof.EndToEnd.Tests;

/// <summary>
/// The demo network as real OS processes, started once for the collection: one <c>tradeproof serve</c> child process
/// per node (producers, carriers, broker, CBP, FDA, DOE, the Mexican customs authority), each with its own SQLite store
/// and port, set up and driven over loopback HTTP by <see cref="DemoNetwork"/> (<see cref="DemoOptions.NodeProcessCommand"/>).
/// Every scenario runs once; the tests then check what a customs officer would check.
/// </summary>
public sealed class ProcessNetworkFixture : IAsyncLifetime
{
    private DemoNetwork? _network;
    private bool _stopped;

    /// <summary>The network's data folder (one sub-folder per node), kept until the fixture is disposed.</summary>
    public string Data { get; } = Directory.CreateTempSubdirectory("tradeproof-e2e-").FullName;

    public DemoNetwork Network => _network ?? throw new InvalidOperationException("The network is not started.");

    /// <summary>The transcript of every scenario.</summary>
    public List<DemoStep> Steps { get; } = [];

    public IReadOnlyList<ScenarioOutcome> Outcomes { get; private set; } = [];

    /// <summary>The child processes' ids, by node name.</summary>
    public Dictionary<string, int> ProcessIds { get; } = [];

    public DemoHttp Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new DemoOptions { DataDirectory = Data, NodeProcessCommand = ["dotnet", TradeproofProcess.Dll] };
        _network = await DemoNetwork.StartAsync(options, Steps.Add);
        foreach (var node in _network.Nodes)
        {
            ProcessIds[node.Name] = node.ProcessId ?? throw new InvalidOperationException($"{node.Name} is not a child process.");
        }

        Http = new DemoHttp(options);
        Outcomes = await DemoRunner.RunAsync(_network, DemoScenario.All, Steps.Add);

        // Provisional messages, referrals and agency answers are delivered by the nodes' outboxes after the filings'
        // answers: wait (bounded) until none of CBP's, FDA's and DOE's is pending.
        foreach (var tenant in new[] { "cbp", "fda", "doe" })
        {
            await EventuallyAsync(async () =>
            {
                var messages = await Http.GetAsync(_network.Party(tenant), "/customs/messages");
                return messages is { } m && m.GetProperty("messages").EnumerateArray().All(x => x.GetProperty("state").GetString() != "pending");
            }, TimeSpan.FromSeconds(90));
        }
    }

    /// <summary>Stops every node (standard input closed, killed after a grace period); idempotent.</summary>
    public async Task StopAsync()
    {
        if (!_stopped && _network is not null)
        {
            _stopped = true;
            await _network.DisposeAsync();
        }
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        Http?.Dispose();
        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind.
        }
    }

    /// <summary>Steps of one scenario.</summary>
    public List<DemoStep> Of(string scenario) => [.. Steps.Where(s => s.Scenario == scenario)];

    /// <summary>Polls <paramref name="condition"/> until true or the time is up (then false).</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }

    /// <summary>True while a process with this id exists (and is not a zombie).</summary>
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            return text[(text.LastIndexOf(')') + 2)..][0] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>A string detail of a step.</summary>
    public static string? Text(DemoStep step, string key) => step.Details is { } d && d.TryGetValue(key, out var v) ? v as string : null;
}

[CollectionDefinition(Name)]
public sealed class ProcessNetworkCollection : ICollectionFixture<ProcessNetworkFixture>
{
    public const string Name = "process network";
}
