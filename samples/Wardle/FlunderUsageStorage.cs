using System.Runtime.CompilerServices;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Rest;

namespace Wardle;

/// <summary>Computes <see cref="FlunderUsage"/> objects from the stored Flunders and Fischers on every get and list.</summary>
public sealed class FlunderUsageStorage : IReadOnlyStorage<FlunderUsage>
{
    public async ValueTask<FlunderUsage?> GetAsync(RestContext context, string name, CancellationToken cancellationToken)
    {
        await foreach (var usage in ListAsync(context, cancellationToken).ConfigureAwait(false))
        {
            if (usage.Metadata.Name == name)
            {
                return usage;
            }
        }

        return null;
    }

    public async IAsyncEnumerable<FlunderUsage> ListAsync(RestContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var flunders = (await context.Objects.ListAsync(Flunder.Definition.Group, Flunder.Definition.Plural, context.Namespace, cancellationToken).ConfigureAwait(false))
            .Select(KindJson.FromJsonObject<Flunder>).ToList();
        var fischers = (await context.Objects.ListAsync(Fischer.Definition.Group, Fischer.Definition.Plural, cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(f => KindJson.FromJsonObject<Fischer>(f).Metadata.Name).ToHashSet(StringComparer.Ordinal);
        var byNamespace = flunders.ToLookup(f => f.Metadata.Namespace ?? "");
        foreach (var flunder in flunders)
        {
            var siblings = byNamespace[flunder.Metadata.Namespace ?? ""];
            var reference = flunder.Spec.Reference;
            yield return new FlunderUsage
            {
                Metadata = new ObjectMeta
                {
                    Name = flunder.Metadata.Name,
                    Namespace = flunder.Metadata.Namespace,
                    Labels = flunder.Metadata.Labels,
                    CreationTimestamp = flunder.Metadata.CreationTimestamp,
                },
                Usage = new FlunderUsageValues
                {
                    ReferencedBy = siblings.Count(s => s.Spec.ReferenceType == ReferenceType.Flunder && s.Spec.Reference == flunder.Metadata.Name),
                    ReferenceFound = !string.IsNullOrEmpty(reference) && (flunder.Spec.ReferenceType == ReferenceType.Fischer
                        ? fischers.Contains(reference)
                        : siblings.Any(s => s.Metadata.Name == reference)),
                },
            };
        }
    }
}
