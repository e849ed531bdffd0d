namespace NeuralNet.MLExtensions.Engine.Modules;

/// <summary>
/// How scoring turns an ensemble's k member outputs (member-major, row i·B + b, see <see cref="EnsembleAdapter"/>)
/// into one prediction per row: the mean probability, written as the logits whose softmax (σ for binary) is that
/// mean, so every caller of the logits (scores, validation loss and accuracy) sees the ensemble's mean prediction.
/// Multiclass: log p̄_c = log Σ_i softmax(z_i)_c − log k; binary: logit(p̄) = log p̄ − log(1 − p̄) with
/// p̄ = mean σ(z_i); regression: the mean output. Each is computed with log-sum-exp in double precision, so it is
/// finite for any finite member logits. A hidden layer's ensemble activation is the members' mean activation.
/// Training never uses it: the loss is the mean of the members' losses (<see cref="Losses.EnsembleLoss"/>).
/// </summary>
internal static class MemberMean
{
    /// <summary>members: [(k·B)×width] → outputs: [B×width], the ensemble's logits (or mean regression output).</summary>
    public static void Outputs(MlpTask task, ReadOnlySpan<float> members, int batch, int k, int width, Span<float> outputs)
    {
        switch (task)
        {
            case MlpTask.Multiclass: MulticlassLogits(members, batch, k, width, outputs); break;
            case MlpTask.Binary: BinaryLogits(members, batch, k, outputs); break;
            default: Activations(members, batch, k, width, outputs); break;
        }
    }

    /// <summary>members: [(k·B)×width] → mean: [B×width], mean_i members[i·B + b].</summary>
    public static void Activations(ReadOnlySpan<float> members, int batch, int k, int width, Span<float> mean)
    {
        for (int b = 0; b < batch; b++)
            for (int c = 0; c < width; c++)
            {
                double sum = 0;
                for (int i = 0; i < k; i++) sum += members[(i * batch + b) * width + c];
                mean[b * width + c] = (float)(sum / k);
            }
    }

    private static void MulticlassLogits(ReadOnlySpan<float> members, int batch, int k, int classes, Span<float> logits)
    {
        Span<double> logNormalizer = k <= 256 ? stackalloc double[k] : new double[k];
        double logK = Math.Log(k);
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < k; i++) logNormalizer[i] = LogSumExp(members.Slice((i * batch + b) * classes, classes));
            for (int c = 0; c < classes; c++)
            {
                // log p_ic = z_ic − log Σ_c' exp z_ic'; then log Σ_i p_ic by log-sum-exp over the members.
                double max = double.NegativeInfinity;
                for (int i = 0; i < k; i++) max = Math.Max(max, members[(i * batch + b) * classes + c] - logNormalizer[i]);
                double sum = 0;
                for (int i = 0; i < k; i++) sum += Math.Exp(members[(i * batch + b) * classes + c] - logNormalizer[i] - max);
                logits[b * classes + c] = (float)(max + Math.Log(sum) - logK);
            }
        }
    }

    private static void BinaryLogits(ReadOnlySpan<float> members, int batch, int k, Span<float> logits)
    {
        Span<double> logP = k <= 256 ? stackalloc double[k] : new double[k];
        Span<double> logQ = k <= 256 ? stackalloc double[k] : new double[k];
        for (int b = 0; b < batch; b++)
        {
            for (int i = 0; i < k; i++)
            {
                double z = members[i * batch + b];
                logP[i] = -Softplus(-z);   // log σ(z)
                logQ[i] = -Softplus(z);    // log (1 − σ(z))
            }
            // logit(p̄) = log Σ_i σ(z_i) − log Σ_i (1 − σ(z_i)); the 1/k cancels.
            logits[b] = (float)(LogSumExp(logP) - LogSumExp(logQ));
        }
    }

    private static double Softplus(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

    private static double LogSumExp(ReadOnlySpan<float> values)
    {
        double max = double.NegativeInfinity;
        foreach (float v in values) max = Math.Max(max, v);
        double sum = 0;
        foreach (float v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    private static double LogSumExp(ReadOnlySpan<double> values)
    {
        double max = double.NegativeInfinity;
        foreach (double v in values) max = Math.Max(max, v);
        double sum = 0;
        foreach (double v in values) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }
}
