namespace ApiBuilder.Generator.Tests;

/// <summary>Kind declarations the tests compile in memory.</summary>
internal static class TestSources
{
    /// <summary>The Wardle sample's Kinds, declared with attributes.</summary>
    public const string Wardle = """
        using System.Collections.Generic;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json.Serialization;
        using ApiBuilder.Runtime.Rest;
        using ApiBuilder.Runtime.Resources;

        namespace Wardle;

        /// <summary>Flunder is an example namespaced resource. It refers to another Flunder or to a Fischer by name.</summary>
        [Kind("wardle.example.com", "v1alpha1", ShortNames = ["fl"], Categories = ["wardle"])]
        [StatusSubresource]
        [PrinterColumn("Reference", ".spec.reference", Description = "Name of the referenced object.")]
        [PrinterColumn("Type", ".spec.referenceType", Description = "Kind of the referenced object.")]
        [PrinterColumn("Phase", ".status.phase", Description = "Observed phase.", Priority = 1)]
        public partial class Flunder
        {
            public FlunderSpec Spec { get; set; } = new();

            public FlunderStatus? Status { get; set; }
        }

        /// <summary>FlunderSpec is the desired state of a Flunder.</summary>
        public sealed class FlunderSpec
        {
            /// <summary>Name of another Flunder or of a Fischer, depending on referenceType.</summary>
            [MaxLength(253)]
            public string? Reference { get; set; }

            /// <summary>Kind of the referenced object: Flunder or Fischer. Defaults to Flunder when reference is set.</summary>
            public ReferenceType? ReferenceType { get; set; }
        }

        public enum ReferenceType { Flunder, Fischer }

        /// <summary>FlunderStatus is the observed state of a Flunder, written through the status subresource.</summary>
        public sealed class FlunderStatus
        {
            /// <summary>A one-word summary of where the Flunder is in its lifecycle.</summary>
            public string? Phase { get; set; }

            /// <summary>The metadata.generation the status was computed from.</summary>
            public long? ObservedGeneration { get; set; }

            /// <summary>Latest observations of the Flunder's state.</summary>
            public List<Condition>? Conditions { get; set; }
        }

        public sealed class Condition
        {
            /// <summary>Type of the condition, e.g. Ready.</summary>
            [Required]
            public string Type { get; set; } = "";

            /// <summary>Status of the condition: True, False or Unknown.</summary>
            [Required]
            public ConditionStatus Status { get; set; }

            /// <summary>One-word CamelCase reason for the last transition.</summary>
            public string? Reason { get; set; }

            /// <summary>Human-readable details of the last transition.</summary>
            public string? Message { get; set; }

            /// <summary>When the condition last changed status.</summary>
            public System.DateTimeOffset? LastTransitionTime { get; set; }
        }

        public enum ConditionStatus { True, False, Unknown }

        /// <summary>Fischer is an example cluster-scoped resource. Flunders may not be named after any entry of its disallowedFlunders.</summary>
        [Kind("wardle.example.com", "v1alpha1", Scope = ResourceScope.Cluster, ShortNames = ["fi"], Categories = ["wardle"])]
        [PrinterColumn("Disallowed", ".spec.disallowedFlunders", Description = "Names no Flunder may take.", Priority = 1)]
        public partial class Fischer
        {
            public FischerSpec Spec { get; set; } = new();
        }

        /// <summary>FischerSpec is the desired state of a Fischer.</summary>
        public sealed class FischerSpec
        {
            /// <summary>Names that Flunders may not use; creating a Flunder with one of them is forbidden.</summary>
            public List<string>? DisallowedFlunders { get; set; }
        }

        /// <summary>flunders/describe: one line about the Flunder, as text.</summary>
        [Subresource(typeof(Flunder))]
        public static class FlunderDescribe
        {
            public static SubresourceDefinition Definition { get; } = new()
            {
                Name = "describe",
                Get = request => request.WriteTextAsync($"{request.Parent["metadata"]?["name"]} reference={request.Parent["spec"]?["reference"]}\n"),
            };
        }

        /// <summary>fischers/disallowed: the names as a JSON array (declared after Flunder's, registered before: Kinds come in order).</summary>
        [Subresource(typeof(Fischer))]
        internal static class FischerDisallowed
        {
            public static SubresourceDefinition Definition { get; } = new()
            {
                Name = "disallowed",
                Get = request => request.WriteTextAsync(request.Parent["spec"]?["disallowedFlunders"]?.ToJsonString() ?? "[]"),
            };
        }
        """;

