namespace ApiBuilder.Runtime.Storage.Cache;

/// <summary>
/// Gives back the memory a large cache fill used for a moment. Filling the watch cache decodes the
/// whole list at once, and the garbage of that (the backend's rows, the list itself) is a few times
/// the objects' size; a server-GC process keeps that memory committed while it is idle, so a server
/// that loaded 100,000 objects at start would hold about half as much again as it needs for good.
/// One blocking, compacting collection after such a fill (tens of milliseconds for 100,000 objects)
/// returns it to the operating system, as Go's scavenger does for kube-apiserver.
/// </summary>
internal static class FillCompaction
{
    /// <summary>Fills of less JSON than this are left to the GC's own pace.</summary>
    public const long DefaultThreshold = 16L * 1024 * 1024;

    /// <summary>At most one such collection per period in a process, however many caches fill.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private static long lastTicks = long.MinValue;

    /// <summary>Collects once when <paramref name="items"/> hold at least <paramref name="threshold"/> bytes of JSON; true when it did.</summary>
    public static bool AfterFill(IReadOnlyList<StoredObject> items, long threshold)
    {
        long bytes = 0;
        foreach (var item in items)
        {
            bytes += item.JsonLength;
        }

        var now = Environment.TickCount64;
        var last = Volatile.Read(ref lastTicks);
        if (bytes < threshold || (last != long.MinValue && now - last < (long)Period.TotalMilliseconds)
            || Interlocked.CompareExchange(ref lastTicks, now, last) != last)
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }
}
