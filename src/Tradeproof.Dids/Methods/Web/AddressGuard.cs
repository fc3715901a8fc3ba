using System.Net;
using System.Net.Sockets;

namespace Tradeproof.Dids;

/// <summary>
/// Which IP addresses the did:web client may connect to: public unicast only. Refused: loopback
/// (unless allowed), unspecified, private (RFC 1918, RFC 4193), link-local, shared/CGNAT (RFC 6598),
/// multicast, broadcast, reserved and documentation ranges (RFC 6890 special-purpose registries),
/// and IPv6 forms embedding such an IPv4 address (mapped, NAT64, 6to4).
/// </summary>
internal static class AddressGuard
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return IsAllowed(address.MapToIPv4(), allowLoopback);
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address, allowLoopback),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                        // 0.0.0.0/8 "this network"
        || b[0] == 10                                    // 10.0.0.0/8 private
        || (b[0] == 100 && (b[1] & 0xc0) == 64)          // 100.64.0.0/10 shared (CGNAT)
        || b[0] == 127                                   // loopback
        || (b[0] == 169 && b[1] == 254)                  // 169.254.0.0/16 link-local
        || (b[0] == 172 && (b[1] & 0xf0) == 16)          // 172.16.0.0/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)       // 192.0.0.0/24 IETF protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)       // 192.0.2.0/24 documentation
        || (b[0] == 192 && b[1] == 88 && b[2] == 99)     // 192.88.99.0/24 6to4 relay anycast
        || (b[0] == 192 && b[1] == 168)                  // 192.168.0.0/16 private
        || (b[0] == 198 && (b[1] & 0xfe) == 18)          // 198.18.0.0/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)    // 198.51.100.0/24 documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)     // 203.0.113.0/24 documentation
        || b[0] >= 224);                                 // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal
            || address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return false;
        }

        var b = address.GetAddressBytes();

        // NAT64 64:ff9b::/96 and 64:ff9b:1::/48 embed an IPv4 address in the last 4 bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return IsAllowed(new IPAddress(b.AsSpan(12, 4)), allowLoopback);
        }

        // 6to4 2002::/16 embeds an IPv4 address in bytes 2..5.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return IsAllowed(new IPAddress(b.AsSpan(2, 4)), allowLoopback);
        }

        // IPv4-compatible ::a.b.c.d (deprecated) and other ::/96 forms; 100::/64 discard;
        // 2001:db8::/32 documentation; 2001::/23 IETF protocol assignments (Teredo etc.).
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
            || (b[0] == 0x01 && b[1] == 0x00 && b.AsSpan(2, 6).IndexOfAnyExcept((byte)0) < 0)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02))
        {
            return false;
        }

        // Only global unicast 2000::/3 is public.
        return (b[0] & 0xe0) == 0x20;
    }
}
