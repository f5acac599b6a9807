package dev.orez.pglite.emscripten;

import com.dylibso.chicory.annotations.HostModule;
import com.dylibso.chicory.annotations.WasmExport;
import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.runtime.Memory;
import dev.orez.pglite.fs.Errno;
import dev.orez.pglite.fs.FileStat;
import dev.orez.pglite.fs.OpenFile;
import dev.orez.pglite.fs.OpenFlags;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Sockets do not exist for a single-user backend (clients talk through the protocol pump), but reading
 * pg_hba.conf parses {@code 127.0.0.1/32} and {@code ::1/128} with numeric getaddrinfo, or the backend FATALs.
 *
 * <p>A libpq client (pg_dump) is different: PGlite's build routes its {@code connect}, {@code send}, {@code recv}
 * and {@code poll} to the host, but {@code socket()} itself still comes here and must yield a descriptor.
 */
@HostModule("env")
public final class NetworkImports {
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;
    private static final int AI_PASSIVE = 1;
    private static final int EAI_NONAME = -2;
    private static final int EAI_SERVICE = -8;

    private final WasmProcess process;
    private final boolean socketsArePlaceholders;

    /**
     * @param socketsArePlaceholders true for a libpq client, whose {@code socket()} gets a descriptor that only
     *     stands for the connection the host carries; false for the backend, which has no sockets at all
     */
    public NetworkImports(WasmProcess process, boolean socketsArePlaceholders) {
        this.process = process;
        this.socketsArePlaceholders = socketsArePlaceholders;
    }

    public HostFunction[] toHostFunctions() {
        return NetworkImports_ModuleFactory.toHostFunctions(this);
    }

    @WasmExport("__syscall_socket")
    public int socket(int domain, int type, int protocol, int d, int e, int f) {
        if (!socketsArePlaceholders) {
            return -Errno.ENOSYS;
        }
        return Syscall.posix(() -> process.fds().add(new PlaceholderSocket()));
    }

    /** Holds the descriptor number; every operation on it goes through the host's callbacks instead. */
    private static final class PlaceholderSocket extends OpenFile {
        PlaceholderSocket() {
            super("socket:", OpenFlags.O_RDWR);
        }

        @Override
        public FileStat stat() {
            return new FileStat(0, FileStat.S_IFSOCK | 0777, 1, 0, 0, 0, 0, 0);
        }
    }

    @WasmExport("__syscall_bind")
    public int bind(int a, int b, int c, int d, int e, int f) {
        return -Errno.ENOSYS;
    }

    @WasmExport("__syscall_connect")
    public int connect(int a, int b, int c, int d, int e, int f) {
        return -Errno.ENOSYS;
    }

    @WasmExport("__syscall_listen")
    public int listen(int a, int b, int c, int d, int e, int f) {
        return -Errno.ENOSYS;
    }

    @WasmExport("__syscall_accept4")
    public int accept4(int a, int b, int c, int d, int e, int f) {
        return -Errno.ENOSYS;
    }

    @WasmExport("__syscall_recvfrom")
    public int recvfrom(int a, int b, int c, int d, int e, int f) {
        return -Errno.ENOSYS;
    }

    @WasmExport("__syscall_sendto")
    public int sendto(int a, int b, int c, int d, int e, int f) {
        return -Errno.ENOSYS;
    }

    @WasmExport("getnameinfo")
    public int getnameinfo(int a, int b, int c, int d, int e, int f, int g) {
        return EAI_NONAME;
    }

    /** Numeric hosts (and "localhost") only; writes one {@code struct addrinfo} + sockaddr from malloc. */
    @WasmExport("getaddrinfo")
    public int getaddrinfo(int node, int service, int hints, int resultOut) {
        Memory memory = process.memory();
        int flags = hints == 0 ? 0 : memory.readInt(hints);
        int family = hints == 0 ? 0 : memory.readInt(hints + 4);
        int socketType = hints == 0 ? 0 : memory.readInt(hints + 8);
        int protocol = hints == 0 ? 0 : memory.readInt(hints + 12);
        if (socketType == 0) {
            socketType = protocol == IPPROTO_UDP ? SOCK_DGRAM : SOCK_STREAM;
        }
        if (protocol == 0) {
            protocol = socketType == SOCK_DGRAM ? IPPROTO_UDP : IPPROTO_TCP;
        }
        if (node == 0 && service == 0) {
            return EAI_NONAME;
        }
        int port = 0;
        if (service != 0) {
            try {
                port = Integer.parseInt(process.readCString(service));
            } catch (NumberFormatException e) {
                return EAI_SERVICE;
            }
        }
        byte[] address;
        if (node == 0) {
            family = family == 0 ? AF_INET : family;
            boolean passive = (flags & AI_PASSIVE) != 0;
            address = family == AF_INET
                    ? (passive ? new byte[4] : new byte[] {127, 0, 0, 1})
                    : (passive ? new byte[16] : loopback6());
        } else {
            String host = process.readCString(node);
            if (host.equals("localhost")) {
                host = "127.0.0.1";
            }
            if (!host.matches("[0-9.]+") && !host.contains(":")) {
                return EAI_NONAME; // only numeric hosts: nothing in here may touch the network
            }
            try {
                address = InetAddress.getByName(host).getAddress();
            } catch (UnknownHostException e) {
                return EAI_NONAME;
            }
            int actual = address.length == 4 ? AF_INET : AF_INET6;
            if (family != 0 && family != actual) {
                return EAI_NONAME;
            }
            family = actual;
        }
        memory.writeI32(resultOut, writeAddrinfo(family, socketType, protocol, port, address));
        return 0;
    }

    private static byte[] loopback6() {
        byte[] address = new byte[16];
        address[15] = 1;
        return address;
    }

    private int writeAddrinfo(int family, int socketType, int protocol, int port, byte[] address) {
        Memory memory = process.memory();
        int sockaddrLength = family == AF_INET6 ? 28 : 16;
        int sockaddr = process.exports().malloc(sockaddrLength);
        memory.fill((byte) 0, sockaddr, sockaddr + sockaddrLength);
        memory.writeShort(sockaddr, (short) family);
        memory.writeByte(sockaddr + 2, (byte) (port >>> 8)); // network byte order
        memory.writeByte(sockaddr + 3, (byte) port);
        memory.write(family == AF_INET6 ? sockaddr + 8 : sockaddr + 4, address);
        int info = process.exports().malloc(32);
        memory.fill((byte) 0, info, info + 32);
        memory.writeI32(info + 4, family);
        memory.writeI32(info + 8, socketType);
        memory.writeI32(info + 12, protocol);
        memory.writeI32(info + 16, sockaddrLength);
        memory.writeI32(info + 20, sockaddr);
        return info;
    }
}
