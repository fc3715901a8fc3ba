using System.Net;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// <c>GET /organizations/{id}/customs/messages</c> pages the outbox newest first: <c>?limit=</c> (1-200) and
/// <c>?before=</c> the previous page's <c>next</c> (a message's <c>sequence</c>), <c>next</c> null on the last page; a
/// state filter pages the same way; a bad limit or cursor is a 400 problem.
/// </summary>
public sealed class CustomsOutboxListingTests
{
    [Fact]
    public async Task The_outbox_is_paged_newest_first_until_next_is_null()
    {
        await using var node = await NodeTestHost.StartAsync();
        var token = await node.TenantWithTokenAsync("cbp", Scopes.ReadCustoms);
        var later = node.Services.Time.GetUtcNow().AddDays(1); // not due: the delivery service leaves them
        var ids = Enumerable.Range(0, 5).Select(i => $"urn:uuid:5f0c3a52-8d3e-4a8c-9c61-00000000000{i}").ToList();
        foreach (var id in ids)
        {
            Assert.True(await node.Services.Store.Customs.EnqueueAsync("cbp", new OutboxMessageRecord(id, "g2g", "did:example:anam", null, null, "[]"u8.ToArray(), NextAttemptAt: later)));
        }

        Assert.True(await node.Services.Store.Customs.MarkAttemptFailedAsync("cbp", ids[1], "refused", null));

        var seen = new List<string>();
        var path = "/organizations/cbp/customs/messages?limit=2";
        var pages = 0;
        while (true)
        {
            var (response, body) = await node.SendAsync(HttpMethod.Get, path, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = body.GetProperty("messages").EnumerateArray().ToList();
            Assert.InRange(page.Count, 1, 2);
            seen.AddRange(page.Select(m => m.GetProperty("id").GetString()!));
            pages++;
            var next = body.GetProperty("next");
            if (next.ValueKind == System.Text.Json.JsonValueKind.Null)
            {
                break;
            }

            Assert.Equal(page[^1].GetProperty("sequence").GetInt64(), next.GetInt64());
            path = "/organizations/cbp/customs/messages?limit=2&before=" + next.GetInt64();
        }

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Reverse(ids), seen);

        // An exactly full last page: next is null, not a cursor to an empty page.
        var (_, failed) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/messages?state=failed&limit=1", token);
        Assert.Equal(ids[1], Assert.Single(failed.GetProperty("messages").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, failed.GetProperty("next").ValueKind);

        foreach (var bad in new[] { "limit=0", "limit=201", "before=abc", "before=0", "limit=1&limit=2" })
        {
            var (response, problem) = await node.SendAsync(HttpMethod.Get, "/organizations/cbp/customs/messages?" + bad, token);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(bad[..bad.IndexOf('=', StringComparison.Ordinal)], problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
