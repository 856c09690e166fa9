using System.Net;
using System.Net.Sockets;

namespace TheBlock.EndToEnd.Tests.Fixtures;

/// <summary>
/// A loopback port nothing listens on, for a process the test starts to bind a moment later. It is drawn below the
/// kernel's ephemeral range (32768–60999 by default): a port the kernel hands out (port 0) can be given again at once
/// to the many outgoing connections the tests make, which then hold it when the process binds; ports below the range
/// are only ever taken by a listener that asks for them.
/// </summary>
public static class FreePort
{
    private const int First = 20_000;
    private const int Last = 32_000;

    public static int Next()
    {
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var port = Random.Shared.Next(First, Last);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: draw again.
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last} after 1,000 draws");
    }
}
