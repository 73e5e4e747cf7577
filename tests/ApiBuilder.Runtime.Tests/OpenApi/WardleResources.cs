using System.Text.Json.Nodes;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Runtime.Tests.OpenApi;

/// <summary>Definitions shaped like Kubernetes' sample-apiserver (Wardle), the reference the captures come from.</summary>
internal static class WardleResources
{
    public const string Group = "wardle.example.com";
    public const string Version = "v1alpha1";

    public static ResourceDefinition Flunder(string version = Version) => new()
    {
        Group = Group,
        Version = version,
        Kind = "Flunder",
        Plural = "flunders",
        ShortNames = ["fl"],
        HasStatusSubresource = true,
        Description = "A Flunder refers to another Flunder or to a Fischer.",
        Schema = (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": {
              "description": "Desired state.",
              "type": "object",
              "properties": {
                "reference": { "description": "Name of the referenced object.", "type": "string" },
                "referenceType": { "type": "string", "enum": ["Flunder", "Fischer"], "nullable": true }
              }
            },
            "status": {
              "type": "object",
              "properties": {
                "phase": { "type": "string", "default": "Pending" }
              },
              "x-kubernetes-preserve-unknown-fields": true
            }
          },
          "required": ["spec"]
        }
        """)!,
    };

    public static ResourceDefinition Fischer() => new()
    {
        Group = Group,
        Version = Version,
        Kind = "Fischer",
        Plural = "fischers",
        Scope = ResourceScope.Cluster,
        Schema = (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "description": "A Fischer forbids some Flunders.",
          "properties": {
            "spec": {
              "type": "object",
              "properties": {
                "disallowedFlunders": {
                  "type": "array",
                  "items": { "type": "string" },
                  "x-kubernetes-list-type": "set"
                },
                "mode": {
                  "anyOf": [{ "type": "integer" }, { "type": "string" }],
                  "x-kubernetes-int-or-string": true
                }
              }
            }
          }
        }
        """)!,
    };

    /// <summary>A namespaced Kind with a scale subresource, which Wardle itself lacks.</summary>
    public static ResourceDefinition Flock() => new()
    {
        Group = Group,
        Version = Version,
        Kind = "Flock",
        Plural = "flocks",
        HasStatusSubresource = true,
        Scale = new ScaleSubresource(".spec.replicas", ".status.replicas", ".status.selector"),
        Schema = (JsonObject)JsonNode.Parse("""
        {
          "type": "object",
          "properties": {
            "spec": { "type": "object", "properties": { "replicas": { "type": "integer", "format": "int32" } } },
            "status": { "type": "object", "properties": { "replicas": { "type": "integer" }, "selector": { "type": "string" } } }
          }
        }
        """)!,
    };

    public static IReadOnlyList<ResourceDefinition> All() => [Flunder(), Fischer()];
}
