using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Engine;

public static partial class MlpEngine
{
    /// <summary>
    /// Trains on all but the held-out rows to find the best epoch, then again from the start on all rows for that many
    /// epochs (the split copies the rows, so <paramref name="features"/> is still whole and unscaled here). With more
    /// than one thread, the refit runs beside the held-out run, each on half the threads (<see cref="ConcurrentRefit"/>),
    /// with the same result.
    /// </summary>
    private static MlpTrainingResult TrainAndRefit(float[] features, int rows, int featureCount, int[] labels, float[]? exampleWeights,
        int classCount, MlpTrainingSettings settings, float[]? targets)
    {
        int span = settings.LearningRateScheduleEpochs > 0 ? settings.LearningRateScheduleEpochs : settings.MaximumNumberOfEpochs;
        if (ConcurrentRefit.Pays(settings))
            return TrainBesideRefit(features, rows, featureCount, labels, exampleWeights, classCount, settings, targets, span);
        var held = TrainInPlace(features, rows, featureCount, labels, exampleWeights, classCount, settings.WithoutRefit(), targets: targets);
        return Refit(features, rows, featureCount, labels, exampleWeights, classCount, settings, targets, Math.Max(1, held.BestEpoch), span);
    }

    private static MlpTrainingResult Refit(float[] features, int rows, int featureCount, int[] labels, float[]? exampleWeights,
        int classCount, MlpTrainingSettings settings, float[]? targets, int epochs, int span) =>
        TrainInPlace(features, rows, featureCount, labels, exampleWeights, classCount, settings.ForRefit(epochs, span), targets: targets);

    // The held-out run here, the refit on another thread on its own copy of the features (it scales them in place while
    // the held-out run still reads them) for the whole span, kept at every epoch the held-out run may end with. Its
    // epoch reports reach EpochCompleted after the held-out run's, as they would after a sequential refit. A refit that
    // fails (divergence, cancellation) is run again sequentially, so it fails, or not, exactly as that one would.
    private static MlpTrainingResult TrainBesideRefit(float[] features, int rows, int featureCount, int[] labels, float[]? exampleWeights,
        int classCount, MlpTrainingSettings settings, float[]? targets, int span)
    {
        settings = settings.WithCancellationPoll(ConcurrentRefit.SharedPoll(settings.IsCancellationRequested));
        var link = new ConcurrentRefit();
        var (heldThreads, refitThreads) = ConcurrentRefit.Threads(settings.NumberOfThreads);
        var refitSettings = settings.ForRefit(settings.MaximumNumberOfEpochs, span, reportEpochs: false, threads: refitThreads);
        // Only the features need a copy: the refit scales them in place. Labels, weights and targets are only read (the
        // class weights and the standardised targets are new arrays).
        float[] refitFeatures = features[..(rows * featureCount)];
        var refit = Task.Factory.StartNew(() => TrainInPlace(refitFeatures, rows, featureCount, labels, exampleWeights, classCount, refitSettings,
            targets: targets, follows: link), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        MlpTrainingResult held;
        try
        {
            held = TrainInPlace(features, rows, featureCount, labels, exampleWeights, classCount, settings.WithoutRefit(heldThreads), targets: targets, leads: link);
        }
        catch
        {
            link.Abort();
            try { refit.Wait(); } catch (AggregateException) { }   // its failure is the abort's; the held-out run's is the one to report
            throw;
        }
        int best = Math.Max(1, held.BestEpoch);
        link.LeaderFinished(best);
        MlpTrainingResult? result = null;
        try
        {
            result = refit.GetAwaiter().GetResult();
        }
        catch (Exception)
        {
            // Diverged or cancelled, perhaps past the best epoch: decide as the sequential refit would.
        }
        // Cancelled after the refit's last mini-batch: the sequential refit, which starts only now, would not train.
        settings.ThrowIfCancelled();
        result = result is null ? null : AtEpoch(result, link.Kept, best);
        if (result is null)
            return Refit(features, rows, featureCount, labels, exampleWeights, classCount, settings, targets, best, span);
        // Its reports as the sequential refit makes them: a cancellation asked for in one stops it before the next epoch.
        for (int i = 0; i < result.History.Count; i++)
        {
            if (i > 0) settings.ThrowIfCancelled();
            settings.EpochCompleted?.Invoke(result.History[i]);
        }
        return result;
    }

    // The refit ended at best (stopped there, or converged there), ran past it (its kept copy), or converged before it
    // (as the sequential refit would); null if the copy is missing.
    private static MlpTrainingResult? AtEpoch(MlpTrainingResult refit, RefitSnapshot? kept, int best)
    {
        if (refit.BestEpoch <= best) return refit;
        if (kept is null || kept.Epoch != best) return null;
        kept.Parameters.CopyTo(refit.Network.ParameterArray, 0);
        return new MlpTrainingResult(refit.Network, refit.Standardizer, refit.History.Where(h => h.Epoch <= best).ToList(), StopReason.MaximumEpochsReached, kept.State)
        {
            TargetStandardizer = refit.TargetStandardizer,
        };
    }
}
