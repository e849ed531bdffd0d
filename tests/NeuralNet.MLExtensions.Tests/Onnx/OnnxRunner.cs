using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>
/// Runs an exported ONNX model with ONNX Runtime, in-process, on every row of an IDataView at once: each graph input is
/// fed from the data's column of the same name (float, string, bool or uint scalars and vectors, as [rows, width]).
/// </summary>
internal static class OnnxRunner
{
    public static byte[] Export(MLContext ml, ITransformer model, IDataView data)
    {
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, stream);
        return stream.ToArray();
    }

    public static byte[] Export(MLContext ml, ITransformer model, IDataView data, int opset)
    {
        using var stream = new MemoryStream();
        ml.Model.ConvertToOnnx(model, data, opset, stream);
        return stream.ToArray();
    }

    /// <summary>Every output of the graph, by name, as a flat array of its element type.</summary>
    public static Dictionary<string, Array> Run(byte[] onnx, IDataView data)
    {
        using var session = new InferenceSession(onnx);
        var inputs = session.InputMetadata.Select(i => Input(i.Key, i.Value, data)).ToList();
        using var results = session.Run(inputs);
        return results.ToDictionary(r => r.Name, r => Flatten(r));
    }

    private static Array Flatten(DisposableNamedOnnxValue value) => value.ElementType switch
    {
        TensorElementType.Float => value.AsTensor<float>().ToArray(),
        TensorElementType.UInt32 => value.AsTensor<uint>().ToArray(),
        TensorElementType.Bool => value.AsTensor<bool>().ToArray(),
        TensorElementType.Int64 => value.AsTensor<long>().ToArray(),
        TensorElementType.String => value.AsTensor<string>().ToArray(),
        _ => throw new NotSupportedException($"Output {value.Name}: element type {value.ElementType} is not read by the tests."),
    };

    private static NamedOnnxValue Input(string name, NodeMetadata meta, IDataView data)
    {
        DataViewSchema.Column column = data.Schema[name];
        int width = column.Type is VectorDataViewType v ? v.Size : 1;
        DataViewType item = ColumnReader.ItemType(column.Type);
        int rows;
        if (item == NumberDataViewType.Single)
        {
            var values = ColumnReader.Floats(data, name);
            rows = values.Length / width;
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, [rows, width]));
        }
        if (item is TextDataViewType)
        {
            var values = ColumnReader.Read<ReadOnlyMemory<char>>(data, name).Select(m => m.ToString()).ToArray();
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<string>(values, [values.Length, 1]));
        }
        if (item is BooleanDataViewType)
        {
            var values = ColumnReader.Read<bool>(data, name);
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<bool>(values, [values.Length, 1]));
        }
        if (item.RawType == typeof(uint))
        {
            var values = ColumnReader.Read<uint>(data, name);
            return NamedOnnxValue.CreateFromTensor(name, new DenseTensor<uint>(values, [values.Length, 1]));
        }
        throw new NotSupportedException($"Input {name}: {column.Type} ({meta.ElementType}) is not fed by the tests.");
    }
}
