namespace Tradeproof.Demo;

/// <summary>What kind of thing a step of the transcript reports.</summary>
public enum DemoStepKind
{
    /// <summary>The network: a node started, a tenant or client created.</summary>
    Network,

    /// <summary>A credential issued by a party's node (VC-API).</summary>
    Issued,

    /// <summary>A traceable presentation sent to another party's node.</summary>
    Presented,

    /// <summary>A verification outcome with its checks.</summary>
    Verified,

    /// <summary>Admissibility rule outcomes.</summary>
    Rules,

    /// <summary>A digital twin after the new credentials.</summary>
    Twin,

    /// <summary>A customs or agency answer (provisional message, agency status, export/import match).</summary>
    Customs,

    /// <summary>A transparency log checkpoint or proof.</summary>
    Log,

    /// <summary>An expectation of the scenario, met or not.</summary>
    Expectation,

    /// <summary>Anything else worth saying.</summary>
    Note,
}

/// <summary>One line of the transcript: a scenario's step as it happens.</summary>
/// <param name="Scenario">The scenario's name (empty for the network).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who did it (a party's name), or null.</param>
/// <param name="Text">One readable sentence.</param>
/// <param name="Details">Machine-readable details (ids, DIDs, outcomes), or null.</param>
public sealed record DemoStep(string Scenario, DemoStepKind Kind, string? Actor, string Text, IReadOnlyDictionary<string, object?>? Details = null)
{
    /// <summary>For <see cref="DemoStepKind.Expectation"/>: whether it was met.</summary>
    public bool? Met { get; init; }
}
