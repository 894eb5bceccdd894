#!/usr/bin/env bash
# Makes traces/captures/tcpdump-udp.pcap (tcpdump) and traces/captures/wireshark-udp.pcapng (dumpcap) from bounded
# traffic between two network namespaces joined by a veth pair: nothing leaves the machine, nothing touches the host's
# own interfaces, and the namespaces are deleted at the end (also on failure). Needs root, iproute2, tcpdump, dumpcap,
# python3. See traces/README.md for what the files hold.
set -euo pipefail
cd "$(dirname "$0")"
A=imp-a B=imp-b
cleanup() { ip netns del "$A" 2>/dev/null || true; ip netns del "$B" 2>/dev/null || true; }
trap cleanup EXIT
cleanup
ip netns add "$A"
ip netns add "$B"
ip link add veth-a netns "$A" type veth peer name veth-b netns "$B"
for ns in "$A" "$B"; do
  ip netns exec "$ns" sysctl -q -w net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip netns exec "$ns" ip link set lo up
done
# 10.99.0.0/24; MTU 2000 so that one frame can be longer than 1518 bytes
ip -n "$A" link set veth-a mtu 2000 up
ip -n "$B" link set veth-b mtu 2000 up
ip -n "$A" addr add 10.99.0.1/24 dev veth-a
ip -n "$B" addr add 10.99.0.2/24 dev veth-b

rm -f tcpdump-udp.pcap wireshark-udp.pcapng
# the two capturers, one at each end of the pair, stop after N frames (timeout: a safety net, never reached)
N=60
timeout 60 ip netns exec "$A" tcpdump -i veth-a -w tcpdump-udp.pcap -c $N -U 2>/dev/null &
TCPDUMP=$!
timeout 60 ip netns exec "$B" dumpcap -q -i veth-b -w wireshark-udp.pcapng -c $N 2>/dev/null &
DUMPCAP=$!
sleep 3

# a UDP echo server in B (port 7), bounded by a socket timeout
timeout 40 ip netns exec "$B" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("0.0.0.0", 7)); s.settimeout(8)
try:
    while True:
        d, a = s.recvfrom(65535); s.sendto(d, a)
except socket.timeout:
    pass' &
ECHO=$!
sleep 1

# ICMP echo (ping; the ping program itself is not needed) from A, B's kernel answers: after ARP (42-byte frames),
# frames of 98, 1042 and 1514 bytes (3 each, 1518 with FCS) and one of 1842 bytes (longer than 1518)
PING='
import socket, struct, sys, time
def csum(b):
    if len(b) % 2: b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xFFFF); return ~(s + (s >> 16)) & 0xFFFF
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); s.settimeout(2)
for seq, n in enumerate(int(a) for a in sys.argv[1:]):
    body = struct.pack("!HH", 0x1234, seq) + bytes(i % 251 for i in range(n))
    s.sendto(struct.pack("!BBH", 8, 0, csum(b"\x08\0\0\0" + body)) + body, ("10.99.0.2", 0))
    s.recvfrom(65535); time.sleep(0.1)'
ip netns exec "$A" python3 -c "$PING" 56 56 56 1000 1000 1000 1472 1472 1472 1800
ip netns exec "$A" python3 -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
for n in (1, 18, 100, 512, 1000, 1400, 1472):
    s.sendto(bytes(i % 251 for i in range(n)), ("10.99.0.2", 7))
    s.recvfrom(65535)'
# UDP with bash /dev/udp (one-way to port 9: B answers each with an ICMP port unreachable)
ip netns exec "$A" bash -c 'for i in 1 2 3; do printf "datagram %02d" $i > /dev/udp/10.99.0.2/9; sleep 0.1; done'
# VLAN 100 and 200: this kernel has no 802.1Q module, so A writes three tagged UDP frames raw on veth-a (AF_PACKET)
ip netns exec "$A" python3 -c '
import socket, struct
def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b)); s = (s >> 16) + (s & 0xFFFF); return ~(s + (s >> 16)) & 0xFFFF
src = bytes.fromhex(open("/sys/class/net/veth-a/address").read().strip().replace(":", ""))
dst = bytes.fromhex("'"$(ip netns exec "$B" cat /sys/class/net/veth-b/address | tr -d :)"'")
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW); s.bind(("veth-a", 0))
for vid, n in ((100, 30), (100, 400), (200, 1200)):
    data = bytes(i % 251 for i in range(n))
    udp = struct.pack("!HHHH", 40000, 9, 8 + n, 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), vid, 0, 64, 17, 0,
                     socket.inet_aton("10.99.0.1"), socket.inet_aton("10.99.0.2"))
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    s.send(dst + src + struct.pack("!HHH", 0x8100, vid, 0x0800) + ip + udp)'
ip netns exec "$A" python3 -c "$PING" 56 56 56 56 56 56 56 56 56 56           # more than enough to reach N frames

wait $TCPDUMP $DUMPCAP
kill $ECHO 2>/dev/null || true
wait $ECHO 2>/dev/null || true
ls -l tcpdump-udp.pcap wireshark-udp.pcapng
