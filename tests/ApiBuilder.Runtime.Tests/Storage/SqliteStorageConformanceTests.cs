using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Sqlite;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class SqliteStorageConformanceTests : StorageConformanceTests, IDisposable
{
    private readonly TempDirectory directory = new("sqlite-conformance");

    private protected override Task<IStorage> CreateStorageAsync() =>
        Task.FromResult<IStorage>(SqliteStorage.Open(new SqliteStorageOptions { Path = Path.Combine(directory.Path, "storage.db") }));

    private protected override async Task CompactAsync(IStorage storage, long revision) =>
        await ((SqliteStorage)storage).CompactAsync(revision, default);

    public void Dispose() => directory.Dispose();
}
