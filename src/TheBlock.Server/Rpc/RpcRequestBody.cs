using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace TheBlock.Server.Rpc;

/// <summary>A request body read whole into a pooled buffer, never more than the limit.</summary>
internal sealed class RpcRequestBody : IDisposable
{
    private byte[]? _rented;

    private RpcRequestBody(byte[] rented, int length)
    {
        _rented = rented;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => (_rented ?? throw new ObjectDisposedException(nameof(RpcRequestBody))).AsMemory(0, Length);

    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<RpcRequestBody?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        // Our limit is the one that speaks; the server's own (30 MB in Kestrel) must not cut in first with a bare 400.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false, MaxRequestBodySize: long serverLimit } sizeLimit
            && serverLimit <= maxBytes)
        {
            sizeLimit.MaxRequestBodySize = maxBytes + 1L;
        }

        // Chunked bodies announce no length: the pipe is held unconsumed until it ends or passes the limit,
        // so at most the limit plus one segment is ever buffered.
        PipeReader reader = request.BodyReader;
        while (true)
        {
            ReadResult read = await reader.ReadAsync(cancellationToken);
            ReadOnlySequence<byte> buffer = read.Buffer;
            if (buffer.Length > maxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return null;
            }

            if (read.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start);
                throw new OperationCanceledException("reading the request body was canceled");
            }

            if (read.IsCompleted)
            {
                int length = (int)buffer.Length;
                byte[] rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
                buffer.CopyTo(rented);
                reader.AdvanceTo(buffer.End);
                return new RpcRequestBody(rented, length);
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public void Dispose()
    {
        if (_rented is { } rented)
        {
            _rented = null;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
