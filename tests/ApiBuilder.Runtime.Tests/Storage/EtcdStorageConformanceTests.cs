using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Storage.Etcd;

namespace ApiBuilder.Runtime.Tests.Storage;

public sealed class EtcdStorageConformanceTests(EtcdFixture etcd) : StorageConformanceTests, IClassFixture<EtcdFixture>
{
    internal static EtcdStorage Create(IReadOnlyList<Uri> servers, string? prefix = null) => new(new EtcdStorageOptions
    {
        Servers = servers,
        Root = "",
        Prefix = prefix ?? "/apibuilder-test-" + Guid.NewGuid().ToString("N")[..8],
        CompactionInterval = Timeout.InfiniteTimeSpan,
    });

    private protected override Task<IStorage> CreateStorageAsync() => Task.FromResult<IStorage>(Create(etcd.Cluster.ClientUrls));

    private protected override async Task CompactAsync(IStorage storage, long revision) =>
        await ((EtcdStorage)storage).CompactAsync(revision, default);
}
