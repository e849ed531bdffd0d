using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions;

/// <summary>
/// The schema checks of the trainer and the transformer, in ML.NET's wording, each naming the column, what was
/// expected and how to fix it. Thrown as <see cref="ArgumentOutOfRangeException"/> for the parameter "inputSchema",
/// as ML.NET's own components do.
/// </summary>
internal static class SchemaChecks
{
    private const string Param = "inputSchema";

    public static SchemaShape.Column RequireShapeColumn(SchemaShape schema, string role, string name)
    {
        if (!TryFind(schema, name, out var column))
            throw new ArgumentOutOfRangeException(Param, $"Could not find {role} column '{name}'. The input has columns: {string.Join(", ", schema.Select(c => $"'{c.Name}'"))}.");
        return column;
    }

    public static DataViewSchema.Column RequireColumn(DataViewSchema schema, string role, string name)
    {
        var column = schema.GetColumnOrNull(name);
        if (column is null)
            throw new ArgumentOutOfRangeException(Param, $"Could not find {role} column '{name}'. The input has columns: {string.Join(", ", schema.Where(c => !c.IsHidden).Select(c => $"'{c.Name}'"))}.");
        return column.Value;
    }

    public static void CheckLabel(string name, bool isKey, string actualType)
    {
        if (!isKey)
            throw new ArgumentOutOfRangeException(Param,
                $"Schema mismatch for Label column '{name}': expected Key, got {actualType}. " +
                $"Map the label to a key first, e.g. mlContext.Transforms.Conversion.MapValueToKey(\"{name}\").");
    }

    public static void CheckFeatures(string name, bool isKnownSizeSingleVector, string actualType)
    {
        if (!isKnownSizeSingleVector)
            throw new ArgumentOutOfRangeException(Param,
                $"Schema mismatch for Features column '{name}': expected known-size vector of Single, got {actualType}. " +
                $"Combine the numeric input columns into one with mlContext.Transforms.Concatenate(\"{name}\", ...) (convert other types first, e.g. with mlContext.Transforms.Conversion.ConvertType).");
    }

    public static void CheckWeight(string name, bool isSingle, string actualType)
    {
        if (!isSingle)
            throw new ArgumentOutOfRangeException(Param,
                $"Schema mismatch for ExampleWeight column '{name}': expected Single, got {actualType}. " +
                $"Convert it with mlContext.Transforms.Conversion.ConvertType(\"{name}\", outputKind: DataKind.Single).");
    }

    public static void CheckFeatureSize(string name, int expected, int actual)
    {
        if (expected != actual)
            throw new ArgumentOutOfRangeException(Param,
                $"Schema mismatch for Features column '{name}': expected a vector of {expected} Single values (the size the model was trained on), got {actual}.");
    }

    /// <summary>Checks the features column of a concrete schema and returns its vector size.</summary>
    public static int CheckFeatures(DataViewSchema.Column column)
    {
        bool ok = column.Type is VectorDataViewType { ItemType: NumberDataViewType n, IsKnownSize: true } && n == NumberDataViewType.Single;
        CheckFeatures(column.Name, ok, Describe(column.Type));
        return ((VectorDataViewType)column.Type).Size;
    }

    public static bool TryFind(SchemaShape schema, string name, out SchemaShape.Column column)
    {
        foreach (var c in schema)
            if (c.Name == name)
            {
                column = c;
                return true;
            }
        column = default;
        return false;
    }

    /// <summary>A column shape in words, e.g. "Vector&lt;Single&gt;", "Key&lt;UInt32&gt;", "String".</summary>
    public static string Describe(SchemaShape.Column column)
    {
        string item = column.ItemType is TextDataViewType ? "String" : column.ItemType?.RawType.Name ?? "?";
        if (column.IsKey) item = $"Key<{item}>";
        return column.Kind switch
        {
            SchemaShape.Column.VectorKind.Vector => $"Vector<{item}>",
            SchemaShape.Column.VectorKind.VariableVector => $"VarVector<{item}>",
            _ => item,
        };
    }

    /// <summary>A column type in words.</summary>
    public static string Describe(DataViewType type) => type.ToString() ?? type.RawType.Name;
}
