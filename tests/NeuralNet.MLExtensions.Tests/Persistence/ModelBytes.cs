using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.ML;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>A small trained model and its saved bytes, plus helpers to take the frame apart and reseal it.</summary>
internal static class ModelBytes
{
    public const int HeaderLength = 16;
    public const int ChecksumLength = 32;

    private static readonly Lazy<(MlpModelParameters Model, byte[] Bytes)> Cached = new(() =>
    {
        var ml = new MLContext(seed: 0);
        var model = IrisPipeline.Train(ml, IrisPipeline.Rows("iris_train.csv"), new MlpTrainer.Options { HiddenLayerSizes = [6], MaximumNumberOfEpochs = 3 });
        var mlp = ((IEnumerable<ITransformer>)model).OfType<MlpPredictionTransformer>().Single().Model;
        using var stream = new MemoryStream();
        mlp.Save(stream);
        return (mlp, stream.ToArray());
    });

    public static MlpModelParameters Model => Cached.Value.Model;
    public static byte[] Bytes => (byte[])Cached.Value.Bytes.Clone();

    /// <summary>Recomputes the checksum after the header or payload was changed on purpose.</summary>
    public static byte[] Reseal(byte[] framed)
    {
        int payload = BinaryPrimitives.ReadInt32LittleEndian(framed.AsSpan(12));
        var body = framed.AsSpan(0, HeaderLength + payload);
        var result = new byte[body.Length + ChecksumLength];
        body.CopyTo(result);
        SHA256.HashData(body, result.AsSpan(body.Length));
        return result;
    }

    /// <summary>A framed model whose payload is <paramref name="payload"/>, with a correct checksum.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> payload)
    {
        var framed = new byte[HeaderLength + payload.Length];
        Bytes.AsSpan(0, HeaderLength).CopyTo(framed);
        BinaryPrimitives.WriteInt32LittleEndian(framed.AsSpan(12), payload.Length);
        payload.CopyTo(framed.AsSpan(HeaderLength));
        return Reseal([.. framed, .. new byte[ChecksumLength]]);
    }

    public static MlpModelParameters Load(byte[] bytes) => MlpModelParameters.Load(new MemoryStream(bytes));

    /// <summary>Probabilities of the iris test rows, for comparing loaded models.</summary>
    public static float[] Predictions(MlpModelParameters model)
    {
        var test = TabularData.Load("iris_test.csv");
        var all = new List<float>();
        var row = new float[test.FeatureCount];
        var p = new float[model.Classes.Count];
        for (int r = 0; r < test.Rows; r++)
        {
            test.Features.AsSpan(r * test.FeatureCount, test.FeatureCount).CopyTo(row);
            model.Standardizer?.Apply(row, row);
            model.Network.Predict(row, p);
            all.AddRange(p);
        }
        return [.. all];
    }
}
