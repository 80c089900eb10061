using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using DnsLb.Answering;

namespace DnsLb.Transport;

/// <summary>
/// The memory one receive thread moves datagrams through with <c>recvmmsg</c>/<c>sendmmsg</c>
/// (<see cref="LinuxSocketCalls"/>): <see cref="Capacity"/> slots, each with a receive buffer, a response buffer
/// and room for the client's socket address, plus the message headers that point at them. Everything is
/// allocated once, on the pinned object heap, so the kernel writes straight into it and its addresses never
/// change; a batch belongs to one thread and is reused for every call (no lock, nothing allocated per query).
/// A response goes back to the address its query came from, which stays in its slot until the next receive.
/// </summary>
internal sealed class DatagramBatch
{
    /// <summary>Datagrams per call: enough to take what piles up under load in one call, little memory.</summary>
    public const int Capacity = 32;

    /// <summary>
    /// The largest UDP payload: a slot takes any datagram whole, so none is cut short. Pages only count
    /// towards the process's memory once written, and queries are small.
    /// </summary>
    public const int SlotSize = 65535;

    /// <summary>sockaddr_in6 (28 bytes), the larger of the two, rounded up.</summary>
    private const int AddressRoom = 32;

    private const ushort FamilyInet = 2;   // AF_INET on Linux
    private const ushort FamilyInet6 = 10; // AF_INET6 on Linux

    private readonly MultiMessageHeader[] _received = GC.AllocateArray<MultiMessageHeader>(Capacity, pinned: true);
    private readonly MultiMessageHeader[] _responses = GC.AllocateArray<MultiMessageHeader>(Capacity, pinned: true);
    private readonly IoVector[] _receiveVectors = GC.AllocateArray<IoVector>(Capacity, pinned: true);
    private readonly IoVector[] _responseVectors = GC.AllocateArray<IoVector>(Capacity, pinned: true);
    private readonly byte[] _addresses = GC.AllocateArray<byte>(Capacity * AddressRoom, pinned: true);
    private readonly byte[] _data = GC.AllocateUninitializedArray<byte>(2 * Capacity * SlotSize, pinned: true);
    private readonly nint _receivedAddress;
    private readonly nint _responsesAddress;
    private readonly nint _dataAddress;
    private int _queued;

    public DatagramBatch()
    {
        _receivedAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_received, 0);
        _responsesAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_responses, 0);
        _dataAddress = Marshal.UnsafeAddrOfPinnedArrayElement(_data, 0);
        for (int slot = 0; slot < Capacity; slot++)
        {
            _receiveVectors[slot] = new IoVector { Base = _dataAddress + slot * SlotSize, Length = SlotSize };
            ref var header = ref _received[slot].Header;
            header.Name = Marshal.UnsafeAddrOfPinnedArrayElement(_addresses, slot * AddressRoom);
            header.Vectors = Marshal.UnsafeAddrOfPinnedArrayElement(_receiveVectors, slot);
            header.VectorCount = 1;
            _responses[slot].Header.Vectors = Marshal.UnsafeAddrOfPinnedArrayElement(_responseVectors, slot);
            _responses[slot].Header.VectorCount = 1;
        }
    }

    /// <summary>Waits for datagrams and receives up to <see cref="Capacity"/>: how many, or -1 with <paramref name="errno"/>.</summary>
    public int Receive(int socket, out int errno)
    {
        // The kernel wrote each address's length over the room it had; give every slot its room back.
        for (int slot = 0; slot < Capacity; slot++)
            _received[slot].Header.NameLength = AddressRoom;
        _queued = 0;
        return LinuxSocketCalls.Receive(socket, _receivedAddress, Capacity, out errno);
    }

    /// <summary>The datagram received in <paramref name="slot"/>.</summary>
    public ReadOnlySpan<byte> Query(int slot) => _data.AsSpan(slot * SlotSize, (int)_received[slot].Length);

    /// <summary>Where the response to the query in <paramref name="slot"/> is written.</summary>
    public Span<byte> ResponseBuffer(int slot) => _data.AsSpan((Capacity + slot) * SlotSize, SlotSize);

    /// <summary>The client that sent the datagram in <paramref name="slot"/>; false for an address of another family.</summary>
    public bool TryGetClient(int slot, out ClientAddress client)
    {
        var address = Address(slot);
        switch (address.Length >= 2 ? BinaryPrimitives.ReadUInt16LittleEndian(address) : 0)
        {
            // sa_family is in host order (little-endian on every Linux .NET runs on); then the port, then the address.
            case FamilyInet when address.Length >= 8:
                client = ClientAddress.FromBytes(address.Slice(4, 4));
                return true;
            case FamilyInet6 when address.Length >= 24:
                client = ClientAddress.FromBytes(address.Slice(8, 16)); // after sin6_port and sin6_flowinfo
                return true;
            default:
                client = default;
                return false;
        }
    }

    /// <summary>A copy of the client's socket address in <paramref name="slot"/>, for an answer sent later from another thread.</summary>
    public SocketAddress CopyClient(int slot, AddressFamily family)
    {
        var address = Address(slot);
        var copy = new SocketAddress(family, address.Length);
        address.CopyTo(copy.Buffer.Span);
        return copy;
    }

    /// <summary>Queues the response written into <paramref name="slot"/>'s buffer, to the client that sent its query.</summary>
    public void QueueResponse(int slot, int length)
    {
        ref var message = ref _responses[_queued];
        message.Header.Name = _received[slot].Header.Name;
        message.Header.NameLength = _received[slot].Header.NameLength;
        message.Header.Flags = 0;
        _responseVectors[_queued] = new IoVector { Base = _dataAddress + (Capacity + slot) * SlotSize, Length = (nuint)length };
        _queued++;
    }

    /// <summary>
    /// Sends every queued response, as many per call as the kernel takes. A response the kernel refuses (the
    /// client is unreachable, buffers are full) is dropped, as UDP may. Returns 0, or the errno of a failure
    /// that is not about one datagram (<see cref="CallFailure.Closed"/>, <see cref="CallFailure.Unsupported"/>).
    /// </summary>
    public int SendQueued(int socket)
    {
        int sent = 0;
        while (sent < _queued)
        {
            int count = LinuxSocketCalls.Send(socket, _responsesAddress + sent * Unsafe.SizeOf<MultiMessageHeader>(), _queued - sent, out int errno);
            if (count > 0)
            {
                sent += count;
                continue;
            }
            if (LinuxSocketCalls.Classify(errno) != CallFailure.Transient)
                return errno;
            if (errno != LinuxSocketCalls.Interrupted) // interrupted: send it again; otherwise give it up and go on
                sent++;
        }
        _queued = 0;
        return 0;
    }

    private ReadOnlySpan<byte> Address(int slot) =>
        _addresses.AsSpan(slot * AddressRoom, (int)Math.Min(_received[slot].Header.NameLength, AddressRoom));
}
