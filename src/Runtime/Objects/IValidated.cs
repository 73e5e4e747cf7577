namespace ApiBuilder.Runtime.Objects;

/// <summary>
/// Validation in plain C#: implement it on a Kind and the generated registration rejects a
/// create or update with 422 Invalid, listing every returned <see cref="FieldError"/> with its
/// field path, as Kubernetes' own validation does. Runs after schema validation.
/// </summary>
/// <typeparam name="TSelf">The Kind class itself.</typeparam>
public interface IValidated<in TSelf>
    where TSelf : KubernetesObject
{
    /// <summary>Checks a new object; returns no errors when it is valid.</summary>
    IEnumerable<FieldError> Validate();

    /// <summary>Checks a change against the stored object; by default the same as <see cref="Validate"/>.</summary>
    IEnumerable<FieldError> ValidateUpdate(TSelf old) => Validate();
}
