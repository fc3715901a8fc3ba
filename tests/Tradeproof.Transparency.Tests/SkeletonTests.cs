namespace Tradeproof.Transparency.Tests;

public class SkeletonTests
{
    [Fact]
    public void Assembly_loads() => Assert.Equal("Tradeproof.Transparency", typeof(Tradeproof.Transparency.TransparencyLog).Assembly.GetName().Name);
}
