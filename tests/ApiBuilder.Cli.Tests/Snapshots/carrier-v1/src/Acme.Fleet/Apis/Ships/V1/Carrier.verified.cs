using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace Acme.Fleet.Apis.Ships.V1;

/// <summary>Carrier is a namespaced resource of ships.example.com. Describe it here: kubectl explain shows this text.</summary>
/// <remarks>
/// This file is yours: apiserver-boot updates it only while you have not edited it. Its declarations
/// ([Kind], subresources, Spec and Status) are in Carrier.apibuilder.cs, which it rewrites.
/// </remarks>
[PrinterColumn("Phase", ".status.phase", Description = "Observed phase.")]
public partial class Carrier : IDefaulted, IValidated<Carrier>
{
    /// <summary>Fills in unset fields; runs on every create and update, before validation.</summary>
    public void SetDefaults()
    {
    }

    /// <summary>Checks rules the schema cannot express; each error is one cause of a 422 Invalid answer.</summary>
    /// <returns>The problems found, none when the Carrier is valid.</returns>
    public IEnumerable<FieldError> Validate()
    {
        yield break;
    }
}
