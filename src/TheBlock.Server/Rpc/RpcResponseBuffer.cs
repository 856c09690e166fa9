using System.Buffers;

namespace TheBlock.Server.Rpc;

/// <summary>
/// A pooled, growable output buffer that can be cut back, so a response entry whose result fails to serialize can be
/// replaced by an error instead of leaving half a JSON object in the body. It refuses to hold more than
/// <see cref="Limit"/> bytes, so a result too large to answer is never buffered whole.
/// </summary>
internal sealed class RpcResponseBuffer : IBufferWriter<byte>, IDisposable
{
    private const int InitialSize = 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);

    public int WrittenCount { get; private set; }

    /// <summary>How many bytes the buffer may hold; writing past it throws <see cref="RpcResponseTooLargeException"/>.</summary>
    public int Limit { get; private set; } = int.MaxValue;

    /// <summary>Whether reaching <see cref="Limit"/> means the batch's cap (rather than the current call's own).</summary>
    public bool LimitIsBatchCap { get; private set; }

    public void SetLimit(int limit, bool isBatchCap)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        Limit = limit;
        LimitIsBatchCap = isBatchCap;
    }

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, WrittenCount);

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - WrittenCount);
        ThrowIfPastLimit(count);
        WrittenCount += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(WrittenCount);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(WrittenCount);
    }

    public void WriteByte(byte value)
    {
        ThrowIfPastLimit(1);
        Reserve(1);
        _buffer[WrittenCount++] = value;
    }

    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, WrittenCount);
        WrittenCount = length;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void ThrowIfPastLimit(int count)
    {
        if ((long)WrittenCount + count > Limit)
        {
            throw new RpcResponseTooLargeException(LimitIsBatchCap);
        }
    }

    private void Reserve(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - WrittenCount >= needed)
        {
            return;
        }

        // Doubling stops at the limit: the writer's size hints are generous, the limit is what may really be written.
        int doubled = (int)Math.Min((long)_buffer.Length * 2, Math.Max(Limit, _buffer.Length + 1));
        byte[] larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(doubled, WrittenCount + needed)));
        _buffer.AsSpan(0, WrittenCount).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
