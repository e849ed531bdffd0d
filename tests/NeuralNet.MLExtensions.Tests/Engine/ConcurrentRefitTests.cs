using NeuralNet.MLExtensions.Engine;
using NeuralNet.MLExtensions.Engine.Training;

namespace NeuralNet.MLExtensions.Tests.Engine;

/// <summary>
/// The refit that runs beside its held-out run on a second thread must give the sequential refit's model bit for bit:
/// weights, optimizer state, history, stop reason and the epoch reports, in the same order.
/// </summary>
[TestClass]
public sealed class ConcurrentRefitTests
{
    private static readonly Lazy<TabularData> Iris = new(() => TabularData.Load("iris_train.csv"));

    private static MlpTrainingSettings Settings(int threads, Action<EpochReport>? reported = null, int members = 1, int patience = 5,
        bool restoreBest = true, MlpTask task = MlpTask.Multiclass, float learningRate = 0.01f, CancellationToken token = default, bool shareEveryBatch = false,
        Func<bool>? poll = null) => new()
    {
        MinimumParallelStepMultiplyAdds = shareEveryBatch ? 0 : TrainingThreads.MinimumStepMultiplyAdds,
        Task = task, HiddenLayerSizes = [16], MaximumNumberOfEpochs = 80, LearningRate = learningRate, Seed = 3, NumberOfThreads = threads,
        ValidationFraction = 0.25f, EarlyStoppingPatience = patience, RefitMaximumRows = 1_000, EnsembleSize = members,
        RestoreBestWeights = restoreBest, EpochCompleted = reported, CancellationToken = token, IsCancellationRequested = poll,
    };

    private static MlpTrainingResult Train(MlpTrainingSettings settings)
    {
        var d = Iris.Value;
        if (settings.Task != MlpTask.Regression) return MlpEngine.Train(d.Features, d.FeatureCount, d.Labels, default, d.ClassCount, settings);
        // A regression target from the data: the class plus the first feature.
        var targets = d.Labels.Select((l, r) => l + d.Features[r * d.FeatureCount]).ToArray();
        return MlpEngine.TrainRegression(d.Features, d.FeatureCount, targets, default, settings);
    }

    private static void AssertSame(MlpTrainingResult sequential, MlpTrainingResult concurrent)
    {
        CollectionAssert.AreEqual(sequential.Network.Parameters.ToArray(), concurrent.Network.Parameters.ToArray(), "weights");
        Assert.AreEqual(sequential.StopReason, concurrent.StopReason);
        Assert.AreEqual(sequential.BestEpoch, concurrent.BestEpoch);
        CollectionAssert.AreEqual(sequential.History.Select(h => (h.Epoch, h.TrainingLoss, h.LearningRate)).ToArray(),
            concurrent.History.Select(h => (h.Epoch, h.TrainingLoss, h.LearningRate)).ToArray(), "history");
        var (s, c) = (sequential.TrainingState, concurrent.TrainingState);
        Assert.AreEqual((s.EpochsCompleted, s.ScheduleEpochs, s.OptimizerStepCount, s.Convergence, s.InitialLoss),
            (c.EpochsCompleted, c.ScheduleEpochs, c.OptimizerStepCount, c.Convergence, c.InitialLoss));
        Assert.HasCount(s.OptimizerState.Count, c.OptimizerState);
        for (int i = 0; i < s.OptimizerState.Count; i++) CollectionAssert.AreEqual(s.OptimizerState[i], c.OptimizerState[i], $"optimizer buffer {i}");
    }

    private static void RequireTwoCores()
    {
        if (Environment.ProcessorCount < 2) Assert.Inconclusive("The refit runs beside the held-out run only with two or more processors.");
    }

    [TestMethod]
    [DataRow(1, 5, true, MlpTask.Multiclass)]
    [DataRow(4, 5, true, MlpTask.Multiclass)]
    [DataRow(1, 2, true, MlpTask.Multiclass)]
    [DataRow(1, 5, false, MlpTask.Multiclass)]
    [DataRow(1, 5, true, MlpTask.Regression)]
    public void Refit_BesideTheHeldOutRun_IsTheSequentialRefit(int members, int patience, bool restoreBest, MlpTask task)
    {
        RequireTwoCores();
        var sequentialEpochs = new List<int>();
        var concurrentEpochs = new List<int>();
        var concurrentSettings = Settings(2, r => concurrentEpochs.Add(r.Epoch), members, patience, restoreBest, task);
        Assert.IsTrue(ConcurrentRefit.Pays(concurrentSettings), "two threads: the refit runs beside the held-out run");
        Assert.IsFalse(ConcurrentRefit.Pays(Settings(1)), "one thread: one run after the other");

        var sequential = Train(Settings(1, r => sequentialEpochs.Add(r.Epoch), members, patience, restoreBest, task));
        var concurrent = Train(concurrentSettings);

        AssertSame(sequential, concurrent);
        CollectionAssert.AreEqual(sequentialEpochs, concurrentEpochs, "the held-out run's epochs, then the refit's");
        Assert.IsLessThan(sequentialEpochs.Count, sequential.History.Count, "the refit is shorter than held-out run plus refit");
    }

