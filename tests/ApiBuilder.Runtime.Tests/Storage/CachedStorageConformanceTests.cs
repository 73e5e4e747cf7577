using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Cache;
using ApiBuilder.Runtime.Storage.Memory;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>The watch cache in front of a backend obeys the same contract (its watches come from memory).</summary>
public sealed class CachedStorageConformanceTests : StorageConformanceTests
{
    private const int History = 20;

    protected override int UpdatesBeyondHistory => History + 10;

    private protected override Task<IStorage> CreateStorageAsync() =>
        Task.FromResult<IStorage>(new CachedStorage(new MemoryStorage(historyCapacity: History), new CachedStorageOptions { HistoryCapacity = History }));

    /// <summary>
    /// The cache's compaction is its history window, which moves as the cache applies the
    /// backend's events: wait until it has applied them up to the revision.
    /// </summary>
    private protected override async Task CompactAsync(IStorage storage, long revision) =>
        await ((CachedStorage)storage).ListCachedAsync("", new StorageListRequest(), revision + 2, default);
}
