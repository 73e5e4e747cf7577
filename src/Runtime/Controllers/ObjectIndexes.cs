namespace ApiBuilder.Runtime.Controllers;

/// <summary>
/// The indexes of an informer's cache, as client-go's thread-safe store keeps them: for each index, the keys
/// of the objects found under each value, updated as objects come, change and go, so a look-up costs the
/// objects it returns, not the whole cache. One writer (the informer) and any number of readers.
/// </summary>
/// <typeparam name="TKind">The Kind indexed.</typeparam>
internal sealed class ObjectIndexes<TKind>
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Func<TKind, IEnumerable<string>>> indexers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, HashSet<string>>> indexes = new(StringComparer.Ordinal);

    /// <summary>Adds (or replaces) an index and fills it from <paramref name="current"/>.</summary>
    public void Add(string name, Func<TKind, IEnumerable<string>> values, IEnumerable<KeyValuePair<string, TKind>> current)
    {
        lock (gate)
        {
            indexers[name] = values;
            var index = indexes[name] = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var (key, obj) in current)
            {
                AddTo(index, values(obj), key);
            }
        }
    }

    public bool Has(string name)
    {
        lock (gate)
        {
            return indexers.ContainsKey(name);
        }
    }

    /// <summary>Moves <paramref name="key"/> from the values of <paramref name="old"/> to those of <paramref name="current"/> (either may be absent).</summary>
    public void Update(string key, TKind? old, TKind? current)
    {
        lock (gate)
        {
            foreach (var (name, values) in indexers)
            {
                var index = indexes[name];
                if (old is not null)
                {
                    foreach (var value in values(old))
                    {
                        if (index.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                        {
                            index.Remove(value);
                        }
                    }
                }

                if (current is not null)
                {
                    AddTo(index, values(current), key);
                }
            }
        }
    }

    /// <summary>The keys of the objects under <paramref name="value"/> in the index <paramref name="name"/>.</summary>
    public IReadOnlyList<string> Keys(string name, string value)
    {
        lock (gate)
        {
            if (!indexes.TryGetValue(name, out var index))
            {
                throw new ArgumentException($"No index named {name}.", nameof(name));
            }

            return index.TryGetValue(value, out var keys) ? [.. keys] : [];
        }
    }

    private static void AddTo(Dictionary<string, HashSet<string>> index, IEnumerable<string> values, string key)
    {
        foreach (var value in values)
        {
            if (!index.TryGetValue(value, out var keys))
            {
                index[value] = keys = new HashSet<string>(StringComparer.Ordinal);
            }

            keys.Add(key);
        }
    }
}
