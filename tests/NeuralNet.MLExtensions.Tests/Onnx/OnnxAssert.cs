using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Onnx;

/// <summary>Compares ONNX Runtime's results with ML.NET's, value by value.</summary>
internal static class OnnxAssert
{
    /// <summary>The agreement asked of every score: 1e-5 relative, in float32.</summary>
    public const double RelativeTolerance = 1e-5;

    /// <summary>float32's smallest normal number: below it float32 has no relative precision to speak of.</summary>
    public const float SmallestNormal = 1.17549435e-38f;

    /// <summary>
    /// Every value within <see cref="RelativeTolerance"/>. A logit or a regression output (<paramref name="scale"/> 1), a
    /// sum of terms that can cancel near zero, is compared relative to max(|value|, <paramref name="scale"/>): a
    /// different float32 summation order (ONNX Runtime's MatMul) moves such a sum by a few units in the last place of its
    /// terms, which is no relative precision at all for a sum near zero. A probability (the default,
    /// <see cref="SmallestNormal"/>) is exp of a log-probability computed from such sums, so it is compared through its
    /// log in the same way: |ln a − ln b| within the tolerance of max(|ln a|, |ln b|, 1). For probabilities near 1 that
    /// is the plain relative difference; a confident model's tiny probabilities (2e-7, a log of −15) may differ in
    /// their fifth digit, as their logits' last places do. Two probabilities below float32's normal range are equal.
    /// </summary>
    public static void Close(float[] expected, float[] actual, string what, float scale = SmallestNormal)
    {
        Assert.HasCount(expected.Length, actual, $"{what}: value count");
        double worst = 0;
        int worstIndex = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double a = expected[i], b = actual[i];
            double error = scale != SmallestNormal ? Math.Abs(a - b) / Math.Max(Math.Max(Math.Abs(a), Math.Abs(b)), scale)
                : a <= SmallestNormal && b <= SmallestNormal ? 0
                : a <= 0 || b <= 0 ? 1
                : Math.Abs(Math.Log(a) - Math.Log(b)) / Math.Max(Math.Max(Math.Abs(Math.Log(a)), Math.Abs(Math.Log(b))), 1);
            if (error > worst) (worst, worstIndex) = (error, i);
        }
        Assert.IsLessThanOrEqualTo(RelativeTolerance, worst,
            $"{what}: worst relative difference {worst:G3} at value {worstIndex} (ML.NET {(worstIndex < 0 ? 0 : expected[worstIndex]):R}, ONNX {(worstIndex < 0 ? 0 : actual[worstIndex]):R}).");
    }

    /// <summary>Runs <paramref name="onnx"/> on <paramref name="data"/> and checks each named column against <paramref name="scored"/>.</summary>
    public static Dictionary<string, Array> SameAsMlNet(byte[] onnx, IDataView data, IDataView scored, params string[] columns) =>
        SameAsMlNet(onnx, data, scored, SmallestNormal, columns);

    /// <summary>As above, floats compared relative to at least <paramref name="scale"/> (see <see cref="Close"/>).</summary>
    public static Dictionary<string, Array> SameAsMlNet(byte[] onnx, IDataView data, IDataView scored, float scale, params string[] columns)
    {
        var outputs = OnnxRunner.Run(onnx, data);
        foreach (string column in columns) Same(scored, column, outputs[column + ".output"], "ONNX Runtime", scale);
        return outputs;
    }

    /// <summary>
    /// The same, through ML.NET's own ApplyOnnxModel (Microsoft.ML.OnnxTransformer), which names each output column
    /// after the graph output without its ".output".
    /// </summary>
    public static void SameThroughApplyOnnxModel(MLContext ml, byte[] onnx, IDataView data, IDataView scored, params string[] columns) =>
        SameThroughApplyOnnxModel(ml, onnx, data, scored, SmallestNormal, columns);

    /// <summary>As above, floats compared relative to at least <paramref name="scale"/> (see <see cref="Close"/>).</summary>
    public static void SameThroughApplyOnnxModel(MLContext ml, byte[] onnx, IDataView data, IDataView scored, float scale, params string[] columns)
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlp-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, onnx);
        try
        {
            var applied = ml.Transforms.ApplyOnnxModel(path).Fit(data).Transform(data);
            foreach (string column in columns)
            {
                Type raw = ColumnReader.ItemType(applied.Schema[column].Type).RawType;
                Array values = raw == typeof(float) ? ColumnReader.Floats(applied, column)
                    : raw == typeof(uint) ? ColumnReader.Read<uint>(applied, column)
                    : raw == typeof(bool) ? ColumnReader.Read<bool>(applied, column)
                    : ColumnReader.Read<ReadOnlyMemory<char>>(applied, column).Select(m => m.ToString()).ToArray();
                Same(scored, column, values, "ApplyOnnxModel", scale);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void Same(IDataView scored, string column, Array actual, string runner, float scale)
    {
        switch (actual)
        {
            case float[] f: Close(ColumnReader.Floats(scored, column), f, $"{runner} {column}", scale); break;
            case uint[] u: CollectionAssert.AreEqual(ColumnReader.Read<uint>(scored, column), u, $"{runner} {column}"); break;
            case bool[] b: CollectionAssert.AreEqual(ColumnReader.Read<bool>(scored, column), b, $"{runner} {column}"); break;
            case string[] s:
                CollectionAssert.AreEqual(ColumnReader.Read<ReadOnlyMemory<char>>(scored, column).Select(m => m.ToString()).ToArray(), s, $"{runner} {column}");
                break;
            default: throw new NotSupportedException($"{column}: {actual.GetType()}");
        }
    }
}
