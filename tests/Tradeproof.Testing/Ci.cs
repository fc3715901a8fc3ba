namespace Tradeproof.Testing;

/// <summary>Whether the tests run under CI, where a missing prerequisite fails a test instead of skipping it.</summary>
public static class Ci
{
    /// <summary>True when <c>CI=true</c>.</summary>
    public static bool IsSet => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The skip reason for a test whose prerequisite is missing (<paramref name="unavailableReason"/>): none under CI.</summary>
    public static string? SkipReason(string? unavailableReason) => IsSet ? null : unavailableReason;
}
