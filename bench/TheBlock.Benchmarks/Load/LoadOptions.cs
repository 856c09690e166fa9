using System.Globalization;
using System.Net;
using TheBlock.Client.Core;

namespace TheBlock.Benchmarks.Load;

/// <summary>Flags of the <c>load</c> mode; every one bounded, and the target must be a loopback address.</summary>
public sealed record LoadOptions(Uri Url, int Rate, TimeSpan Duration, TimeSpan Warmup, TimeSpan Timeout, string Method)
{
    public const string Usage = """
        load: open-loop JSON-RPC load against a local node, latency measured from each request's intended send time.
          --url URL          JSON-RPC endpoint on a loopback address (default http://127.0.0.1:8000/rpc)
          --rate N           requests per second, 1..5000 (default 500)
          --duration S       measured seconds, 1..600 (default 30)
          --warmup S         unmeasured seconds first at the same rate, 0..60 (default 5)
          --timeout S        per-request timeout, 1..30 (default 5)
          --method NAME      method without params (default node.status)
        """;

    public int Count => checked((int)(Rate * Duration.TotalSeconds));

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var url = new Uri("http://127.0.0.1:8000/rpc");
        int rate = 500, duration = 30, warmup = 5, timeout = 5;
        var method = CoreMethods.NodeStatus;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value\n{Usage}");
            switch (name)
            {
                case "--url":
                    url = new Uri(value, UriKind.Absolute);
                    break;
                case "--rate":
                    rate = Bounded(name, value, 1, 5000);
                    break;
                case "--duration":
                    duration = Bounded(name, value, 1, 600);
                    break;
                case "--warmup":
                    warmup = Bounded(name, value, 0, 60);
                    break;
                case "--timeout":
                    timeout = Bounded(name, value, 1, 30);
                    break;
                case "--method":
                    method = value.All(c => char.IsAsciiLetterLower(c) || c == '.' || c == '_') && value.Length > 0
                        ? value
                        : throw new ArgumentException($"--method \"{value}\" is not a method name (lowercase letters, dots, underscores)");
                    break;
                default:
                    throw new ArgumentException($"unknown flag {name}\n{Usage}");
            }
        }

        if (url.Scheme != Uri.UriSchemeHttp || !IsLoopback(url.Host))
        {
            throw new ArgumentException($"--url {url} must be http:// on a loopback address (127.0.0.1, [::1] or localhost): this tool only loads a local node");
        }

        return new LoadOptions(url, rate, TimeSpan.FromSeconds(duration), TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(timeout), method);
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static int Bounded(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} is \"{value}\"; expected a whole number from {min} to {max}");
}
