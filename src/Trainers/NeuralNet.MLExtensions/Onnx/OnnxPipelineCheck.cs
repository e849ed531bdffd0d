using Microsoft.ML;

namespace NeuralNet.MLExtensions.Onnx;

/// <summary>
/// Refuses to export a pipeline whose steps before ours cannot all be exported. ML.NET's converter stops its walk at
/// such a step with only a warning, makes the original input columns the graph's inputs and leaves the step out, so
/// the graph would compute something else (or read a column nobody feeds).
/// </summary>
internal static class OnnxPipelineCheck
{
    /// <summary>Walks from <paramref name="source"/> back to the data and throws naming the first step that cannot be exported.</summary>
    public static void ThrowIfUpstreamNotExportable(IDataView source, object context)
    {
        for (IDataView? view = source; view is not null;)
        {
            IDataView? before = MlNetInternals.SourceOf(view);
            if (before is null) return; // the data the pipeline was applied to: its columns become the graph's inputs
            if (!MlNetInternals.CanSaveOnnx(view, context))
                throw new NotSupportedException(
                    $"The pipeline cannot be exported to ONNX: the step {Describe(view, before)} has no ONNX export, so " +
                    "ML.NET would leave it out of the graph. Remove it from the pipeline you export, or compute its columns before the data reaches the pipeline.");
            view = before;
        }
    }

    // "RowToRowMapperTransform (producing column 'X')": the type alone is often a generic ML.NET wrapper, so name what it makes.
    internal static string Describe(IDataView view, IDataView? before)
    {
        var produced = view.Schema.Where(c => !c.IsHidden && (before is null || IsNewOrReplaced(c, before.Schema)))
            .Select(c => $"'{c.Name}'").ToArray();
        string columns = produced.Length == 0 ? "" : $" (producing column{(produced.Length == 1 ? "" : "s")} {string.Join(", ", produced)})";
        return $"{view.GetType().Name}{columns}";
    }

    private static bool IsNewOrReplaced(DataViewSchema.Column column, DataViewSchema before)
    {
        DataViewSchema.Column? old = before.GetColumnOrNull(column.Name);
        return old is null || old.Value.Index != column.Index || !old.Value.Type.Equals(column.Type);
    }
}
