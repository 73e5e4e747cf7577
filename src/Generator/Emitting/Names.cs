namespace ApiBuilder.Generator.Emitting
{
    /// <summary>Fully qualified names used by generated code.</summary>
    internal static class Names
    {
        public const string GeneratedJson = "global::ApiBuilder.Runtime.Objects.GeneratedJson";
        public const string Reader = "global::System.Text.Json.Utf8JsonReader";
        public const string Writer = "global::System.Text.Json.Utf8JsonWriter";
        public const string TokenType = "global::System.Text.Json.JsonTokenType";
        public const string ResourceDefinition = "global::ApiBuilder.Runtime.Resources.ResourceDefinition";

        public static string GeneratedCode => "[global::System.CodeDom.Compiler.GeneratedCode(\"ApiBuilder.Generator\", \"" + Version + "\")]";

        public static readonly string Version = typeof(Names).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
