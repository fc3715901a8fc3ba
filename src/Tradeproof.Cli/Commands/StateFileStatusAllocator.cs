using Tradeproof.Credentials.Issuance;
using Tradeproof.Credentials.StatusLists;
using Tradeproof.Cryptography;

namespace Tradeproof.Cli.Commands;

/// <summary>
/// Gives a credential being issued its <c>BitstringStatusListEntry</c>s from status list state files: per purpose,
/// under the file's lock, it reads the state, takes a random free index (uniform from <paramref name="random"/>, the
/// next free one after it when taken; Bitstring Status List §6.1), saves the state (atomically) and only then
/// returns the entry, so a failure after this point wastes an index but never reuses one. The entries are written
/// by <see cref="BitstringStatusListIssuer"/>.
/// </summary>
/// <param name="stateFiles">The state files, one per purpose.</param>
/// <param name="random">The randomness of the index choice; null for the system's.</param>
internal sealed class StateFileStatusAllocator(IReadOnlyList<string> stateFiles, IRandomSource? random = null) : ICredentialStatusAllocator
{
    private readonly RandomStatusIndexSource _indexes = new(random ?? SystemRandomSource.Instance);

    /// <summary>The index given for each purpose, in order.</summary>
    public List<(string Purpose, string Url, int Index)> Allocated { get; } = [];

    /// <summary>The purposes of the state files (each read once, unlocked, to choose).</summary>
    public static IReadOnlyList<string> PurposesOf(IReadOnlyList<string> stateFiles)
    {
        var purposes = stateFiles.Select(f => StatusListState.Read(f).Purpose).ToList();
        var duplicate = purposes.GroupBy(p => p, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? purposes : throw new CliInputException($"two --status-list files have the purpose {duplicate.Key}: give one list per purpose");
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CredentialStatusEntry>> AllocateAsync(CredentialStatusRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = new List<CredentialStatusEntry>();
        foreach (var purpose in request.StatusPurposes)
        {
            var path = stateFiles.FirstOrDefault(f => StatusListState.Read(f).Purpose == purpose)
                ?? throw new CliInputException($"no --status-list file has the purpose {purpose}");
            using (StatusListState.Lock(path))
            {
                var state = StatusListState.Read(path);
                if (!string.Equals(state.Issuer, request.Issuer, StringComparison.Ordinal))
                {
                    throw new CliInputException($"{path} is the status list of {state.Issuer}, but the credential's issuer is {request.Issuer}: a verifier accepts only the issuer's own list");
                }

                var slot = new Slot(state, path, _indexes);
                var issuer = new BitstringStatusListIssuer(
                    [new StatusListDefinition { Url = state.Url, Purpose = state.Purpose, Entries = state.Length }], slot, slot);
                var entry = await issuer.AllocateAsync(request with { StatusPurposes = [purpose] }, cancellationToken).ConfigureAwait(false);
                entries.AddRange(entry);
                Allocated.Add((purpose, state.Url, slot.Reserved));
            }
        }

        return entries;
    }

    // One state file as the library's store and index source: the index offered is a random free one, and
    // reserving it saves the state before the entry is handed out.
    private sealed class Slot(StatusListState state, string path, RandomStatusIndexSource indexes) : IStatusListStore, IStatusIndexSource
    {
        public int Reserved { get; private set; } = -1;

        public int Next(string listId, int entries) => state.FreeIndexAt(indexes.Next(listId, state.Length));

        public ValueTask<bool> TryReserveAsync(string listId, int index, string credentialId, CancellationToken cancellationToken = default)
        {
            if (!state.TryAllocate(index))
            {
                return ValueTask.FromResult(false);
            }

            Reserved = index;
            state.Write(path);
            return ValueTask.FromResult(true);
        }

        public ValueTask<int> ReservedCountAsync(string listId, CancellationToken cancellationToken = default) => ValueTask.FromResult(state.AllocatedCount);

        public ValueTask<StatusBitstring> LoadAsync(string listId, int entries, int statusSize, CancellationToken cancellationToken = default) => ValueTask.FromResult(state.Bits);

        public ValueTask SetAsync(string listId, int entries, int statusSize, int index, int value, CancellationToken cancellationToken = default)
        {
            _ = state.Set(index, value);
            return ValueTask.CompletedTask;
        }
    }
}
