using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;

namespace Wardle;

/// <summary>
/// The sample-apiserver's admission rule: a Flunder may not be created with a name that any
/// Fischer lists in <c>spec.disallowedFlunders</c>.
/// </summary>
public sealed class BanFlunder : IAdmissionPlugin
{
    public string Name => "BanFlunder";

    public bool Handles(AdmissionRequest request) =>
        request.Operation == AdmissionOperation.Create && request.Resource.Group == WardleResources.Group && request.Resource.Plural == "flunders";

    public async ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var fischers = await request.Objects.ListAsync(WardleResources.Group, "fischers", cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var fischer in fischers)
        {
            if (fischer["spec"]?["disallowedFlunders"] is JsonArray disallowed
                && disallowed.Any(n => n?.GetValue<string>() == request.Name))
            {
                throw ApiErrors.Forbidden(WardleResources.Group, "flunders", request.Name,
                    "this name may not be used, please change the resource name");
            }
        }
    }
}
