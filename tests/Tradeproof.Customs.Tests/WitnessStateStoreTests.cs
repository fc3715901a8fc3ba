using Tradeproof.Storage;

namespace Tradeproof.Customs.Tests;

/// <summary>
/// The witness push state of the store (migration 0005, <see cref="IWitnessStateStore"/>), on SQLite and on PostgreSQL
/// (the store tests' private cluster; CI=true fails without it): saved, replaced, read back after the store is opened
/// again (a restart), forgotten.
/// </summary>
public sealed class WitnessStateStoreTests
{
    private static FixedClock Clock => CustomsTestStores.Clock;

    [Theory]
    [MemberData(nameof(CustomsTestStores.Providers), MemberType = typeof(CustomsTestStores))]
    public async Task Push_state_survives_a_restart_and_is_replaced_and_forgotten(string provider)
    {
        var open = await CustomsTestStores.DatabaseAsync(provider, "witness");
        if (open is null)
        {
            return; // PostgreSQL missing outside CI: the reason is printed by the store tests
        }

        const string Mx = "did:web:customs.example.mx";
        const string Ca = "did:web:customs.example.ca";
        var retryAt = Clock.GetUtcNow().AddMinutes(4);
        await using (var store = await open())
        {
            Assert.Null(await store.Witnessing.GetAsync(Mx));
            Assert.Empty(await store.Witnessing.ListAsync());
            await store.Witnessing.SaveAsync(new WitnessPushRecord(Mx, null, 0, DateTimeOffset.MinValue, null, false));
            await store.Witnessing.SaveAsync(new WitnessPushRecord(Mx, 41, 0, DateTimeOffset.MinValue, null, false));
            await store.Witnessing.SaveAsync(new WitnessPushRecord(Ca, 40, 3, retryAt, "POST https://customs.example.ca/log/witness answered 503", true));

            // A unit of work sees and rolls back like any repository.
            await using var unit = await store.BeginAsync();
            await unit.Witnessing.SaveAsync(new WitnessPushRecord(Mx, 7, 9, retryAt, "rolled back", true));
            await unit.RollbackAsync();
        }

        await using (var store = await open())
        {
            var mx = await store.Witnessing.GetAsync(Mx);
            Assert.Equal(new WitnessPushRecord(Mx, 41, 0, DateTimeOffset.MinValue, null, false, Clock.GetUtcNow()), mx);
            var ca = await store.Witnessing.GetAsync(Ca);
            Assert.Equal((40L, 3, retryAt, true), (ca!.WitnessedSize!.Value, ca.Failures, ca.NextAttemptAt, ca.Refused));
            Assert.Contains("503", ca.LastError, StringComparison.Ordinal);
            Assert.Equal([Ca, Mx], (await store.Witnessing.ListAsync()).Select(s => s.Partner));

            // The witness's own answer is the truth, even a smaller size (a witness restored from a backup).
            await store.Witnessing.SaveAsync(ca with { WitnessedSize = 12, Failures = 0, LastError = null, Refused = false, NextAttemptAt = DateTimeOffset.MinValue });
            Assert.Equal(12, (await store.Witnessing.GetAsync(Ca))!.WitnessedSize);

            Assert.True(await store.Witnessing.DeleteAsync(Ca));
            Assert.False(await store.Witnessing.DeleteAsync(Ca));
            Assert.Null(await store.Witnessing.GetAsync(Ca));
            await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.Witnessing.SaveAsync(new WitnessPushRecord(Mx, -1, 0, DateTimeOffset.MinValue, null, false)));
            Assert.Equal(41, (await store.Witnessing.GetAsync(Mx))!.WitnessedSize);
        }
    }
}