    [TestMethod]
    public void Refit_PastTheBestEpoch_EndsWithItsCopyOfTheBestEpoch()
    {
        // A slow held-out run (its epoch reports sleep) lets the refit catch up and run past the best epoch while the
        // held-out run waits out its patience: the refit must hand back its copy of the best epoch, not be run again
        // on the caller's thread (which would give the same model): between the held-out run's last epoch report and
        // the refit's first, the caller's thread polls for cancellation once, where a refit run again polls before
        // each of its mini-batches.
        RequireTwoCores();
        var sequential = Train(Settings(1));
        int heldEpochs = CountHeldOutEpochs(), caller = Environment.CurrentManagedThreadId, reports = 0, polls = 0;
        Assert.IsGreaterThan(sequential.BestEpoch, heldEpochs, "the held-out run goes on past its best epoch");
        var concurrent = Train(Settings(2, _ => { reports++; Thread.Sleep(10); }, poll: () =>
        {
            if (Environment.CurrentManagedThreadId == caller && reports == heldEpochs) polls++;
            return false;
        }));
        AssertSame(sequential, concurrent);
        Assert.AreEqual(1, polls, "the caller's polls between the held-out run's last report and the refit's first");
    }

    [TestMethod]
    public void Refit_ConcurrentAndSequential_FailAlikeWhenTheHeldOutRunDiverges()
    {
        RequireTwoCores();
        var sequential = Assert.ThrowsExactly<ArithmeticException>(() => Train(Settings(1, learningRate: 1e6f)));
        var concurrent = Assert.ThrowsExactly<ArithmeticException>(() => Train(Settings(2, learningRate: 1e6f)));
        Assert.AreEqual(sequential.Message, concurrent.Message);
    }

