using Microsoft.Extensions.Logging.Abstractions;
using Tradeproof.Node.Customs;
using Tradeproof.Storage;

namespace Tradeproof.Node.Tests;

/// <summary>
/// What the outbox gives up for the message's own fault, and what it does not: content that does not make a traceable
/// presentation (the builder's <c>PresentationContentException</c>) is given up after one attempt; any other exception
/// on the way (here an <see cref="ArgumentException"/> from the HTTP stack, standing for a bug elsewhere) is not
/// turned into a given-up message: it escapes the delivery (the pass fails, logged) and the message stays as it was.
/// </summary>
public sealed class CustomsDeliveryFaultTests
{
    private const string BugId = "urn:uuid:5b1f0c2e-8d3a-4e6f-9a7b-1c2d3e4f5a61";
    private const string NotAnArrayId = "urn:uuid:5b1f0c2e-8d3a-4e6f-9a7b-1c2d3e4f5a62";

    [Fact]
    public async Task Only_the_builders_error_gives_a_message_up_and_a_bug_elsewhere_leaves_it_pending()
    {
        await using var node = await LoopbackNode.StartAsync();
        await node.Administration.AddTenantAsync("cbp", "CBP", publicVerification: false);
        await node.Administration.AddTenantAsync("broker", "Broker", publicVerification: true);
        var customs = new CustomsServices(node.Services);

        // Due in a day: the node's own delivery service leaves these alone; the test delivers them one by one.
        var later = node.Services.Time.GetUtcNow().AddDays(1);
        async Task<OutboxMessageRecord> QueueAsync(string id, byte[] content)
        {
            var record = new OutboxMessageRecord(id, CustomsIntakeHandler.ProvisionalMessageKind, node.Services.Identity.TenantDid("broker"), null, "may-proceed", content, NextAttemptAt: later);
            Assert.True(await node.Services.Store.Customs.EnqueueAsync("cbp", record));
            return record;
        }

        var bugged = await QueueAsync(BugId, "[]"u8.ToArray());
        using (var failing = new CustomsDelivery(customs, NullLogger.Instance, null, new ThrowingHandler(new ArgumentException("a bug in the HTTP stack"))))
        {
            var bug = await Assert.ThrowsAsync<ArgumentException>(() => failing.DeliverOneAsync(new DueOutboxMessage("cbp", bugged), CancellationToken.None));
            Assert.Contains("a bug in the HTTP stack", bug.Message, StringComparison.Ordinal);
        }

        var kept = (await node.Services.Store.Customs.GetMessageAsync("cbp", BugId))!;
        Assert.Equal(OutboxStates.Pending, kept.State);
        Assert.Equal(0, kept.Attempts);
        Assert.Null(kept.LastError);

        // Content that is not an array of credentials: the message's own fault, given up after that one attempt (the
        // recipient, this node's broker, gave a challenge; nothing was posted).
        var notAnArray = await QueueAsync(NotAnArrayId, "{\"not\":\"an array\"}"u8.ToArray());
        using (var delivery = new CustomsDelivery(customs, NullLogger.Instance))
        {
            var (sent, marked) = await delivery.DeliverOneAsync(new DueOutboxMessage("cbp", notAnArray), CancellationToken.None);
            Assert.False(sent);
            Assert.False(marked);
        }

        var givenUp = (await node.Services.Store.Customs.GetMessageAsync("cbp", NotAnArrayId))!;
        Assert.Equal(OutboxStates.Failed, givenUp.State);
        Assert.Equal(1, givenUp.Attempts);
        Assert.StartsWith("Not sent, given up: the message does not make a valid traceable presentation: The message's content is not a JSON array", givenUp.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bug_in_one_recipients_delivery_does_not_fail_the_pass_and_leaves_the_message_pending()
    {
        await using var node = await LoopbackNode.StartAsync();
        await node.Administration.AddTenantAsync("cbp", "CBP", publicVerification: false);
        await node.Administration.AddTenantAsync("broker", "Broker", publicVerification: true);
        var customs = new CustomsServices(node.Services);
        var record = new OutboxMessageRecord(PassId, CustomsIntakeHandler.ProvisionalMessageKind, node.Services.Identity.TenantDid("broker"), null, "may-proceed", "[]"u8.ToArray(),
            NextAttemptAt: node.Services.Time.GetUtcNow().AddSeconds(-1));
        Assert.True(await node.Services.Store.Customs.EnqueueAsync("cbp", record));

        // The pass runs each recipient's queue on its own: the bug is logged there, the pass itself completes (before,
        // the exception escaped Parallel.ForEachAsync and cancelled every other recipient's deliveries).
        var handler = new ThrowingHandler(new ArgumentException("a bug in the HTTP stack"));
        using (var failing = new CustomsDelivery(customs, NullLogger.Instance, null, handler))
        {
            Assert.Equal(0, await failing.RunOnceAsync(CancellationToken.None));
        }

        Assert.True(handler.Calls > 0);

        var kept = (await node.Services.Store.Customs.GetMessageAsync("cbp", PassId))!;
        Assert.Equal(OutboxStates.Pending, kept.State);
        Assert.Equal(0, kept.Attempts);
    }

    private const string PassId = "urn:uuid:5b1f0c2e-8d3a-4e6f-9a7b-1c2d3e4f5a63";

    private sealed class ThrowingHandler(Exception exception) : HttpMessageHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _ = Interlocked.Increment(ref _calls);
            throw exception;
        }
    }
}
