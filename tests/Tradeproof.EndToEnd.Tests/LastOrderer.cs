using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tradeproof.EndToEnd.Tests;

/// <summary>Marks the test that stops the shared network: it runs after the others of its class.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunsLastAttribute : Attribute;

/// <summary>Orders a class's tests by name, with those marked <see cref="RunsLastAttribute"/> at the end.</summary>
public sealed class LastOrderer : ITestCaseOrderer
{
    public const string Name = "Tradeproof.EndToEnd.Tests.LastOrderer";

    public const string Assembly = "Tradeproof.EndToEnd.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases
            .OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(RunsLastAttribute).AssemblyQualifiedName).Any() ? 1 : 0)
            .ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
