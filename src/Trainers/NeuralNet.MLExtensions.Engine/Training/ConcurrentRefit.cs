namespace NeuralNet.MLExtensions.Engine.Training;

/// <summary>
/// Runs a refit beside its held-out run instead of after it. The held-out run (the leader, on the caller's thread)
/// trains on four fifths of the rows and finds the best epoch; the refit (the follower, on a second thread) trains on
/// all rows from the same start with the same schedule span, so its epoch e is what the sequential refit's epoch e would
/// be. After each of its epochs the follower waits until the leader has finished the same epoch, keeps a copy of its
/// weights and state when that epoch is the leader's best so far, and stops once it has passed the leader's final best
/// epoch. The result is bit for bit the sequential refit's (same weights, state, history and stop reason) in about the
/// time of the longer run, not the sum of both.
/// </summary>
internal sealed class ConcurrentRefit
{
    private readonly object _lock = new();
    private readonly List<int> _candidates = [];   // after the leader's epoch e (index e−1): the epoch it would end with
    private int _target = -1;                       // the leader's final best epoch, once it has finished
    private bool _aborted;

    /// <summary>The follower's copy of its epoch that is, or may become, the leader's best; null before any.</summary>
    public RefitSnapshot? Kept { get; private set; }

    /// <summary>Set when the leader failed: the follower stops at its next mini-batch.</summary>
    public bool IsAborted => Volatile.Read(ref _aborted);

    /// <summary>
    /// Whether a run with <paramref name="settings"/> should refit beside its held-out run: it may use more than one
    /// thread on a machine with more than one processor. Two runs side by side, each on half the threads, beat each run
    /// in turn on all of them: a small network's mini-batch is too little work to share at all (<see cref="TrainingThreads"/>),
    /// and a large one's shares with hand-offs and memory traffic the independent runs do not have.
    /// </summary>
    public static bool Pays(MlpTrainingSettings settings) => settings.NumberOfThreads > 1 && Environment.ProcessorCount > 1;

    /// <summary>The threads of the held-out run and of the refit beside it: half each, the refit (the longer run) the odd one.</summary>
    public static (int HeldOut, int Refit) Threads(int threads) => (threads / 2, threads - threads / 2);

    /// <summary>
    /// The caller's cancellation poll as both runs call it: one call at a time (the callback need not be thread-safe),
    /// and true for both once it has said true to either (a callback may say true once, e.g. for a key press it reads;
    /// the refit alone stopping would be run again after the held-out run, and train where the sequential run stopped).
    /// </summary>
    public static Func<bool>? SharedPoll(Func<bool>? poll)
    {
        if (poll is null) return null;
        var gate = new object();
        bool requested = false;
        return () =>
        {
            lock (gate) return requested = requested || poll();
        };
    }

    /// <summary>The leader finished <paramref name="epoch"/>; if it stopped now it would end with <paramref name="candidate"/>'s weights.</summary>
    public void LeaderCompleted(int epoch, int candidate)
    {
        lock (_lock)
        {
            if (epoch != _candidates.Count + 1)
                throw new InvalidOperationException($"The held-out run reported epoch {epoch} after {_candidates.Count}.");
            _candidates.Add(candidate);
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>The leader has ended; its result holds <paramref name="bestEpoch"/>'s weights, the refit's length.</summary>
    public void LeaderFinished(int bestEpoch)
    {
        lock (_lock)
        {
            _target = bestEpoch;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>The leader failed: the follower stops.</summary>
    public void Abort()
    {
        lock (_lock)
        {
            _aborted = true;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>
    /// The follower finished <paramref name="epoch"/> (without stopping on its own): waits for the leader's same epoch
    /// and says whether to go on; <paramref name="keep"/> says whether the leader may end with this epoch, so the
    /// follower must <see cref="Keep"/> a copy of it.
    /// </summary>
    public bool FollowerCompleted(int epoch, out bool keep)
    {
        int target, candidate;
        lock (_lock)
        {
            while (!_aborted && _target < 0 && _candidates.Count < epoch) Monitor.Wait(_lock);
            if (_aborted) throw new OperationCanceledException("The held-out run beside this refit failed.");
            target = _target;
            candidate = epoch <= _candidates.Count ? _candidates[epoch - 1] : -1;
        }
        keep = target >= 0 ? epoch == target : candidate == epoch;
        return target < 0 || epoch < target;
    }

    /// <summary>The follower's copy of the epoch <see cref="FollowerCompleted"/> said to keep.</summary>
    public void Keep(RefitSnapshot snapshot) => Kept = snapshot;
}

/// <summary>The refit's weights and training state after <paramref name="Epoch"/>, kept in case the refit must end there.</summary>
internal sealed record RefitSnapshot(int Epoch, float[] Parameters, TrainingState State);
