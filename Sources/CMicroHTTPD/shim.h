// Fixed-argument wrappers for the parts of libmicrohttpd that Swift cannot import directly (C-variadic
// functions such as MHD_start_daemon, and unions returned by pointer), and for the socket addresses of
// the listening socket the server opens itself.
#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H

#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <unistd.h>
#include <microhttpd.h>

/// Why: libmicrohttpd's own unescaper decodes "%00" into a NUL byte, and the C strings it hands on are
/// then cut short there ("/entities/china%00x" would read as "/entities/china"). This one decodes
/// every other "%HH" the same way and leaves "%00" as written, so such a path names nothing.
static inline size_t CMicroHTTPD_unescape(void *cls, struct MHD_Connection *connection, char *text)
{
    (void)cls; (void)connection;
    char *out = text;
    for (const char *in = text; *in != '\0'; in++) {
        int high = -1, low = -1;
        if (in[0] == '%' && in[1] != '\0' && in[2] != '\0') {
            char h = in[1], l = in[2];
            high = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : (h >= 'A' && h <= 'F') ? h - 'A' + 10 : -1;
            low = (l >= '0' && l <= '9') ? l - '0' : (l >= 'a' && l <= 'f') ? l - 'a' + 10 : (l >= 'A' && l <= 'F') ? l - 'A' + 10 : -1;
        }
        if (high >= 0 && low >= 0 && (high | low) != 0) {
            *out++ = (char)(high * 16 + low);
            in += 2;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
    return (size_t)(out - text);
}

/// The callback libmicrohttpd calls with the raw request target as soon as the request line is in,
/// before it parses the query; what it returns becomes the request's first `*req_cls`.
typedef void *(*CMicroHTTPD_URILogCallback)(void *cls, const char *uri, struct MHD_Connection *connection);

/// Why: filling a `sockaddr_in` or `sockaddr_in6` from a numeric host takes casts Swift makes long. Opens a TCP
/// socket listening on `host` (a numeric IPv4 or IPv6 address; IPv6 only, not both) and `port` (0 for any free
/// one), with `SO_REUSEADDR` as libmicrohttpd sets it. Returns the socket; -2 when the host does not parse,
/// -1 with `errno` set when the system refuses.
static inline int CMicroHTTPD_listen(const char *host, uint16_t port)
{
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    const struct sockaddr *address;
    socklen_t length;
    memset(&v4, 0, sizeof v4);
    memset(&v6, 0, sizeof v6);
    if (inet_pton(AF_INET, host, &v4.sin_addr) == 1) {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        address = (const struct sockaddr *)&v4;
        length = sizeof v4;
    } else if (inet_pton(AF_INET6, host, &v6.sin6_addr) == 1) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        address = (const struct sockaddr *)&v6;
        length = sizeof v6;
    } else {
        return -2;
    }
    int fd = socket(address->sa_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int yes = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes) != 0
        || (address->sa_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &yes, sizeof yes) != 0)
        || bind(fd, address, length) != 0 || listen(fd, SOMAXCONN) != 0) {
        int error = errno;
        close(fd);
        errno = error;
        return -1;
    }
    return fd;
}

/// Why: getsockname fills a `sockaddr` of either family; this reads its port (0 on failure).
static inline uint16_t CMicroHTTPD_boundPort(int socket)
{
    struct sockaddr_storage address;
    socklen_t length = sizeof address;
    if (getsockname(socket, (struct sockaddr *)&address, &length) != 0) return 0;
    if (address.ss_family == AF_INET) return ntohs(((struct sockaddr_in *)&address)->sin_port);
    if (address.ss_family == AF_INET6) return ntohs(((struct sockaddr_in6 *)&address)->sin6_port);
    return 0;
}

/// Why: MHD_start_daemon is variadic. This takes the limits and callbacks as fixed arguments and passes
/// them as one MHD_OPTION_ARRAY. The daemon opens no socket of its own (`MHD_USE_NO_LISTEN_SOCKET` is
/// added to `flags`): connections come in through `MHD_add_connection`. Returns NULL if it cannot start.
static inline struct MHD_Daemon *CMicroHTTPD_start(
    unsigned int flags,
    unsigned int threadPoolSize,
    unsigned int connectionTimeoutSeconds,
    unsigned int connectionLimit,
    unsigned int perIPConnectionLimit,
    size_t connectionMemoryLimit,
    MHD_AccessHandlerCallback handler,
    void *handlerContext,
    MHD_RequestCompletedCallback completed,
    void *completedContext,
    CMicroHTTPD_URILogCallback uriLog,
    void *uriLogContext,
    MHD_NotifyConnectionCallback connectionNotice,
    void *connectionNoticeContext)
{
    struct MHD_OptionItem options[] = {
        { MHD_OPTION_THREAD_POOL_SIZE, threadPoolSize, NULL },
        { MHD_OPTION_CONNECTION_TIMEOUT, connectionTimeoutSeconds, NULL },
        { MHD_OPTION_CONNECTION_LIMIT, connectionLimit, NULL },
        { MHD_OPTION_PER_IP_CONNECTION_LIMIT, perIPConnectionLimit, NULL },
        { MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)connectionMemoryLimit, NULL },
        { MHD_OPTION_END, 0, NULL },
    };
    return MHD_start_daemon(flags | MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, handler, handlerContext,
                            MHD_OPTION_ARRAY, options,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completedContext,
                            MHD_OPTION_URI_LOG_CALLBACK, uriLog, uriLogContext,
                            MHD_OPTION_NOTIFY_CONNECTION, connectionNotice, connectionNoticeContext,
                            MHD_OPTION_UNESCAPE_CALLBACK, CMicroHTTPD_unescape, NULL,
                            MHD_OPTION_END);
}

/// Why: MHD_get_connection_info is variadic and returns a union; this reads the connection's socket (-1 on failure).
static inline int CMicroHTTPD_connectionSocket(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CONNECTION_FD);
    return info == NULL ? -1 : info->connect_fd;
}

/// Why: as above; this reads the pointer stored for the connection when it opened (NULL if none).
static inline void *CMicroHTTPD_socketContext(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    return info == NULL ? NULL : info->socket_context;
}

/// Why: a 304 must not say `Content-Length: 0` (RFC 9110 §8.6), which libmicrohttpd 0.9.75 writes for an empty
/// buffer. A response of `size` bytes whose body is never read (libmicrohttpd sends none for 304 and HEAD) makes it
/// write the length of the 200 the 304 stands for, which is allowed.
static inline ssize_t CMicroHTTPD_noBody(void *cls, uint64_t pos, char *buf, size_t max)
{
    (void)cls; (void)pos; (void)buf; (void)max;
    return MHD_CONTENT_READER_END_WITH_ERROR;
}

static inline struct MHD_Response *CMicroHTTPD_headerOnlyResponse(uint64_t size)
{
    return MHD_create_response_from_callback(size, 1024, CMicroHTTPD_noBody, NULL, NULL);
}

#endif
