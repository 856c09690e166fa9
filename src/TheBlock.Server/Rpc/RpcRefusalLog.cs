using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;

namespace TheBlock.Server.Rpc;

/// <summary>
/// Decides which refusals (unauthorized, rate limited, too large) get a log line of their own, so a flood of them
/// cannot flood node.log: per window of <see cref="Window"/>, the first refusal of each reason from each client, up to
/// <see cref="MaxLinesPerWindow"/> lines in all. The others are counted by reason and reported in one
/// <c>RpcRefusalsNotLogged</c> line with the first refusal of the next window. Every refusal is still answered.
/// </summary>
internal sealed class RpcRefusalLog
{
    public const int MaxLinesPerWindow = 32;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly HashSet<(string Reason, IPAddress Client)> _logged = [];
    private readonly SortedDictionary<string, long> _notLogged = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private long _windowStartedAt;

    public RpcRefusalLog(ILogger logger, TimeProvider time)
    {
        _logger = logger;
        _time = time;
        _windowStartedAt = time.GetTimestamp();
    }

    /// <summary>True when the caller should log this refusal's own line; false when it was counted instead.</summary>
    public bool ShouldLog(string reason, IPAddress? remote)
    {
        string? summary = null;
        bool log;
        lock (_lock)
        {
            long now = _time.GetTimestamp();
            if (_time.GetElapsedTime(_windowStartedAt, now) >= Window)
            {
                summary = TakeSummary();
                _logged.Clear();
                _windowStartedAt = now;
            }

            log = _logged.Count < MaxLinesPerWindow && _logged.Add((reason, remote ?? IPAddress.None));
            if (!log)
            {
                _notLogged[reason] = _notLogged.GetValueOrDefault(reason) + 1;
            }
        }

        if (summary is not null)
        {
            RpcLog.RefusalsNotLogged(_logger, summary, (int)Window.TotalSeconds);
        }

        return log;
    }

    /// <summary>"reason:count,…" of the window that ended, or null when every refusal in it was logged.</summary>
    private string? TakeSummary()
    {
        if (_notLogged.Count == 0)
        {
            return null;
        }

        string summary = string.Join(',', _notLogged.Select(pair => pair.Key + ":" + pair.Value.ToString(CultureInfo.InvariantCulture)));
        _notLogged.Clear();
        return summary;
    }
}
