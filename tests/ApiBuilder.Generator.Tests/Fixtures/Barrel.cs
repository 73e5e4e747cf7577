using ApiBuilder.Runtime.Objects;
using ApiBuilder.Runtime.Resources;

namespace ApiBuilder.Generator.Tests.Fixtures
{
    /// <summary>Barrel v1, the storage version: how much it holds is <c>spec.size</c>.</summary>
    [Kind("versions.apibuilder.io", "v1")]
    [StorageVersion]
    [StatusSubresource]
    [PrinterColumn("Size", ".spec.size", Type = "integer")]
    public partial class Barrel
    {
        /// <summary>Desired state.</summary>
        public BarrelSpec Spec { get; set; } = new();

        /// <summary>Observed state.</summary>
        public BarrelStatus? Status { get; set; }
    }

    /// <summary>BarrelSpec of v1.</summary>
    public sealed class BarrelSpec
    {
        /// <summary>Litres the barrel holds.</summary>
        public int Size { get; set; }

        /// <summary>What is in it.</summary>
        public string? Contents { get; set; }
    }

    /// <summary>BarrelStatus, the same in both versions.</summary>
    public sealed class BarrelStatus
    {
        /// <summary>Litres filled.</summary>
        public int Filled { get; set; }
    }
}

namespace ApiBuilder.Generator.Tests.Fixtures.V2
{
    /// <summary>Barrel v2: <c>spec.size</c> was renamed <c>spec.capacity</c>; converts through v1.</summary>
    [Kind("versions.apibuilder.io", "v2")]
    [StatusSubresource]
    [PrinterColumn("Capacity", ".spec.capacity", Type = "integer")]
    public partial class Barrel : IConvertsToStorage<Barrel, Fixtures.Barrel>
    {
        /// <summary>Desired state.</summary>
        public BarrelSpec Spec { get; set; } = new();

        /// <summary>Observed state.</summary>
        public BarrelStatus? Status { get; set; }

        /// <inheritdoc />
        public Fixtures.Barrel ToStorage() => new()
        {
            Spec = new() { Size = Spec.Capacity, Contents = Spec.Contents },
            Status = Status,
        };

        /// <inheritdoc />
        public static Barrel FromStorage(Fixtures.Barrel storage) => new()
        {
            Spec = new() { Capacity = storage.Spec.Size, Contents = storage.Spec.Contents },
            Status = storage.Status,
        };
    }

    /// <summary>BarrelSpec of v2.</summary>
    public sealed class BarrelSpec
    {
        /// <summary>Litres the barrel holds (v1: size).</summary>
        public int Capacity { get; set; }

        /// <summary>What is in it.</summary>
        public string? Contents { get; set; }
    }
}
