using System.Text;

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
        public const string ObjectConverter = "global::ApiBuilder.Runtime.Resources.ObjectConverter";
        public const string Conversions = "global::ApiBuilder.Runtime.Server.GeneratedConversions";

        public static string GeneratedCode => "[global::System.CodeDom.Compiler.GeneratedCode(\"ApiBuilder.Generator\", \"" + Version + "\")]";

        public static readonly string Version = typeof(Names).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

        /// <summary>
        /// The member of <c>GeneratedConversions</c> holding the converter of a Kind, unique per group and
        /// Kind: <c>Order_shop_example_com</c>. Kind names are letters and digits; in the group, '.' becomes
        /// '_' and '-' becomes "_2D" (groups are lower case, so neither can come from the other).
        /// </summary>
        public static string ConverterMember(string group, string kind)
        {
            var name = new StringBuilder(kind).Append('_');
            foreach (var c in group)
            {
                name.Append(c switch
                {
                    '.' => "_",
                    '-' => "_2D",
                    _ => c.ToString(),
                });
            }

            return name.ToString();
        }
    }
}
