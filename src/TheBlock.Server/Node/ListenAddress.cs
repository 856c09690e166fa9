using System.Net;

namespace TheBlock.Server.Node;

/// <summary>A "host:port" listener setting.</summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    public static bool TryParse(string? text, out ListenAddress? address, out string error)
    {
        address = null;
        if (IPEndPoint.TryParse(text ?? string.Empty, out var endpoint) && endpoint.Port is > 0 and <= 65535)
        {
            address = new ListenAddress(endpoint.Address, endpoint.Port);
            error = string.Empty;
            return true;
        }

        error = $"is \"{text}\"; expected host:port such as 127.0.0.1:8000";
        return false;
    }

    public static ListenAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address! : throw new FormatException(error);

    public override string ToString() => new IPEndPoint(Address, Port).ToString();
}
