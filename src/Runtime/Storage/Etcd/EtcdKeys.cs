using System.Text;

namespace ApiBuilder.Runtime.Storage.Etcd;

/// <summary>
/// Maps storage keys to etcd keys and back: the leading <c>root</c> of a storage key is replaced
/// by the etcd <c>prefix</c>. Keys are UTF-8 bytes in etcd, ordered bytewise.
/// </summary>
internal sealed class EtcdKeys(string root, string prefix)
{
    private readonly string prefix = prefix.TrimEnd('/');
    private readonly string root = root.TrimEnd('/');

    public byte[] ToEtcd(string key)
    {
        if (!key.StartsWith(root, StringComparison.Ordinal))
        {
            throw new ArgumentException($"storage key {key} is not under {root}/", nameof(key));
        }

        return Encoding.UTF8.GetBytes(prefix + key[root.Length..]);
    }

    public string FromEtcd(byte[] key)
    {
        var text = Encoding.UTF8.GetString(key);
        return root + text[prefix.Length..];
    }

    /// <summary>Whether an etcd key belongs to this keyspace (a watch on a shared prefix may see others).</summary>
    public bool Owns(byte[] key) => key.AsSpan().StartsWith(Encoding.UTF8.GetBytes(prefix));

    /// <summary>The etcd range end that selects every key starting with <paramref name="key"/>: the key with its last byte incremented.</summary>
    public static byte[] RangeEnd(byte[] key)
    {
        var end = (byte[])key.Clone();
        for (var i = end.Length - 1; i >= 0; i--)
        {
            if (end[i] < 0xFF)
            {
                end[i]++;
                return end[..(i + 1)];
            }
        }

        // All 0xFF (or empty): etcd's "\0" means every key from the start key on.
        return [0];
    }
}
