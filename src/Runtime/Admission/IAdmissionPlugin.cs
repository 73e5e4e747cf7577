namespace ApiBuilder.Runtime.Admission;

/// <summary>
/// Admission control: runs on every create, update and delete after the request is decoded and
/// defaulted. <see cref="MutateAsync"/> may change the object; <see cref="ValidateAsync"/> may
/// only accept or reject it. Reject by throwing a <see cref="Errors.StatusException"/>, e.g.
/// <c>throw ApiErrors.Forbidden(...)</c>.
/// </summary>
public interface IAdmissionPlugin
{
    /// <summary>Plugin name, used in logs.</summary>
    string Name { get; }

    /// <summary>Whether this plugin wants to see requests for the given resource and operation.</summary>
    bool Handles(AdmissionRequest request) => true;

    /// <summary>Changes <see cref="AdmissionRequest.Object"/> before validation (defaulting, derived fields).</summary>
    ValueTask MutateAsync(AdmissionRequest request, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Accepts the request or throws a <see cref="Errors.StatusException"/>.</summary>
    ValueTask ValidateAsync(AdmissionRequest request, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
