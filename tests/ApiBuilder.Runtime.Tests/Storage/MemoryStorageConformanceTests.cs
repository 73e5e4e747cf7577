using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Memory;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class MemoryStorageConformanceTests : StorageConformanceTests
{
    private const int History = 20;

    protected override int UpdatesBeyondHistory => History + 10;

    private protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(new MemoryStorage(historyCapacity: History));

    // The memory backend compacts by keeping a bounded history: UpdatesBeyondHistory already pushed the start out.
    private protected override Task CompactAsync(IStorage storage, long revision) => Task.CompletedTask;
}
