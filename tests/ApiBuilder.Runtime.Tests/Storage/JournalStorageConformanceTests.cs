using ApiBuilder.Runtime.Storage;

namespace ApiBuilder.Runtime.Tests.Storage;

/// <summary>The storage contract against a storage written by a user against the public interface only.</summary>
public sealed class JournalStorageConformanceTests : StorageConformanceTests
{
    private const int Keep = 20;

    protected override int UpdatesBeyondHistory => Keep + 10;

    private protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(new JournalStorage(Keep));

    // The journal forgets on its own: UpdatesBeyondHistory already pushed the revision out of it.
    private protected override Task CompactAsync(IStorage storage, long revision) => Task.CompletedTask;
}
