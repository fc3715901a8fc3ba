namespace Tradeproof.Demo.Tests;

public class SkeletonTests
{
    [Fact]
    public void Assembly_loads() => Assert.Equal("Tradeproof.Demo", typeof(Tradeproof.Demo.DemoNetwork).Assembly.GetName().Name);
}
