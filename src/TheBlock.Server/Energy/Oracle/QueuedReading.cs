using TheBlock.Client.Energy;
using TheBlock.Client.Energy.Oracle;
using TheBlock.Protocol.Energy;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>
/// A verified reading on its way to the node, with the submitter's pending answer. It is either waiting, in flight to
/// the node, or abandoned (its submitter was answered <c>unavailable</c>): an abandoned reading is never sent, so a
/// submitter told to send again never finds its first copy credited behind its back.
/// </summary>
public sealed class QueuedReading(SignedReading reading, string trackingId, long receivedTimestamp)
{
    private const int Waiting = 0;
    private const int InFlight = 1;
    private const int Abandoned = 2;
    private int _state;

    public SignedReading Reading { get; } = reading;

    public ReadingSubmission Submission { get; } = ReadingSubmission.From(reading);

    public string TrackingId { get; } = trackingId;

    /// <summary>When the oracle received it (<see cref="TimeProvider.GetTimestamp"/>), for <c>oracle_latency_seconds</c>.</summary>
    public long ReceivedTimestamp { get; } = receivedTimestamp;

    public TaskCompletionSource<ReadingAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Claims it for a call to the node; false once abandoned.</summary>
    public bool TryStartSending() => Interlocked.CompareExchange(ref _state, InFlight, Waiting) != Abandoned;

    /// <summary>Back to waiting after a call that did not reach the node, so its submitter may still give up.</summary>
    public void SendFailed() => Interlocked.CompareExchange(ref _state, Waiting, InFlight);

    /// <summary>Gives up on it unless a call to the node already carries it.</summary>
    public bool TryAbandon() => Interlocked.CompareExchange(ref _state, Abandoned, Waiting) == Waiting;

    /// <summary>A copy to send again after its transaction vanished from the node (a restart emptied the mempool); nobody waits on its answer.</summary>
    public QueuedReading Resend() => new(Reading, TrackingId, ReceivedTimestamp);
}
