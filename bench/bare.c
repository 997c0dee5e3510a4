/*
 * The reference for `make bench`: the least a libmicrohttpd server can do to answer a request, serving
 * one fixed body (the bytes of a real /articles/{id} response) to every GET, with the threading mode
 * that measured fastest here (internal polling thread, epoll, thread pool of 2) and the same
 * respond-on-the-second-call pattern that keeps connections alive.
 *
 * With "limits" as the fourth argument it starts the daemon as news-api does: with poll rather than epoll,
 * the protections news-api turns on by default (a 15 s idle timeout, 2048 connections, 512 per address,
 * 32 KiB of request memory, an inter-thread wake-up channel), and its own thread accepting connections on
 * 127.0.0.1 and handing each to the daemon (which deals them out over its workers), so `make bench` can
 * tell what those cost from what our own code costs.
 *
 * usage: bare PORT BODY_FILE [THREADS] [limits]
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

static struct MHD_Response *prepared;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **req_cls)
{
    (void)cls; (void)url; (void)method; (void)version; (void)upload_data; (void)upload_data_size;
    if (*req_cls == NULL) {
        *req_cls = (void *)1;
        return MHD_YES;
    }
    return MHD_queue_response(connection, MHD_HTTP_OK, prepared);
}

static int listening = -1;

/* As news-api's ConnectionAcceptor: accept on a thread of its own, let the daemon pick the worker. */
static void *accept_connections(void *daemon)
{
    for (;;) {
        struct sockaddr_storage address;
        socklen_t length = sizeof address;
        int client = accept(listening, (struct sockaddr *)&address, &length);
        if (client < 0) continue;
        MHD_add_connection(daemon, client, (struct sockaddr *)&address, length);
    }
    return NULL;
}

static int listen_on_loopback(uint16_t port)
{
    struct sockaddr_in address;
    memset(&address, 0, sizeof address);
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int fd = socket(AF_INET, SOCK_STREAM, 0), yes = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, SOMAXCONN) != 0) return -1;
    return fd;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s PORT BODY_FILE [THREADS]\n", argv[0]);
        return 2;
    }
    FILE *file = fopen(argv[2], "rb");
    if (file == NULL) { perror(argv[2]); return 1; }
    fseek(file, 0, SEEK_END);
    long size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *body = malloc((size_t)size);
    if (fread(body, 1, (size_t)size, file) != (size_t)size) { perror("read"); return 1; }
    fclose(file);

    prepared = MHD_create_response_from_buffer((size_t)size, body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(prepared, "Content-Type", "application/json; charset=utf-8");

    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    unsigned int threads = argc > 3 ? (unsigned int)atoi(argv[3]) : 2;
    int limits = argc > 4 && strcmp(argv[4], "limits") == 0;
    if (limits && (listening = listen_on_loopback((uint16_t)atoi(argv[1]))) < 0) { perror("listen"); return 1; }
    struct MHD_Daemon *daemon = limits
        ? MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ITC | MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, answer,
            NULL, MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, 15u,
            MHD_OPTION_CONNECTION_LIMIT, 2048u, MHD_OPTION_PER_IP_CONNECTION_LIMIT, 512u,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)32768, MHD_OPTION_END)
        : MHD_start_daemon(
            MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL, (uint16_t)atoi(argv[1]), NULL, NULL, answer, NULL,
            MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_LIMIT, 4000, MHD_OPTION_END);
    if (daemon == NULL) { fprintf(stderr, "cannot start\n"); return 1; }
    pthread_t acceptor;
    if (limits) pthread_create(&acceptor, NULL, accept_connections, daemon);
    int received;
    sigwait(&set, &received);
    MHD_stop_daemon(daemon);
    MHD_destroy_response(prepared);
    free(body);
    return 0;
}
