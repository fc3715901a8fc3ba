namespace Tradeproof.Customs.Tests;

public class SkeletonTests
{
    [Fact]
    public void Assembly_loads() => Assert.Equal("Tradeproof.Customs", typeof(Tradeproof.Customs.CustomsNode).Assembly.GetName().Name);
}
