using System.Runtime.CompilerServices;
using ApiBuilder.Runtime.Negotiation;
using ApiBuilder.Runtime.Rest;
using ApiBuilder.Runtime.Storage;
using ApiBuilder.Runtime.Tables;

namespace ApiBuilder.Runtime.Handlers;

/// <summary>
/// The encoded frames of one watch event, shared by every watcher that sends it in the same form,
/// as kube-apiserver's watch cache wraps each event in a <c>cachingObject</c> that keeps one
/// serialization per encoder: with a thousand watchers of one collection an event is converted,
/// encoded and framed once per form instead of once per watcher.
/// </summary>
/// <remarks>
/// Events reach every watcher of the watch cache as the same <see cref="StorageEvent"/> instance, so
/// the frames hang off that instance (a weak table: they go when the event leaves the cache's
/// window and every watcher's buffer). What a frame depends on is its key: the frame type (a
/// selector transition turns a MODIFIED into ADDED or DELETED), the REST storage (its version and
/// conversion), the negotiated form, and for Tables whether the columns are included and the second
/// the ages are measured at.
/// </remarks>
internal static class WatchFrames
{
    private static readonly ConditionalWeakTable<StorageEvent, Frames> Table = new();

    /// <summary>The frame for <paramref name="key"/>, encoded by <paramref name="encode"/> only if no watcher has encoded it yet.</summary>
    public static byte[] Get(StorageEvent e, in FrameKey key, Func<byte[]> encode)
    {
        var frames = Table.GetValue(e, static _ => new Frames());
        return frames.Get(key, encode);
    }

    /// <summary>What an event's frame depends on besides the event itself.</summary>
    internal readonly record struct FrameKey(
        string Type, IRestStorage Storage, TableConvertor Convertor, RepresentationKind Kind, string MetaVersion, string IncludeObject, bool WithColumns, long Second);

    private sealed class Frames
    {
        private readonly Lock gate = new();
        private (FrameKey Key, byte[] Bytes)[] entries = [];

        public byte[] Get(in FrameKey key, Func<byte[]> encode)
        {
            // Encoding under the lock: the watchers that arrive meanwhile wait for these bytes
            // instead of encoding the same frame once per core.
            lock (gate)
            {
                foreach (var (k, bytes) in entries)
                {
                    if (k == key)
                    {
                        return bytes;
                    }
                }

                var encoded = encode();
                entries = [.. entries, (key, encoded)];
                return encoded;
            }
        }
    }
}
