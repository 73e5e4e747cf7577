using System.ComponentModel.DataAnnotations;
using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace Wardle;

/// <summary>FlunderSpec is the desired state of a Flunder.</summary>
public sealed class FlunderSpec
{
    /// <summary>Name of another Flunder or of a Fischer, depending on referenceType.</summary>
    [MaxLength(253)]
    public string? Reference { get; set; }

    /// <summary>Kind of the referenced object: Flunder or Fischer. Defaults to Flunder when reference is set.</summary>
    public ReferenceType? ReferenceType { get; set; }

    /// <summary>Named settings, one per name: patches and apply merge them by name (x-kubernetes-list-type: map).</summary>
    [ListType(ListType.Map, "name")]
    public List<FlunderSetting>? Settings { get; set; }

    /// <summary>sample-apiserver's defaulting: a reference without a type refers to a Flunder.</summary>
    internal void SetDefaults()
    {
        if (!string.IsNullOrEmpty(Reference) && ReferenceType is null)
        {
            ReferenceType = Wardle.ReferenceType.Flunder;
        }
    }

    /// <summary>sample-apiserver's cross-field rule: a type needs a reference.</summary>
    internal IEnumerable<FieldError> Validate()
    {
        if (ReferenceType is { } type && string.IsNullOrEmpty(Reference))
        {
            yield return FieldError.Required("spec.reference", $"cannot be empty if referenceType is {type}");
        }
    }
}

// The kinds a Flunder may refer to (the property's description documents them).
public enum ReferenceType
{
    Flunder,
    Fischer,
}
