namespace Tradeproof.Json;

/// <summary>The checks of <see cref="StrictJson"/>: the tokenizer's, then duplicate member names.</summary>
internal static class StrictJsonValidator
{
    public static void Validate(ReadOnlySpan<byte> utf8Json, StrictJsonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var workspace = JsonWorkspace.Rent();
        var limits = new JsonTokenizer.Limits(options.MaxDepth, options.MaxStringBytes, options.MaxElements, options.RequireIJsonNumbers, options.RequireIJsonNumbers);
        var count = JsonTokenizer.Tokenize(utf8Json, workspace, limits);
        var tokens = workspace.Tokens;
        var sorter = new MemberSorter(utf8Json, workspace.Side.AsSpan(0, workspace.SideLength), tokens);
        for (var i = 0; i < count; i++)
        {
            if (tokens[i].Kind != JsonTokenKind.Object || tokens[i].Length < 2)
            {
                continue;
            }

            var n = tokens[i].Length;
            var all = workspace.ScratchSpan(2 * n);
            var names = all[..n];
            var j = i + 1;
            for (var m = 0; m < n; m++)
            {
                names[m] = j;
                j = tokens[j + 1].Next;
            }

            var duplicate = sorter.Sort(names, all[n..]);
            if (duplicate >= 0)
            {
                throw JsonTokenizer.DuplicateName(utf8Json, workspace, i, names[duplicate - 1], names[duplicate]);
            }
        }

        JsonWorkspace.Return(workspace);
    }
}
