using System.Collections.Concurrent;
using Switchboard.Local.Inference;
using Switchboard.Local.Native;

namespace Switchboard.Local.Serving;

/// <summary>
/// Continuous batching over one llama.cpp context: up to <see cref="Slots"/> sequences are decoded
/// together, each step one batch holding every active sequence's next token (and prompt chunks of newly
/// admitted ones), so a new request joins at the next step instead of waiting for the others to finish.
/// Requests beyond the slots wait in a FIFO queue. One dedicated thread owns the context; callers only
/// enqueue and read their events. Thread-safe.
/// </summary>
internal sealed class BatchedGenerator : IDisposable
{
    private readonly LlamaModel _model;
    private readonly LlamaContext _context;
    private readonly ConcurrentQueue<GenerationHandle> _queue = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Slot?[] _slots;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private int _active;

    public BatchedGenerator(LlamaModel model, int slots, int slotContext, int? threads = null)
    {
        _model = model;
        Slots = slots;
        SlotContext = slotContext;
        _context = new LlamaContext(model, slots * slotContext, batchSize: 512, maxSequences: slots, threads: threads);
        _slots = new Slot?[slots];
        _thread = new Thread(Loop) { IsBackground = true, Name = "llama " + Path.GetFileName(model.Path) };
        _thread.Start();
    }

    public int Slots { get; }

    /// <summary>Tokens one sequence may hold (prompt and answer).</summary>
    public int SlotContext { get; }

    /// <summary>Sequences being generated or waiting.</summary>
    public int Busy => Volatile.Read(ref _active) + _queue.Count;

    public int Queued => _queue.Count;

    public LlamaModel Model => _model;

    /// <summary>Queues a request; throws <see cref="ContextLengthExceededException"/> when its prompt cannot fit a slot.</summary>
    public GenerationHandle Enqueue(GenerationRequest request, CancellationToken cancellationToken)
    {
        if (request.Prompt.Length >= SlotContext)
        {
            throw new ContextLengthExceededException(request.Prompt.Length, SlotContext);
        }

        ObjectDisposedException.ThrowIf(_stopping, this);
        var handle = new GenerationHandle(request, cancellationToken);
        _queue.Enqueue(handle);
        _wake.Release();
        return handle;
    }

    public void Dispose()
    {
        _stopping = true;
        _wake.Release();
        _thread.Join();
        _context.Dispose();
        _wake.Dispose();
    }

    private void Loop()
    {
        while (!_stopping)
        {
            Admit();
            if (Volatile.Read(ref _active) == 0)
            {
                _wake.Wait(TimeSpan.FromMilliseconds(200));
                continue;
            }

            try
            {
                Step();
            }
            catch (LlamaLibraryException ex)
            {
                FailAll(ex.Message);
            }
        }

        FailAll("the model was unloaded");
        while (_queue.TryDequeue(out var waiting))
        {
            waiting.Complete(new GenerationEvent("", "cancelled", Error: "the model was unloaded"));
        }
    }

    private void Admit()
    {
        for (var i = 0; i < _slots.Length && !_queue.IsEmpty; i++)
        {
            if (_slots[i] is null && _queue.TryDequeue(out var handle))
            {
                _context.ClearSequence(i);
                _slots[i] = new Slot(handle, new SamplerChain(_model, handle.Request.Sampling), new TokenTextDecoder(_model), new StopSequenceFilter(handle.Request.Stop));
                Interlocked.Increment(ref _active);
            }
        }
    }

    /// <summary>One decode: every active slot contributes its pending tokens; then each slot that produced logits samples.</summary>
    private void Step()
    {
        var outputs = new (int Slot, int BatchIndex)[_slots.Length];
        var outputCount = 0;
        for (var s = 0; s < _slots.Length; s++)
        {
            if (_slots[s] is not { } slot)
            {
                continue;
            }

            if (slot.Handle.CancellationToken.IsCancellationRequested)
            {
                Finish(s, "cancelled");
                continue;
            }

            var prompt = slot.Handle.Request.Prompt;
            if (slot.PromptFed < prompt.Length)
            {
                // Prompt chunk: as much as the batch has room for; logits only for the prompt's last token.
                while (slot.PromptFed < prompt.Length && _context.Pending < _context.BatchSize)
                {
                    var last = slot.PromptFed == prompt.Length - 1;
                    if (last)
                    {
                        outputs[outputCount++] = (s, _context.Pending);
                    }

                    _context.Add(prompt[slot.PromptFed], slot.Position++, s, last);
                    slot.PromptFed++;
                }
            }
            else if (slot.NextToken is { } token && _context.Pending < _context.BatchSize)
            {
                outputs[outputCount++] = (s, _context.Pending);
                _context.Add(token, slot.Position++, s, true);
                slot.NextToken = null;
            }
        }

        if (_context.Pending == 0)
        {
            return;
        }

        _context.Decode();
        for (var o = 0; o < outputCount; o++)
        {
            var (s, batchIndex) = outputs[o];
            if (_slots[s] is { } slot)
            {
                SampleNext(s, slot, batchIndex);
            }
        }
    }

    private void SampleNext(int s, Slot slot, int batchIndex)
    {
        var token = slot.Sampler.Sample(_context.Handle, batchIndex);
        if (_model.IsEndOfGeneration(token))
        {
            Finish(s, "stop");
            return;
        }

        slot.Generated++;
        var (release, stopped) = slot.Stops.Push(slot.Decoder.Append(token));
        if (release.Length > 0)
        {
            slot.Handle.Emit(new GenerationEvent(release));
        }

        if (stopped)
        {
            Finish(s, "stop", flush: false);
        }
        else if (slot.Generated >= slot.Handle.Request.MaxTokens || slot.Position >= SlotContext)
        {
            Finish(s, "length");
        }
        else
        {
            slot.NextToken = token;
        }
    }

    private void Finish(int s, string reason, bool flush = true, string? error = null)
    {
        var slot = _slots[s]!;
        if (flush && slot.Stops.Push(slot.Decoder.Flush()).Release is { Length: > 0 } tail)
        {
            slot.Handle.Emit(new GenerationEvent(tail));
        }

        if (flush && slot.Stops.Flush() is { Length: > 0 } held)
        {
            slot.Handle.Emit(new GenerationEvent(held));
        }

        slot.Handle.Complete(new GenerationEvent("", reason, slot.Handle.Request.Prompt.Length, slot.Generated, error));
        slot.Sampler.Dispose();
        _slots[s] = null;
        _context.ClearSequence(s);
        Interlocked.Decrement(ref _active);
    }

    private void FailAll(string error)
    {
        for (var s = 0; s < _slots.Length; s++)
        {
            if (_slots[s] is not null)
            {
                Finish(s, "cancelled", flush: false, error: error);
            }
        }
    }

    private sealed class Slot(GenerationHandle handle, SamplerChain sampler, TokenTextDecoder decoder, StopSequenceFilter stops)
    {
        public GenerationHandle Handle { get; } = handle;

        public SamplerChain Sampler { get; } = sampler;

        public TokenTextDecoder Decoder { get; } = decoder;

        public StopSequenceFilter Stops { get; } = stops;

        public int PromptFed { get; set; }

        public int Position { get; set; }

        public int Generated { get; set; }

        public int? NextToken { get; set; }
    }
}
