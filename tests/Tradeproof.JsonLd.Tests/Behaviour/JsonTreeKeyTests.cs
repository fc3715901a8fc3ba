using System.Text;
using Tradeproof.JsonLd.Json;

namespace Tradeproof.JsonLd.Tests.Behaviour;

/// <summary>
/// Member names read before are reused by the tree parser: names that share a slot, escaped names, long names and
/// names seen in an earlier parse all come out as written.
/// </summary>
public sealed class JsonTreeKeyTests
{
    [Fact]
    public void Repeated_colliding_escaped_and_long_member_names_are_read_as_written()
    {
        var longName = new string('k', 60);
        var json = "{\"aa\":{\"aa\":1,\"ab\":2,\"ba\":3},\"ab\":[{\"aa\":4,\"\\u0061b\":5}],\"" + longName + "\":{\"" + longName + "\":6},\"é\":{\"é\":7}}";
        for (var round = 0; round < 3; round++)
        {
            var tree = (Dictionary<string, object?>)JsonTree.Parse(Encoding.UTF8.GetBytes(json))!;
            Assert.Equal(["aa", "ab", longName, "é"], tree.Keys);
            var inner = (Dictionary<string, object?>)tree["aa"]!;
            Assert.Equal(["aa", "ab", "ba"], inner.Keys);
            Assert.Equal([1d, 2d, 3d], inner.Values.Cast<double>());
            var item = (Dictionary<string, object?>)((List<object?>)tree["ab"]!)[0]!;
            Assert.Equal(["aa", "ab"], item.Keys);
            Assert.Equal(6d, ((Dictionary<string, object?>)tree[longName]!)[longName]);
            Assert.Equal(7d, ((Dictionary<string, object?>)tree["é"]!)["é"]);
        }

        // Names that share a slot ("eZ" and "aa" do): each its own, whichever was read last.
        var other = (Dictionary<string, object?>)JsonTree.Parse("{\"eZ\":1,\"aa\":2,\"x\":{\"eZ\":3,\"aa\":4}}"u8)!;
        Assert.Equal(["eZ", "aa", "x"], other.Keys);
        Assert.Equal(["eZ", "aa"], ((Dictionary<string, object?>)other["x"]!).Keys);
    }
}
