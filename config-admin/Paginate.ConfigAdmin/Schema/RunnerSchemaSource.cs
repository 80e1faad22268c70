namespace Paginate.ConfigAdmin.Schema;

/// <summary>The runner definition's JSON Schema text.</summary>
internal static class RunnerSchemaSource
{
    public const string Json = """{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Paginate runner definition","type":"object"}""";
}
