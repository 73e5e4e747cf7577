using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace Wardle;

/// <summary>Flunder is an example namespaced resource. It refers to another Flunder or to a Fischer by name.</summary>
/// <remarks>v1alpha1, the version Flunders are stored in. <see cref="V1Beta1.Flunder"/> has the same shape.</remarks>
[Kind("wardle.example.com", "v1alpha1", ShortNames = ["fl"], Categories = ["wardle"])]
[StorageVersion]
[StatusSubresource]
[PrinterColumn("Reference", ".spec.reference", Description = "Name of the referenced object.")]
[PrinterColumn("Type", ".spec.referenceType", Description = "Kind of the referenced object.")]
[PrinterColumn("Phase", ".status.phase", Description = "Observed phase.", Priority = 1)]
[SelectableField(".spec.referenceType")]
public partial class Flunder : IDefaulted, IValidated<Flunder>
{
    public FlunderSpec Spec { get; set; } = new();

    public FlunderStatus? Status { get; set; }

    public void SetDefaults() => Spec.SetDefaults();

    public IEnumerable<FieldError> Validate() => Spec.Validate();
}
