using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;
using ApiBuilder.Runtime.Objects;

namespace Wardle;

/// <summary>
/// The sample-apiserver's admission rule: a Flunder may not be created with a name that any
/// Fischer lists in <c>spec.disallowedFlunders</c>.
/// </summary>
public sealed class BanFlunder : IAdmissionPlugin
{
    public string Name => "BanFlunder";

    public bool Handles(AdmissionRequest request) =>
        request.Operation == AdmissionOperation.Create
        && request.Resource.Group == Flunder.Definition.Group
        && request.Resource.Plural == Flunder.Definition.Plural;

    public async ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var fischers = await request.Objects.ListAsync(Fischer.Definition.Group, Fischer.Definition.Plural, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var stored in fischers)
        {
            var fischer = KindJson.FromJsonObject<Fischer>(stored);
            if (fischer.Spec.DisallowedFlunders?.Contains(request.Name) == true)
            {
                throw ApiErrors.Forbidden(Flunder.Definition.Group, Flunder.Definition.Plural, request.Name,
                    "this name may not be used, please change the resource name");
            }
        }
    }
}
