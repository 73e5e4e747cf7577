namespace ApiBuilder.Runtime.Storage;

/// <summary>Applies start key, filter and limit to an ordered snapshot; shared by backends that list from memory.</summary>
internal static class StorageListPager
{
    /// <param name="ordered">The items in key order.</param>
    /// <param name="revision">The revision they are at.</param>
    /// <param name="request">Start key, filter and limit.</param>
    /// <param name="copies">Whether to filter and return <see cref="StoredObject.Unparsed"/> copies, leaving the snapshot's objects unparsed.</param>
    public static StorageList Page(IEnumerable<StoredObject> ordered, long revision, StorageListRequest request, bool copies = false)
    {
        var result = new List<StoredObject>();
        string? nextKey = null;
        long? remaining = null;
        var all = ordered as IReadOnlyList<StoredObject> ?? ordered.ToList();
        var index = 0;
        if (request.StartKey is { } start)
        {
            while (index < all.Count && string.CompareOrdinal(all[index].Key, start) < 0)
            {
                index++;
            }
        }

        for (; index < all.Count; index++)
        {
            var item = copies ? all[index].Unparsed() : all[index];
            if (request.Filter is { } filter && !filter(item.Value))
            {
                continue;
            }

            if (request.Limit > 0 && result.Count == request.Limit)
            {
                nextKey = item.Key;
                if (request.Filter is null)
                {
                    remaining = all.Count - index;
                }

                break;
            }

            result.Add(item);
        }

        return new StorageList(result, revision, nextKey, remaining);
    }
}
