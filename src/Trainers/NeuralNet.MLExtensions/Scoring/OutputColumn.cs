using Microsoft.ML;
using Microsoft.ML.Data;

namespace NeuralNet.MLExtensions.Scoring;

/// <summary>
/// A column appended to the input: its name, type and annotations, and how its getter reads the current row's
/// computed floats (for example a copy of all of them, or the index of the largest).
/// </summary>
internal sealed record OutputColumn(string Name, DataViewType Type, DataViewSchema.Annotations Annotations, Func<RowValues, Delegate> MakeGetter)
{
    /// <summary>A known-size vector of Single holding all the row's computed floats.</summary>
    public static OutputColumn Vector(string name, int size, DataViewSchema.Annotations annotations) =>
        new(name, new VectorDataViewType(NumberDataViewType.Single, size), annotations, values => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> destination) =>
        {
            var row = values.Current();
            var editor = VBufferEditor.Create(ref destination, row.Length);
            row.CopyTo(editor.Values);
            destination = editor.Commit();
        }));
}
