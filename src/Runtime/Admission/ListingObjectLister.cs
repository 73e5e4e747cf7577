using System.Collections.Concurrent;
using ApiBuilder.Runtime.Objects;

namespace ApiBuilder.Runtime.Admission;

/// <summary>
/// A lister without a cache: every read lists the Kind through an <see cref="IObjectReader"/> and decodes what it
/// finds. For Kinds whose storage serves no watch, and readers that keep no cache.
/// </summary>
internal sealed class ListingObjectLister<TKind>(IObjectReader reader) : IObjectLister<TKind>
    where TKind : KubernetesObject, IKind<TKind>
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IObjectReader, ListingObjectLister<TKind>> Shared = [];

    /// <summary>The reader's one lister of the Kind, so that indexes added by one caller serve the next.</summary>
    public static ListingObjectLister<TKind> For(IObjectReader reader) => Shared.GetValue(reader, r => new ListingObjectLister<TKind>(r));

    private readonly ConcurrentDictionary<string, Func<TKind, IEnumerable<string>>> indexes = new(StringComparer.Ordinal);

    public async ValueTask<IReadOnlyList<TKind>> ListAsync(string? @namespace = null, CancellationToken cancellationToken = default)
    {
        var d = TKind.Definition;
        var items = await reader.ListAsync(d.Group, d.Plural, @namespace, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(KindJson.FromJsonObject<TKind>)];
    }

    public async ValueTask<TKind?> GetAsync(string? @namespace, string name, CancellationToken cancellationToken = default)
    {
        var d = TKind.Definition;
        var found = await reader.GetAsync(d.Group, d.Plural, @namespace, name, cancellationToken).ConfigureAwait(false);
        return found is null ? null : KindJson.FromJsonObject<TKind>(found);
    }

    public void AddIndex(string name, Func<TKind, IEnumerable<string>> values) => indexes.TryAdd(name, values);

    public async ValueTask<IReadOnlyList<TKind>> ByIndexAsync(string index, string value, CancellationToken cancellationToken = default)
    {
        var values = indexes.GetValueOrDefault(index) ?? throw new ArgumentException($"No index named {index}.", nameof(index));
        var all = await ListAsync(null, cancellationToken).ConfigureAwait(false);
        return [.. all.Where(o => values(o).Contains(value, StringComparer.Ordinal))];
    }
}
