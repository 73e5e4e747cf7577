using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.Ships.V1Alpha1;

/// <summary>Frigate is a namespaced resource of ships.example.com. Describe it here: kubectl explain shows this text.</summary>
[Kind("ships.example.com", "v1alpha1", ShortNames = ["fr", "frg"])]
[StatusSubresource]
[PrinterColumn("Phase", ".status.phase", Description = "Observed phase.")]
public partial class Frigate : IDefaulted, IValidated<Frigate>
{
    /// <summary>The desired state of the Frigate.</summary>
    public FrigateSpec Spec { get; set; } = new();

    /// <summary>The observed state of the Frigate.</summary>
    public FrigateStatus? Status { get; set; }

    /// <summary>Fills in unset fields; runs on every create and update, before validation.</summary>
    public void SetDefaults()
    {
    }

    /// <summary>Checks rules the schema cannot express; each error is one cause of a 422 Invalid answer.</summary>
    /// <returns>The problems found, none when the Frigate is valid.</returns>
    public IEnumerable<FieldError> Validate()
    {
        yield break;
    }
}
