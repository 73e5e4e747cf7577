using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Registry;
using ApiBuilder.Runtime.Storage.Cache;
using ApiBuilder.Runtime.Storage.Memory;
using static ApiBuilder.Runtime.Tests.Registry.TestResources;

namespace ApiBuilder.Runtime.Tests.Registry;

public sealed class CachedListTests
{
    [Fact]
    public async Task Lists_at_resource_version_zero_or_not_older_than_are_served_from_the_watch_cache()
    {
        await using var cache = new CachedStorage(new MemoryStorage(), new CachedStorageOptions { Prefix = "/registry/" });
        var registry = new ResourceRegistry();
        var store = new ResourceStore(new ResourceModel(Widget()), cache, new AdmissionChain([], registry), TimeProvider.System);
        var created = await store.CreateAsync("ns", Widget("w1"), Context(), default);
        var rv = created["metadata"]!["resourceVersion"]!.GetValue<string>();

        // NotOlderThan waits (briefly) for the cache to reach the revision; "0" takes whatever the cache holds,
        // which after the wait includes the object.
        var notOlder = await store.ListAsync("ns", new ListOptions { ResourceVersion = rv, Revision = long.Parse(rv), ResourceVersionMatch = "NotOlderThan" }, default);
        var any = await store.ListAsync("ns", new ListOptions { ResourceVersion = "0", Revision = 0 }, default);
        var consistent = await store.ListAsync("ns", new ListOptions(), default);

        Assert.Equal(["w1"], any.Items.Select(i => i.Value["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(["w1"], notOlder.Items.Select(i => i.Value["metadata"]!["name"]!.GetValue<string>()));
        Assert.True(notOlder.Revision >= long.Parse(rv));
        Assert.Equal(consistent.Revision, notOlder.Revision);
    }
}
