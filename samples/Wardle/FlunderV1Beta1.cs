using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace Wardle.V1Beta1;

/// <summary>Flunder is an example namespaced resource. It refers to another Flunder or to a Fischer by name.</summary>
/// <remarks>v1beta1, the preferred version in discovery; same shape as v1alpha1, so conversion only rewrites apiVersion.</remarks>
[Kind("wardle.example.com", "v1beta1", ShortNames = ["fl"], Categories = ["wardle"])]
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
