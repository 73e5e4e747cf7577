using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;

namespace Wardle;

/// <summary>
/// The sample-apiserver's admission rule: a Flunder may not be created with a name that any
/// Fischer lists in <c>spec.disallowedFlunders</c>. Fischers are read through the server's cached
/// lister, indexed by the names they disallow, so a create looks up only the Fischers that name it
/// instead of reading every Fischer.
/// </summary>
public sealed class BanFlunder : IAdmissionPlugin
{
    private const string DisallowedFlundersIndex = "spec.disallowedFlunders";

    public string Name => "BanFlunder";

    public bool Handles(AdmissionRequest request) =>
        request.Operation == AdmissionOperation.Create
        && request.Resource.Group == Flunder.Definition.Group
        && request.Resource.Plural == Flunder.Definition.Plural;

    public async ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var fischers = request.Objects.Lister<Fischer>();
        fischers.AddIndex(DisallowedFlundersIndex, f => f.Spec.DisallowedFlunders ?? []);
        var banning = await fischers.ByIndexAsync(DisallowedFlundersIndex, request.Name, cancellationToken).ConfigureAwait(false);
        if (banning.Count > 0)
        {
            throw ApiErrors.Forbidden(Flunder.Definition.Group, Flunder.Definition.Plural, request.Name,
                "this name may not be used, please change the resource name");
        }
    }
}
