using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Rest;

namespace ApiBuilder.Runtime.Tests.Rest;

/// <summary>User storage as a user writes it: Gadgets in a dictionary, with get, list, create, update and delete.</summary>
internal sealed class DictionaryStorage : ICreatableStorage<Gadget>, IUpdatableStorage<Gadget>, IDeletableStorage<Gadget>
{
    public ConcurrentDictionary<(string Namespace, string Name), Gadget> Items { get; } = new();

    public ValueTask<Gadget?> GetAsync(RestContext context, string name, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Items.GetValueOrDefault((context.Namespace, name)));

    public async IAsyncEnumerable<Gadget> ListAsync(RestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();
        foreach (var ((ns, _), gadget) in Items)
        {
            if (context.Namespace.Length == 0 || ns == context.Namespace)
            {
                yield return gadget;
            }
        }
    }

    public ValueTask<Gadget> CreateAsync(RestContext context, Gadget obj, CancellationToken cancellationToken) =>
        Items.TryAdd((context.Namespace, obj.Metadata.Name!), obj)
            ? ValueTask.FromResult(obj)
            : throw ApiErrors.AlreadyExists(Gadget.Definition.Group, Gadget.Definition.Plural, obj.Metadata.Name!);

    public ValueTask<Gadget> UpdateAsync(RestContext context, Gadget obj, CancellationToken cancellationToken)
    {
        Items[(context.Namespace, obj.Metadata.Name!)] = obj;
        return ValueTask.FromResult(obj);
    }

    public ValueTask DeleteAsync(RestContext context, string name, CancellationToken cancellationToken)
    {
        Items.TryRemove((context.Namespace, name), out _);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Get and list only: the server must serve no other verb.</summary>
internal sealed class ReadOnlyGadgets(DictionaryStorage inner) : IReadOnlyStorage<Gadget>
{
    public ValueTask<Gadget?> GetAsync(RestContext context, string name, CancellationToken cancellationToken) => inner.GetAsync(context, name, cancellationToken);

    public IAsyncEnumerable<Gadget> ListAsync(RestContext context, CancellationToken cancellationToken) => inner.ListAsync(context, cancellationToken);
}
