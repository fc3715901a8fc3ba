using Tradeproof.Cryptography;

namespace Tradeproof.Demo;

/// <summary>What <c>tradeproof demo</c> runs and where.</summary>
public sealed record DemoOptions
{
    /// <summary>The folder holding one sub-folder (SQLite store, operator key) per node; null: a fresh temporary folder.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The first loopback port (nodes take consecutive ports); null: free ports picked by the system.</summary>
    public int? PortBase { get; init; }

    /// <summary>The scenarios to run by name (<see cref="DemoNetwork.AllScenarios"/> or empty: every one).</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>
    /// How to run the <c>tradeproof</c> command (e.g. <c>["dotnet", "/path/tradeproof.dll"]</c>): when set, each node is
    /// a <c>tradeproof serve</c> child process with its own store and configuration file, set up by the demo before it
    /// starts and stopped with the network (<c>tradeproof demo --processes</c>); null: every node runs in the demo's
    /// process.
    /// </summary>
    public IReadOnlyList<string>? NodeProcessCommand { get; init; }

    /// <summary>The clock of the nodes and the demo (child processes keep the system clock).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The random source of the nodes and the demo (keys, ids, secrets).</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;
}
