namespace NeuralNet.MLExtensions.Engine.Losses;

/// <summary>
/// The training loss of a k-member ensemble: the mean over the members of the task's loss, each member predicting
/// every row of the batch (TabM trains all members on the same batches). The outputs are member-major,
/// [(k·B)×width] with member i's prediction of row b at row i·B + b, so the task's loss runs once over k·B rows whose
/// labels, targets and weights are the batch's repeated k times, and the sum is divided by k:
/// L = (1/k)·Σ_i Σ_b w_b·loss(z_ib), dL/dz_ib = (1/k)·w_b·∂loss/∂z_ib.
/// </summary>
internal sealed class EnsembleLoss : ILoss
{
    private readonly ILoss _members;
    private readonly int _k;
    private readonly int[] _labels;
    private readonly float[] _targets, _weights;

    /// <summary><paramref name="members"/>: the task's loss, with room for k·<paramref name="batchCapacity"/> rows.</summary>
    public EnsembleLoss(ILoss members, int k, int batchCapacity)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), k, $"An ensemble loss needs at least 2 members; got {k}.");
        _members = members;
        _k = k;
        int rows = Modules.BufferSize.Of(batchCapacity, k, "Member rows of a mini-batch");
        (_labels, _targets, _weights) = (new int[rows], new float[rows], new float[rows]);
    }

    /// <summary>outputs: [(k·B)×width] → (1/k)·Σ_members Σ_rows w·loss.</summary>
    public double Forward(ReadOnlySpan<float> outputs, int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights)
    {
        Repeat(batch, labels, targets, weights);
        return _members.Forward(outputs, _k * batch, _labels, Rows(_targets, targets, batch), Rows(_weights, weights, batch)) / _k;
    }

    /// <summary>dOutputs: [(k·B)×width] = (scale/k)·w·∂loss/∂z, member by member.</summary>
    public void Backward(int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights, float scale, Span<float> dOutputs) =>
        _members.Backward(_k * batch, _labels, Rows(_targets, targets, batch), Rows(_weights, weights, batch), scale / _k, dOutputs);

    // The batch's labels, targets and weights once per member.
    private void Repeat(int batch, ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, ReadOnlySpan<float> weights)
    {
        for (int i = 0; i < _k; i++)
        {
            labels[..batch].CopyTo(_labels.AsSpan(i * batch, batch));
            if (!targets.IsEmpty) targets[..batch].CopyTo(_targets.AsSpan(i * batch, batch));
            if (!weights.IsEmpty) weights[..batch].CopyTo(_weights.AsSpan(i * batch, batch));
        }
    }

    // The repeated values, or empty when the caller gave none (no weights: all 1; classification: no targets).
    private ReadOnlySpan<float> Rows(float[] repeated, ReadOnlySpan<float> given, int batch) =>
        given.IsEmpty ? default : repeated.AsSpan(0, _k * batch);
}
