namespace ApiBuilder.Generator.Parsing
{
    /// <summary>Metadata names of the runtime types and attributes the generator recognizes.</summary>
    internal static class KnownNames
    {
        public const string KindAttribute = "ApiBuilder.Runtime.Resources.KindAttribute";
        public const string PrinterColumnAttribute = "ApiBuilder.Runtime.Resources.PrinterColumnAttribute";
        public const string SelectableFieldAttribute = "ApiBuilder.Runtime.Resources.SelectableFieldAttribute";
        public const string StatusSubresourceAttribute = "ApiBuilder.Runtime.Resources.StatusSubresourceAttribute";
        public const string ScaleSubresourceAttribute = "ApiBuilder.Runtime.Resources.ScaleSubresourceAttribute";
        public const string StorageVersionAttribute = "ApiBuilder.Runtime.Resources.StorageVersionAttribute";
        public const string SubresourceAttribute = "ApiBuilder.Runtime.Resources.SubresourceAttribute";
        public const string StorageAttribute = "ApiBuilder.Runtime.Resources.StorageAttribute";
        public const string ListTypeAttribute = "ApiBuilder.Runtime.Resources.ListTypeAttribute";
        public const string MapTypeAttribute = "ApiBuilder.Runtime.Resources.MapTypeAttribute";
        public const string ReadOnlyStorage = "ApiBuilder.Runtime.Rest.IReadOnlyStorage<TKind>";
        public const string Storage = "ApiBuilder.Runtime.Storage.IStorage";
        public const string SubresourceDefinition = "ApiBuilder.Runtime.Rest.SubresourceDefinition";
        public const string KubernetesObject = "ApiBuilder.Runtime.Objects.KubernetesObject";
        public const string Defaulted = "ApiBuilder.Runtime.Objects.IDefaulted";
        public const string Validated = "ApiBuilder.Runtime.Objects.IValidated<TSelf>";
        public const string ConvertsToStorage = "ApiBuilder.Runtime.Objects.IConvertsToStorage<TSelf, TStorage>";

        public const string JsonPropertyName = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
        public const string JsonIgnore = "System.Text.Json.Serialization.JsonIgnoreAttribute";
        public const string JsonStringEnumMemberName = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
        public const string Required = "System.ComponentModel.DataAnnotations.RequiredAttribute";
        public const string Range = "System.ComponentModel.DataAnnotations.RangeAttribute";
        public const string MinLength = "System.ComponentModel.DataAnnotations.MinLengthAttribute";
        public const string MaxLength = "System.ComponentModel.DataAnnotations.MaxLengthAttribute";
        public const string StringLength = "System.ComponentModel.DataAnnotations.StringLengthAttribute";
        public const string RegularExpression = "System.ComponentModel.DataAnnotations.RegularExpressionAttribute";
        public const string Description = "System.ComponentModel.DescriptionAttribute";
        public const string DefaultValue = "System.ComponentModel.DefaultValueAttribute";
    }
}
