using TheBlock.Client.Energy.Oracle;

namespace TheBlock.Server.Energy.Oracle;

/// <summary>What became of each accepted reading, by tracking id, for <c>GET /readings/{id}</c>; the oldest are forgotten past the capacity.</summary>
public sealed class TrackingTable(OracleOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TrackingView> _views = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Pending(QueuedReading reading, string txHash) => Put(new TrackingView(
        reading.TrackingId, TrackingView.Pending, reading.Reading.ProviderId, reading.Reading.Meter, reading.Reading.Nonce, txHash, null, null, null, null));

    public void Included(QueuedReading reading, string txHash, ulong height, ulong? creditId) => Put(new TrackingView(
        reading.TrackingId, TrackingView.Included, reading.Reading.ProviderId, reading.Reading.Meter, reading.Reading.Nonce, txHash, height, creditId, null, null));

    public void Rejected(QueuedReading reading, string? txHash, ulong? height, string reason, string message) => Put(new TrackingView(
        reading.TrackingId, TrackingView.Rejected, reading.Reading.ProviderId, reading.Reading.Meter, reading.Reading.Nonce, txHash, height, null, reason, message));

    public TrackingView? Get(string trackingId)
    {
        lock (_gate)
        {
            return _views.GetValueOrDefault(trackingId);
        }
    }

    private void Put(TrackingView view)
    {
        lock (_gate)
        {
            if (!_views.ContainsKey(view.TrackingId))
            {
                _order.Enqueue(view.TrackingId);
                while (_order.Count > options.TrackingCapacity)
                {
                    _views.Remove(_order.Dequeue());
                }
            }

            _views[view.TrackingId] = view;
        }
    }
}
