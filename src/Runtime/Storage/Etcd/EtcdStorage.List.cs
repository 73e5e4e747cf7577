namespace ApiBuilder.Runtime.Storage.Etcd;

internal sealed partial class EtcdStorage
{
    /// <summary>
    /// Reads the keys (range with range_end) at one revision, so the result is one consistent
    /// snapshot: a list without a limit in one range, as kube-apiserver reads it; a list with a
    /// limit in pages (of the limit, or of <see cref="EtcdStorageOptions.PageSize"/> when a filter
    /// may skip keys), all at the revision of the first page.
    /// </summary>
    public async ValueTask<StorageList> ListAsync(string prefix, StorageListRequest request, CancellationToken cancellationToken)
    {
        var etcdPrefix = keys.ToEtcd(prefix);
        var end = EtcdKeys.RangeEnd(etcdPrefix);
        var from = request.StartKey is { } startKey && string.CompareOrdinal(startKey, prefix) > 0 ? keys.ToEtcd(startKey) : etcdPrefix;
        var revision = request.Revision ?? 0;
        var items = new List<StoredObject>();
        var first = true;
        while (true)
        {
            // Without a filter one item more than the limit tells whether a next page exists; without a
            // limit every key is read anyway, and one range saves a round trip per page.
            var pageSize = request.Limit == 0 ? 0 : request.Filter is null ? request.Limit - items.Count + 1 : options.PageSize;
            RangeResponse page;
            try
            {
                page = await client.RangeAsync(new RangeRequest(from, end, pageSize, revision), cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException e) when (e.Code == StorageErrorCode.RevisionCompacted && e.Message.Contains("compacted", StringComparison.Ordinal))
            {
                throw StorageException.Compacted(revision, revision + 1);
            }

            if (first)
            {
                revision = revision == 0 ? Revision(page.Header) : revision;
                first = false;
            }

            var kvs = page.Kvs ?? [];
            for (var i = 0; i < kvs.Length; i++)
            {
                var kv = kvs[i];
                var key = keys.FromEtcd(kv.Key);
                if (request.Limit > 0 && items.Count == request.Limit && request.Filter is null)
                {
                    // count covers the whole range from this page's start key.
                    return new StorageList(items, revision, key, page.Count - i);
                }

                var item = Decode(key, kv.Value, kv.ModRevision);
                if (request.Filter is { } filter && !filter(item.Value))
                {
                    continue;
                }

                if (request.Limit > 0 && items.Count == request.Limit)
                {
                    return new StorageList(items, revision, key, null);
                }

                items.Add(item);
            }

            if (!page.More || kvs.Length == 0)
            {
                return new StorageList(items, revision, null, null);
            }

            // Continue right after the last key of this page.
            from = [.. kvs[^1].Key, 0];
        }
    }
}