    /// <summary>Nested types, maps, arrays, JSON passthrough, naming attributes, constraints, required and init members.</summary>
    public const string EdgeCases = """
        using System;
        using System.Collections.Generic;
        using System.ComponentModel;
        using System.ComponentModel.DataAnnotations;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Resources;

        namespace Edge.Cases;

        /// <summary>A Kind that uses <see cref="Spec"/> with <c>every</c> supported shape.</summary>
        [Kind("edge.example.com", "v2beta1", Plural = "machineries", Singular = "machinery", Kind = "Machinery")]
        [StatusSubresource]
        [ScaleSubresource(".spec.replicas", ".status.replicas", LabelSelectorPath = ".status.selector")]
        internal partial class MachineryKind : IDefaulted
        {
            public MachinerySpec Spec { get; set; } = new() { Inner = new() { Name = "inner" } };

            public MachineryStatus Status { get; set; } = new();

            public void SetDefaults() { }
        }

        public sealed record MachinerySpec
        {
            /// <summary>Desired replicas.</summary>
            [Range(0, 1000)]
            public int Replicas { get; init; }

            [Description("Ratio between 0 and 1, exclusive of 0.")]
            [Range(0.0, 1.0, MinimumIsExclusive = true)]
            public double Ratio { get; set; }

            [JsonPropertyName("image-ref")]
            [StringLength(64, MinimumLength = 3)]
            [RegularExpression("[a-z]+(:[0-9]+)?")]
            public string ImageRef { get; set; } = "busybox";

            [MinLength(1)]
            [MaxLength(5)]
            public string[] Args { get; set; } = [];

            public Dictionary<string, List<Port>> PortsByName { get; set; } = new();

            public IReadOnlyDictionary<string, int?>? Limits { get; set; }

            public List<Port?> Ports { get; set; } = new();

            public JsonNode? Extra { get; set; }

            public JsonElement Raw { get; set; }

            public JsonObject? Settings { get; set; }

            public byte[]? Payload { get; set; }

            public Guid Id { get; set; }

            public DateTime Created { get; set; }

            public decimal Price { get; set; }

            public float Weight { get; set; }

            public ulong Big { get; set; }

            public short Small { get; set; }

            public bool? Enabled { get; set; }

            [DefaultValue(Mode.FastLane)]
            public Mode Mode { get; set; } = Mode.FastLane;

            public string? @class { get; set; }

            public required Inner Inner { get; set; }

            [JsonIgnore]
            public string Ignored { get; set; } = "";

            public string Computed => ImageRef + "!";

            [ListType(ListType.Map, "name", "number")]
            public List<NamedPort> NamedPorts { get; set; } = new();

            [ListType(ListType.Set)]
            public List<Mode> Modes { get; set; } = new();

            [ListType(ListType.Atomic)]
            public string[]? Order { get; set; }

            [MapType(MapType.Atomic)]
            public Inner? Selector { get; set; }

            [MapType(MapType.Granular)]
            public Dictionary<string, string> Labels { get; set; } = new();
        }

        public sealed class NamedPort
        {
            [JsonPropertyName("name")]
            public required string PortName { get; set; }

            [Required]
            public int Number { get; set; }
        }

        public enum Mode
        {
            Slow,
            [JsonStringEnumMemberName("fast-lane")]
            FastLane,
            Fast = FastLane,
        }

        public struct Port
        {
            public int Number { get; set; }

            public string? Protocol { get; set; }
        }

        public sealed class Inner
        {
            public required string Name { get; init; }

            public Deeper? Deeper { get; set; }
        }

        /// <summary>Third level.</summary>
        public sealed class Deeper
        {
            public List<List<string>> Matrix { get; set; } = new();
        }

        public sealed class MachineryStatus
        {
            public int Replicas { get; set; }

            public string? Selector { get; set; }
        }
        """;

    /// <summary>
    /// One Kind in three versions, v1 stored: v1alpha1 has another shape and converts through
    /// IConvertsToStorage, v1beta1 has v1's shape and needs no conversion.
    /// </summary>
    public const string SeveralVersions = """
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Resources;

        namespace Shop.V1Alpha1
        {
            /// <summary>An order, first version.</summary>
            [Kind("shop.example.com", "v1alpha1")]
            public partial class Order : IConvertsToStorage<Order, Shop.V1.Order>
            {
                public OrderSpec Spec { get; set; } = new();

                public Shop.V1.Order ToStorage() => new() { Spec = new() { Item = Spec.Item, Quantity = 1 } };

                public static Order FromStorage(Shop.V1.Order storage) => new() { Spec = new() { Item = storage.Spec.Item } };
            }

            public sealed class OrderSpec
            {
                public string? Item { get; set; }
            }
        }

        namespace Shop.V1Beta1
        {
            /// <summary>An order, beta.</summary>
            [Kind("shop.example.com", "v1beta1")]
            public partial class Order
            {
                public Shop.V1.OrderSpec Spec { get; set; } = new();
            }
        }

        namespace Shop.V1
        {
            /// <summary>An order.</summary>
            [Kind("shop.example.com", "v1")]
            [StorageVersion]
            public partial class Order
            {
                public OrderSpec Spec { get; set; } = new();
            }

            public sealed class OrderSpec
            {
                public string? Item { get; set; }

                public int Quantity { get; set; }
            }
        }
        """;

    /// <summary>A cluster-scoped Kind in the global namespace, with validation.</summary>
    public const string ClusterScoped = """
        using System.Collections.Generic;
        using ApiBuilder.Runtime.Objects;
        using ApiBuilder.Runtime.Resources;

        /// <summary>A region of the cluster.</summary>
        [Kind("infra.example.com", "v1", Scope = ResourceScope.Cluster, Categories = ["all"])]
        public partial class Region : KubernetesObject, IValidated<Region>
        {
            public RegionSpec Spec { get; set; } = new();

            public IEnumerable<FieldError> Validate() { yield break; }
        }

        public sealed class RegionSpec
        {
            public List<string> Zones { get; set; } = new();
        }
        """;
}
