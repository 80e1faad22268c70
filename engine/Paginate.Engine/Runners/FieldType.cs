namespace Paginate.Engine.Runners;

/// <summary>The optional type of a select field (<c>output_name:path:type</c>, CONTRACT §1 shape, v2).</summary>
public enum FieldType
{
    /// <summary>No type: the value is written as the upstream sent it (v1).</summary>
    None,

    /// <summary><c>string</c>: a number or boolean becomes its text.</summary>
    String,

    /// <summary><c>number</c>: a numeric string becomes a number.</summary>
    Number,

    /// <summary><c>integer</c>: a number or numeric string without a fractional part.</summary>
    Integer,

    /// <summary><c>boolean</c>: <c>"true"</c>/<c>"false"</c> (any case) become booleans.</summary>
    Boolean,
}
