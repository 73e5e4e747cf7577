using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Admission;
using ApiBuilder.Runtime.Errors;

namespace Wardle;

/// <summary>Flunder's defaulting (referenceType is Flunder when a reference is given) and its cross-field rule.</summary>
public sealed class FlunderDefaultsAndValidation : IAdmissionPlugin
{
    public string Name => "FlunderDefaultsAndValidation";

    public bool Handles(AdmissionRequest request) =>
        request.Operation != AdmissionOperation.Delete && request.Resource.Group == WardleResources.Group && request.Resource.Plural == "flunders";

    public ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Object["spec"] is JsonObject spec
            && Text(spec["reference"]) is { Length: > 0 }
            && spec["referenceType"] is null)
        {
            spec["referenceType"] = "Flunder";
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        if (request.Object["spec"] is JsonObject spec
            && Text(spec["referenceType"]) is { } type
            && Text(spec["reference"]) is null or "")
        {
            throw ApiErrors.Invalid(WardleResources.Group, "Flunder", request.Name,
                [new StatusCause("FieldValueRequired", $"Required value: cannot be empty if referenceType is {type}", "spec.reference")]);
        }

        return ValueTask.CompletedTask;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
