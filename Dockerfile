# Build: the Swift 6.3 toolchain, a release binary with the Swift runtime linked in statically. The OpenAPI
# contract is compiled into the binary (Sources/Server/openapi.yaml is a symlink to the top-level file, so
# that file must be in the build context too).
# Unbuilt so far: the machines this project is developed on have no Docker engine.
FROM swift:6.3-bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq libmicrohttpd-dev zlib1g-dev libzstd-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift Package.resolved openapi.yaml ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product news-api --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/news-api" /news-api

# Run: slim Debian with only libmicrohttpd, zlib and zstd, as a non-root user. The binary needs no file beside it; the
# bundled corpus is at /app/data/seed, the default --data from the working directory /app, and the dashboard
# at /app/web, the default --dashboard from there (served at /dashboard/). Mount another
# corpus read-only and pass `--data DIR` (deploy/compose.yaml, deploy/kubernetes/).
FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libmicrohttpd12 zlib1g libzstd1 curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app news
WORKDIR /app
COPY --from=build /news-api /usr/local/bin/news-api
COPY data/seed ./data/seed
COPY data/gazetteer ./data/gazetteer
COPY web ./web
USER 10001
EXPOSE 8080
# A large corpus takes a while to load before the port opens (27-36 s for 1,000,000 articles on 2 cores).
HEALTHCHECK --interval=10s --timeout=3s --start-period=120s \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/healthz || exit 1
STOPSIGNAL SIGTERM
ENTRYPOINT ["news-api", "--host", "0.0.0.0", "--port", "8080"]
