using Xunit.Abstractions;
using Xunit.Sdk;

namespace Tradeproof.Storage.Tests.Support;

/// <summary>Marks a test class that needs the private PostgreSQL cluster.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresPostgresAttribute : Attribute;

/// <summary>
/// A contract fact: it runs on every implementation. On a class marked <see cref="RequiresPostgresAttribute"/> it is
/// skipped with the reason when PostgreSQL is missing, except when <c>CI=true</c>, where it runs and fails.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("Tradeproof.Storage.Tests.Support.StoreFactDiscoverer", "Tradeproof.Storage.Tests")]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="StoreFactAttribute"/> tests with the class-dependent skip.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        yield return new StoreTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod);
    }
}

/// <summary>A test case whose skip reason depends on the class's database being available.</summary>
public sealed class StoreTestCase : XunitTestCase
{
    /// <summary>For the deserializer.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public StoreTestCase()
    {
    }

    /// <summary>Creates the test case.</summary>
    public StoreTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method)
        : base(sink, display, options, method)
    {
    }

    /// <inheritdoc />
    protected override string GetSkipReason(IAttributeInfo factAttribute)
    {
        var needsPostgres = TestMethod.TestClass.Class.GetCustomAttributes(typeof(RequiresPostgresAttribute).AssemblyQualifiedName).Any();
        if (needsPostgres && PostgresCluster.SkipReason is { } reason)
        {
            return reason;
        }

        return base.GetSkipReason(factAttribute);
    }
}
