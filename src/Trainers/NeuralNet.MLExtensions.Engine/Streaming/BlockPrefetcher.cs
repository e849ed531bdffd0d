using System.Collections.Concurrent;
using System.Globalization;

namespace NeuralNet.MLExtensions.Engine.Streaming;

/// <summary>
/// Reads a source's blocks on a background thread, at most <c>depth</c> blocks ahead, so the training thread takes a
/// filled block without waiting whenever the reading keeps up. Blocks go round: the reader fills free ones, the
/// consumer hands each back with <see cref="Return"/>; nothing is allocated after the start. A reader's failure
/// reaches the consumer, after the blocks read before it, as an <see cref="InvalidOperationException"/> naming the
/// data, the row and the block; disposing stops the reader. The reader thread also takes the read's
/// <see cref="ReadFingerprint"/> of the rows as read, then applies the consumer's <c>prepare</c> step (such as scaling)
/// to each block, so that work runs beside the training instead of before it.
/// </summary>
internal sealed class BlockPrefetcher : IDisposable
{
    private const int PollMilliseconds = 50;
    private readonly IRowBlockSource _source;
    private readonly string _pass;
    private readonly BlockingCollection<RowBlock> _full, _free = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;
    private readonly Action<RowBlock>? _prepare;
    private readonly int _passIndex;
    private ReadFingerprint _fingerprint;
    private Exception? _error;
    private long _failedAt;
    private int _blocksRead;

    /// <param name="source">The rows.</param>
    /// <param name="blockRows">Rows per block.</param>
    /// <param name="depth">Filled blocks waiting at most.</param>
    /// <param name="pass">The pass as messages name it ("the first pass", "epoch 3").</param>
    /// <param name="prepare">Applied to every block on the reader thread after its rows enter the fingerprint, or null.</param>
    /// <param name="passIndex">0 for the first pass, e for epoch e (a source that shuffles its reads orders rows by it).</param>
    public BlockPrefetcher(IRowBlockSource source, int blockRows, int depth, string pass, Action<RowBlock>? prepare = null, int passIndex = 0)
    {
        _passIndex = passIndex;
        _source = source;
        _pass = pass;
        _prepare = prepare;
        _full = new BlockingCollection<RowBlock>(depth);
        for (int i = 0; i < depth + 2; i++) _free.Add(new RowBlock(blockRows, source.FeatureCount, source.HasWeights, source.HasTargets));
        BlockRows = blockRows;
        _thread = new Thread(Produce) { IsBackground = true, Name = "Mlp block reader" };
        _thread.Start();
    }

    /// <summary>Rows per block.</summary>
    public int BlockRows { get; }

    /// <summary>The fingerprint of every row read, as read; complete once <see cref="Next"/> has returned null.</summary>
    public ReadFingerprint Fingerprint => _fingerprint;

    /// <summary>
    /// The next filled block, or null after the last; <paramref name="throwIfCancelled"/> is polled while waiting.
    /// Throws the reader's failure once the blocks read before it are taken.
    /// </summary>
    public RowBlock? Next(Action throwIfCancelled)
    {
        while (true)
        {
            throwIfCancelled();
            if (_full.TryTake(out var block, PollMilliseconds)) return block;
            if (!_full.IsCompleted) continue;
            if (_error is OperationCanceledException) throw _error;
            if (_error is not null) throw Failure(_error);
            return null;
        }
    }

    // The reader's failure in words: the data, the rows read before it (a source that reads ahead, such as ML.NET's
    // parallel cursors, may fail on a later row), the block, the pass, and the innermost cause.
    private InvalidOperationException Failure(Exception error)
    {
        string cause = error.Message.TrimEnd();
        var root = error.GetBaseException();
        if (root != error) cause += $" ({root.GetType().Name}: {root.Message.TrimEnd()})";
        if (!cause.EndsWith('.')) cause += ".";
        return new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"Reading {_source.Name} failed after row {_failedAt} (in block {_blocksRead} of {BlockRows} rows) during {_pass}: {cause} No model was trained; fix or replace the data source and train again."), error);
    }

    /// <summary>Gives a block taken with <see cref="Next"/> back for refilling.</summary>
    public void Return(RowBlock block) => _free.Add(block);

    private void Produce()
    {
        IRowBlockReader? reader = null;
        try
        {
            reader = _source.Open(_passIndex);
            while (true)
            {
                var block = _free.Take(_stop.Token);
                block.Count = 0;
                if (!reader.Read(block) || block.Count == 0) break;
                for (int r = 0; r < block.Count; r++)
                    _fingerprint.Add(block.Positions[r], block.Row(r), block.Labels[r], block.Weights?[r] ?? 1f, block.Targets?[r] ?? 0f);
                _prepare?.Invoke(block);
                _full.Add(block, _stop.Token);
                _blocksRead++;
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            _failedAt = reader?.Position ?? 0;
            _error = e;
        }
        finally
        {
            try { reader?.Dispose(); }
            catch (Exception e) when (_error is null && !_stop.IsCancellationRequested) { _error = e; }
            _full.CompleteAdding();
        }
    }

    /// <summary>Stops the reader thread and waits for it.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
        _full.Dispose();
        _free.Dispose();
    }
}
