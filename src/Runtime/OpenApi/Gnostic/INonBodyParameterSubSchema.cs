using Google.Protobuf.Collections;

namespace ApiBuilder.Runtime.OpenApi.Gnostic;

/// <summary>
/// The fields the four messages of a non-body parameter (header, formData, query, path) share, under the same names
/// though not all under the same numbers, so that one piece of code fills any of them.
/// </summary>
internal interface INonBodyParameterSubSchema
{
    bool Required { get; set; }

    string In { get; set; }

    string Description { get; set; }

    string Name { get; set; }

    string Type { get; set; }

    string Format { get; set; }

    PrimitivesItems? Items { get; set; }

    string CollectionFormat { get; set; }

    Any? Default { get; set; }

    double Maximum { get; set; }

    bool ExclusiveMaximum { get; set; }

    double Minimum { get; set; }

    bool ExclusiveMinimum { get; set; }

    long MaxLength { get; set; }

    long MinLength { get; set; }

    string Pattern { get; set; }

    long MaxItems { get; set; }

    long MinItems { get; set; }

    bool UniqueItems { get; set; }

    RepeatedField<Any> Enum { get; }

    double MultipleOf { get; set; }

    RepeatedField<NamedAny> VendorExtension { get; }
}

internal sealed partial class HeaderParameterSubSchema : INonBodyParameterSubSchema;

internal sealed partial class FormDataParameterSubSchema : INonBodyParameterSubSchema;

internal sealed partial class QueryParameterSubSchema : INonBodyParameterSubSchema;

internal sealed partial class PathParameterSubSchema : INonBodyParameterSubSchema;
