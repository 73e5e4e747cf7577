using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace Wardle;

/// <summary>The Kinds of the wardle.example.com group, registered by hand until the source generator emits them.</summary>
public static class WardleResources
{
    public const string Group = "wardle.example.com";
    public const string Version = "v1alpha1";

    /// <summary>The newer version of Flunder; same shape, so conversion only rewrites apiVersion.</summary>
    public const string BetaVersion = "v1beta1";

    /// <summary>Flunder in v1alpha1, the version Flunders are stored in.</summary>
    public static readonly ResourceDefinition Flunder = FlunderIn(Version, isStorageVersion: true);

    /// <summary>Flunder in v1beta1, the preferred version in discovery.</summary>
    public static readonly ResourceDefinition FlunderBeta = FlunderIn(BetaVersion, isStorageVersion: false);

    /// <summary>Flunder: namespaced, with a reference to another Flunder or a Fischer, and a status subresource.</summary>
    private static ResourceDefinition FlunderIn(string version, bool isStorageVersion) => new()
    {
        Group = Group,
        Version = version,
        IsStorageVersion = isStorageVersion,
        Kind = "Flunder",
        Plural = "flunders",
        ShortNames = ["fl"],
        Categories = ["wardle"],
        HasStatusSubresource = true,
        Description = "Flunder is an example namespaced resource. It refers to another Flunder or to a Fischer by name.",
        PrinterColumns =
        [
            new("Reference", "string", ".spec.reference") { Description = "Name of the referenced object." },
            new("Type", "string", ".spec.referenceType") { Description = "Kind of the referenced object." },
            new("Phase", "string", ".status.phase") { Description = "Observed phase.", Priority = 1 },
        ],
        Schema = (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "description": "FlunderSpec is the desired state of a Flunder.",
              "properties": {
                "reference": {
                  "type": "string",
                  "maxLength": 253,
                  "description": "Name of another Flunder or of a Fischer, depending on referenceType."
                },
                "referenceType": {
                  "type": "string",
                  "enum": ["Flunder", "Fischer"],
                  "description": "Kind of the referenced object: Flunder or Fischer. Defaults to Flunder when reference is set."
                }
              }
            },
            "status": {
              "type": "object",
              "description": "FlunderStatus is the observed state of a Flunder, written through the status subresource.",
              "properties": {
                "phase": {
                  "type": "string",
                  "description": "A one-word summary of where the Flunder is in its lifecycle."
                },
                "observedGeneration": {
                  "type": "integer",
                  "format": "int64",
                  "description": "The metadata.generation the status was computed from."
                },
                "conditions": {
                  "type": "array",
                  "description": "Latest observations of the Flunder's state.",
                  "items": {
                    "type": "object",
                    "required": ["type", "status"],
                    "properties": {
                      "type": { "type": "string", "description": "Type of the condition, e.g. Ready." },
                      "status": { "type": "string", "enum": ["True", "False", "Unknown"], "description": "Status of the condition: True, False or Unknown." },
                      "reason": { "type": "string", "description": "One-word CamelCase reason for the last transition." },
                      "message": { "type": "string", "description": "Human-readable details of the last transition." },
                      "lastTransitionTime": { "type": "string", "format": "date-time", "description": "When the condition last changed status." }
                    }
                  }
                }
              }
            }
          }
        }
        """)!,
    };

    /// <summary>Fischer: cluster-scoped, lists the names no Flunder may take.</summary>
    public static readonly ResourceDefinition Fischer = new()
    {
        Group = Group,
        Version = Version,
        Kind = "Fischer",
        Plural = "fischers",
        Scope = ResourceScope.Cluster,
        ShortNames = ["fi"],
        Categories = ["wardle"],
        Description = "Fischer is an example cluster-scoped resource. Flunders may not be named after any entry of its disallowedFlunders.",
        PrinterColumns =
        [
            new("Disallowed", "string", ".spec.disallowedFlunders") { Description = "Names no Flunder may take.", Priority = 1 },
        ],
        Schema = (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "type": "object",
              "description": "FischerSpec is the desired state of a Fischer.",
              "properties": {
                "disallowedFlunders": {
                  "type": "array",
                  "description": "Names that Flunders may not use; creating a Flunder with one of them is forbidden.",
                  "items": { "type": "string" }
                }
              }
            }
          }
        }
        """)!,
    };
}