    [TestMethod]
    [DataRow(3)]
    [DataRow(0)]
    public void Refit_CancelledDuringOrJustAfterTheHeldOutRun_ThrowsAndReturnsNoModel(int epochsBeforeTheEnd)
    {
        // Cancelled in the held-out run's epoch report a few epochs before its end (0: its very last report, when only
        // the refit is left to cancel): both ways end in OperationCanceledException, none hangs.
        RequireTwoCores();
        int heldEpochs = CountHeldOutEpochs();
        foreach (int threads in new[] { 1, 2 })
        {
            using var cancellation = new CancellationTokenSource();
            int seen = 0;
            var settings = Settings(threads, _ => { if (++seen == heldEpochs - epochsBeforeTheEnd) cancellation.Cancel(); }, token: cancellation.Token);
            Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings), $"{threads} threads");
        }
    }

    [TestMethod]
    [DataRow(2, true)]
    [DataRow(0, false)]
    public void Refit_CancelledInTheRefitsEpochReport_EndsAsTheSequentialRefitDoes(int refitReport, bool throws)
    {
        // Cancelled in the refit's epoch report 2 (0: its last): the sequential refit stops at its next mini-batch with
        // OperationCanceledException, or, after its last report, has no mini-batch left and returns its model. The refit
        // beside the held-out run reports its epochs after it has run them; a request made in one must end it alike.
        RequireTwoCores();
        int heldEpochs = CountHeldOutEpochs(), refitEpochs = Train(Settings(1)).History.Count;
        Assert.IsGreaterThan(2, refitEpochs, "the refit has epochs after its second");
        int at = heldEpochs + (refitReport > 0 ? refitReport : refitEpochs);
        foreach (int threads in new[] { 1, 2 })
        {
            using var cancellation = new CancellationTokenSource();
            int seen = 0;
            var settings = Settings(threads, _ => { if (++seen == at) cancellation.Cancel(); }, token: cancellation.Token);
            if (throws) Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings), $"{threads} threads");
            else Assert.HasCount(refitEpochs, Train(settings).History, $"{threads} threads");
        }
    }

    [TestMethod]
    public void Refit_OneShotCancellationSeenByTheRefit_StopsTheHeldOutRunToo()
    {
        // IsCancellationRequested may say true once (it reads a key press, takes a message off a queue); the sequential
        // run, polling on one thread, then stops. Beside the held-out run the refit polls too, on its own thread, and
        // may be the one to see it: training must still end in OperationCanceledException, not in a refit run again
        // after the held-out run. Here the request comes after the held-out run's epoch 2 and only the refit's thread
        // takes it, the order a race may give.
        RequireTwoCores();
        int caller = Environment.CurrentManagedThreadId, requested = 0, reports = 0;
        var settings = Settings(2, _ => { if (++reports == 2) Volatile.Write(ref requested, 1); },
            poll: () => Environment.CurrentManagedThreadId != caller && Interlocked.Exchange(ref requested, 0) == 1);
        Assert.ThrowsExactly<OperationCanceledException>(() => Train(settings));
    }

    // The held-out run's epochs: the epoch reports of a sequential run with refit, less the refit's.
    private static int CountHeldOutEpochs()
    {
        int reports = 0;
        var result = Train(Settings(1, _ => reports++));
        return reports - result.History.Count;
    }

    [TestMethod]
    public void Refit_BesideTheHeldOutRun_SharingEachMiniBatch_IsTheSequentialRefit()
    {
        // Four threads: two for each run, every mini-batch shared (no small-step rule), against one thread in turn.
        RequireTwoCores();
        var sequential = Train(Settings(1, members: 4));
        var shared = Train(Settings(4, members: 4, shareEveryBatch: true));
        AssertSame(sequential, shared);
        Assert.AreEqual((1, 1), ConcurrentRefit.Threads(2));
        Assert.AreEqual((1, 2), ConcurrentRefit.Threads(3));
        Assert.AreEqual((2, 2), ConcurrentRefit.Threads(4));
    }

    [TestMethod]
    public void Coordination_KeepsTheLeadersCandidates_AndStopsPastItsBestEpoch()
    {
        var link = new ConcurrentRefit();
        // The leader's epochs 1..4 would end with epochs 1, 2, 2, 4.
        link.LeaderCompleted(1, 1);
        link.LeaderCompleted(2, 2);
        link.LeaderCompleted(3, 2);
        link.LeaderCompleted(4, 4);
        var kept = new List<int>();
        for (int epoch = 1; epoch <= 4; epoch++)
        {
            Assert.IsTrue(link.FollowerCompleted(epoch, out bool keep));
            if (keep) kept.Add(epoch);
        }
        CollectionAssert.AreEqual(new[] { 1, 2, 4 }, kept);

        // The follower's epoch 5 waits for the leader, which ends with epoch 4: stop, keep nothing.
        var waiting = Task.Run(() => (link.FollowerCompleted(5, out bool keep), keep));
        Assert.IsFalse(waiting.Wait(100), "the follower waits for the leader's epoch 5");
        link.LeaderFinished(4);
        Assert.IsTrue(waiting.Wait(5_000));
        Assert.AreEqual((false, false), waiting.Result);
    }

    [TestMethod]
    public void Coordination_TargetKnownBeforeTheFollowerGetsThere_KeepsExactlyTheTarget()
    {
        var link = new ConcurrentRefit();
        link.LeaderCompleted(1, 1);
        link.LeaderCompleted(2, 1);
        link.LeaderCompleted(3, 3);
        link.LeaderFinished(3);
        Assert.IsTrue(link.FollowerCompleted(1, out bool keep1));
        Assert.IsTrue(link.FollowerCompleted(2, out bool keep2));
        Assert.IsFalse(link.FollowerCompleted(3, out bool keep3));
        Assert.AreEqual((false, false, true), (keep1, keep2, keep3));
    }

    [TestMethod]
    public void Coordination_Abort_WakesAWaitingFollowerWithCancellation()
    {
        var link = new ConcurrentRefit();
        var waiting = Task.Run(() => link.FollowerCompleted(1, out _));
        Assert.IsFalse(waiting.Wait(100));
        link.Abort();
        var e = Assert.ThrowsExactly<AggregateException>(() => waiting.Wait(5_000));
        Assert.IsInstanceOfType<OperationCanceledException>(e.InnerException);
        Assert.IsTrue(link.IsAborted);
    }

    [TestMethod]
    public void Coordination_LeaderEpochsOutOfOrder_AreRefused()
    {
        var link = new ConcurrentRefit();
        link.LeaderCompleted(1, 1);
        var e = Assert.ThrowsExactly<InvalidOperationException>(() => link.LeaderCompleted(3, 3));
        StringAssert.Contains(e.Message, "epoch 3 after 1");
    }
}
