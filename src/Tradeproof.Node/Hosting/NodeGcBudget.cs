using System.Globalization;
using System.Runtime;

namespace Tradeproof.Node;

/// <summary>
/// The GC's generation-0 budget of a node process (issue #7, submission throughput). A node allocates ~730 KiB per
/// fresh submission; with the workstation GC's default budget much of what is in flight survives each gen0 collection
/// and is collected again in gen1. A 64 MiB budget measured ~11 gen0, ~0.3 gen1 and 0 gen2 collections per 1,000
/// submissions against ~80/~50/~12 (docs/operations.md, "GC settings for throughput"). The GC reads <c>GCgen0size</c>
/// only from the environment (gcconfig.h gives it no runtimeconfig.json name), so a node gets it there:
/// <c>tradeproof serve</c> re-executes itself with it, <c>demo --processes</c> starts its nodes with it. An operator
/// who sets either variable (any value; <c>0</c> is the runtime's own budget) keeps that choice.
/// </summary>
public static class NodeGcBudget
{
    /// <summary>The variable the GC reads (CLRConfig: <c>DOTNET_</c> before <c>COMPlus_</c>).</summary>
    public const string Variable = "DOTNET_GCgen0size";

    /// <summary>The older name the GC still reads.</summary>
    public const string LegacyVariable = "COMPlus_GCgen0size";

    /// <summary>The default budget: 64 MiB, in the hexadecimal the runtime parses (32 and 128 MiB measured worse).</summary>
    public const string DefaultValue = "0x4000000";

    /// <summary>Whether the operator chose a budget: either variable is set, to any value.</summary>
    /// <param name="environment">Looks a variable up; null when unset.</param>
    public static bool IsChosen(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment(Variable) is not null || environment(LegacyVariable) is not null;
    }

    /// <summary>Adds <see cref="Variable"/>=<see cref="DefaultValue"/> to a child process's environment unless the operator chose a budget.</summary>
    public static void AddDefault(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!IsChosen(name => environment.TryGetValue(name, out var value) ? value : null))
        {
            environment[Variable] = DefaultValue;
        }
    }

    /// <summary>This process's GC mode and gen0 budget, for the node's start-up lines.</summary>
    public static string DescribeCurrent() =>
        Describe(GCSettings.IsServerGC, Environment.GetEnvironmentVariable);

    /// <summary>
    /// The GC mode and gen0 budget, e.g. <c>workstation GC, gen0 budget 64 MiB (DOTNET_GCgen0size=0x4000000)</c>.
    /// The runtime reads the value as hexadecimal (an optional <c>0x</c>); <c>0</c> or no variable is its default budget.
    /// </summary>
    public static string Describe(bool serverGc, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var mode = serverGc ? "server GC" : "workstation GC";
        var name = environment(Variable) is not null ? Variable : environment(LegacyVariable) is not null ? LegacyVariable : null;
        if (name is null)
        {
            return $"{mode}, the runtime's default gen0 budget ({Variable} not set)";
        }

        var value = environment(name)!;
        if (Bytes(value) is not { } bytes)
        {
            return $"{mode}, gen0 budget {name}={value} (not hexadecimal)";
        }

        return bytes == 0
            ? $"{mode}, the runtime's default gen0 budget ({name}={value})"
            : string.Create(CultureInfo.InvariantCulture, $"{mode}, gen0 budget {Size(bytes)} ({name}={value})");
    }

    /// <summary>A budget's value in bytes as the runtime reads it: hexadecimal, an optional <c>0x</c>; null when it is not.</summary>
    public static ulong? Bytes(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hex = value.Trim();
        hex = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;
        return ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var bytes) ? bytes : null;
    }

    private static string Size(ulong bytes) => bytes % (1024 * 1024) == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024 * 1024)} MiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes");
}
