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

    /// <summary>The clock of the nodes and the demo.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The random source of the nodes and the demo (keys, ids, secrets).</summary>
    public IRandomSource Random { get; init; } = SystemRandomSource.Instance;
}
