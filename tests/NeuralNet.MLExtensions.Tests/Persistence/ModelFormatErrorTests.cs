using System.Buffers.Binary;
using System.Text;

namespace NeuralNet.MLExtensions.Tests.Persistence;

/// <summary>Each defect of a model file gets its own InvalidDataException naming what is wrong.</summary>
[TestClass]
public sealed class ModelFormatErrorTests
{
    private static void Expect(byte[] bytes, string message)
    {
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ModelBytes.Load(bytes));
        StringAssert.Contains(e.Message, message);
    }

    // The payload as the format writes it, built field by field, so the tests can lie in any one field.
    private sealed class Payload
    {
        private readonly MemoryStream _stream = new();
        private readonly BinaryWriter _w;
        public Payload() => _w = new BinaryWriter(_stream, Encoding.UTF8, leaveOpen: true);
        public Payload Int(int v) { _w.Write(v); return this; }
        public Payload Long(long v) { _w.Write(v); return this; }
        public Payload Byte(byte v) { _w.Write(v); return this; }
        public Payload Floats(int n, float v = 0.5f) { for (int i = 0; i < n; i++) _w.Write(v); return this; }
        public Payload Text(string s) { var b = Encoding.UTF8.GetBytes(s); _w.Write(b.Length); _w.Write(b); return this; }
        /// <summary>Format 5's input-stage block with none: length 1, flags 0.</summary>
        public Payload NoInputStage() => Int(1).Byte(0);
        public byte[] Framed() { _w.Flush(); return ModelBytes.Frame(_stream.ToArray()); }
    }

    // features "", 2 inputs, one hidden layer of 3 ReLU, task multiclass (format 4), 2 classes, the ensemble block
    // (format 5: 4 bytes, k), no input stage (format 5), no standardisation, no key values.
    private static Payload Architecture(int hiddenSize = 3, byte activation = 0, int classes = 2, byte task = 0, int ensembleBlock = 4, int k = 1,
        Func<Payload, Payload>? inputStage = null) =>
        (inputStage ?? (p => p.NoInputStage()))(new Payload().Text("").Int(2).Int(1).Int(hiddenSize).Byte(activation).Byte(task).Int(classes).Int(ensembleBlock).Int(k)).Byte(0).Byte(0);

    [TestMethod]
    public void Load_InputStagePeriodicAndPiecewiseLinearTogether_IsRefused() =>
        Expect(Architecture(inputStage: p => p.Int(1).Byte(5)).Framed(), "input stage flags are 5, expected 0 to 7 with at most one of periodic (1) and piecewise-linear (4)");

    [TestMethod]
    public void Load_PiecewiseLinearFlagInFormatVersion5_IsRefused()
    {
        // A valid version-6 encoding (feature 0 in one bin), stamped version 5: that version had no such flag.
        var bytes = Architecture(inputStage: p => p.Int(1 + 4 + 8 + 8 + 8).Byte(4).Int(1).Int(0).Int(2).Floats(1, 0f).Floats(1, 1f).Floats(1, 0f).Floats(1, 1f)).Framed();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 5);
        Expect(ModelBytes.Reseal(bytes), "input stage flags are 4, expected 0 to 3 in format version 5");
    }

    [TestMethod]
    public void Load_PiecewiseLinearFeatureCountBeyondTheBytesLeft_IsRefusedBeforeAllocating() =>
        Expect(Architecture(inputStage: p => p.Int(1 + 4).Byte(4).Int(2)).Framed(), "2 encoded features need at least 32 bytes but only");

    [TestMethod]
    public void Load_PiecewiseLinearEdgesNotIncreasing_IsRefusedNamingTheFeature() =>
        // flags 4; one encoded feature, index 1, 3 edges 0, 2, 2; 2 column means and scales.
        Expect(Architecture(inputStage: p => p.Int(1 + 4 + 8 + 12 + 16).Byte(4).Int(1).Int(1).Int(3).Floats(1, 0f).Floats(2, 2f).Floats(2, 0f).Floats(2, 1f)).Framed(),
            "MLP model is corrupt: The bin edges of feature 1 must be finite and strictly increasing; edge 2 is 2.");

    [TestMethod]
    public void Load_PiecewiseLinearEdgeCountBeyondTheBytesLeft_IsRefusedBeforeAllocating() =>
        Expect(Architecture(inputStage: p => p.Int(1 + 4 + 8 + 8).Byte(4).Int(1).Int(0).Int(200).Floats(2, 0f)).Framed(), "encoded feature 0 needs 200 bin edges but only");

    // ... 17 parameters, stop reason, empty history, best epoch 0, no training state (format version 5; the byte after the class count is the feature scaling kind, 0 = None).
    private static Payload Valid() => Architecture().Long(3 * 2 + 3 + 2 * 3 + 2).Floats(17).Byte(0).Int(0).Int(0).Byte(0);

    [TestMethod]
    public void Load_HandBuiltValidPayload_Succeeds()
    {
        var model = ModelBytes.Load(Valid().Framed());
        Assert.AreEqual(2, model.FeatureCount);
        Assert.AreEqual(3, model.GetWeights(0).GetLength(0));
    }

    [TestMethod]
    public void Load_UnknownTask_IsRefused() => Expect(Architecture(task: 7).Framed(), "unknown task code 7");

    [TestMethod]
    public void Load_BinaryWithThreeClasses_IsRefused() => Expect(Architecture(classes: 3, task: 1).Framed(), "class count is 3; it must be between 2 and 2");

    [TestMethod]
    [DataRow(0)]
    [DataRow(65)]
    public void Load_EnsembleSizeOutOfRange_IsRefused(int k) =>
        Expect(Architecture(k: k).Framed(), $"ensemble size (4-byte block) is {k}; it must be between 1 and 64");

    [TestMethod]
    public void Load_EnsembleBlockOfAnotherLength_IsRefused() =>
        Expect(Architecture(ensembleBlock: 8).Framed(), "ensemble block length is 8; it must be between 4 and 4");

    [TestMethod]
    public void Load_EnsembleWithTheParametersOfASingleNetwork_IsRefused() =>
        Expect(Architecture(k: 2).Long(17).Floats(17).Byte(0).Int(0).Int(0).Byte(0).Framed(), "it declares 17 parameters but architecture 2-3(Relu)-2 x2 members has 29");

    [TestMethod]
    public void Load_EmptyStream_SaysEmpty() => Expect([], "the stream is empty");

    [TestMethod]
    public void Load_BadMagic_SaysNotAModel()
    {
        var bytes = ModelBytes.Bytes;
        bytes[0] ^= 0xFF;
        Expect(bytes, "Not an MLP model: the magic value 'NNMLPMDL' is missing");
    }

    [TestMethod]
    public void Load_NewerVersion_SaysWhichAndWhatToDo()
    {
        var bytes = ModelBytes.Bytes;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 9);
        Expect(ModelBytes.Reseal(bytes), "Unsupported MLP model format version 9: this library reads versions 1 to 6. The model was saved by a newer NeuralNet.MLExtensions");
    }

    [TestMethod]
    public void Load_VersionZero_IsUnsupported()
    {
        var bytes = ModelBytes.Bytes;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), 0);
        Expect(bytes, "Unsupported MLP model format version 0");
    }

    [TestMethod]
    public void Load_TruncatedHeader_SaysTruncated() => Expect(ModelBytes.Bytes[..12], "MLP model is truncated: the header needs 16 bytes, got 12");

    [TestMethod]
    public void Load_TruncatedPayload_SaysHowMuch()
    {
        var bytes = ModelBytes.Bytes;
        Expect(bytes[..40], "MLP model is truncated: the payload should be");
    }

    [TestMethod]
    public void Load_MissingChecksum_SaysTruncated()
    {
        var bytes = ModelBytes.Bytes;
        Expect(bytes[..^5], "the checksum needs 32 bytes, got 27");
    }

    [TestMethod]
    public void Load_FlippedPayloadBit_FailsChecksum()
    {
        var bytes = ModelBytes.Bytes;
        bytes[100] ^= 0x10;
        Expect(bytes, "MLP model checksum mismatch");
    }

    [TestMethod]
    public void Load_PayloadLengthOverLimit_RefusedBeforeReading()
    {
        var bytes = ModelBytes.Bytes;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), int.MaxValue);
        Expect(bytes, $"it declares a payload of {int.MaxValue} bytes; the limit is 1073741824");
    }

    [TestMethod]
    public void Load_BillionWeightsClaimed_RefusedWithoutAllocating()
    {
        // 40,000 inputs × 25,000 hidden units: a billion weights, in a payload of a few dozen bytes.
        var bytes = new Payload().Text("").Int(40_000).Int(1).Int(25_000).Byte(0).Byte(0).Int(2).Int(4).Int(1).NoInputStage().Byte(0).Byte(0)
            .Long(40_000L * 25_000 + 25_000 + 2 * 25_000 + 2).Floats(4).Byte(0).Int(0).Framed();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Expect(bytes, "parameters need 4000300008 bytes but only");
        Assert.IsLessThan(10_000_000, GC.GetAllocatedBytesForCurrentThread() - before, "no large allocation for a false claim");
    }

    [TestMethod]
    public void Load_NegativeLayerSize_NamesTheField() =>
        Expect(Architecture(hiddenSize: -5).Framed(), "size of hidden layer 0 is -5; it must be between 1 and 1048576");

    [TestMethod]
    public void Load_UnknownActivation_NamesTheLayer() =>
        Expect(Architecture(activation: 42).Framed(), "unknown activation code 42 in hidden layer 0");

    [TestMethod]
    public void Load_OneClass_IsRefused() =>
        Expect(Architecture(classes: 1).Framed(), "class count is 1; it must be between 2 and");

    [TestMethod]
    public void Load_ParameterCountMismatch_SaysBoth() =>
        Expect(Architecture().Long(99).Floats(99).Byte(0).Int(0).Framed(), "it declares 99 parameters but architecture 2-3(Relu)-2 has 17");

    [TestMethod]
    public void Load_NaNWeight_IsRefused() =>
        Expect(Architecture().Long(17).Floats(16).Floats(1, float.NaN).Byte(0).Int(0).Framed(), "parameter 16 is NaN");

    [TestMethod]
    public void Load_TrailingBytes_AreRefused() =>
        Expect(Valid().Byte(7).Framed(), "1 unexpected bytes after the last field");

    [TestMethod]
    public void Load_HugeClassNameLength_IsRefused() =>
        // 2 inputs, no hidden layer, multiclass, 2 classes, a single network, no standardisation, text class names whose first claims 2 GB.
        Expect(new Payload().Text("").Int(2).Int(0).Byte(0).Int(2).Int(4).Int(1).NoInputStage().Byte(0).Byte(1).Int(int.MaxValue).Framed(),
            "class value 0 length is 2147483647; it must be between 0 and 65536");
}
