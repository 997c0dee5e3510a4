# Build: the Swift 6.3 toolchain, a release binary with the Swift runtime linked in statically.
FROM swift:6.3-bookworm AS build
RUN apt-get update -qq && apt-get install -y -qq libmicrohttpd-dev zlib1g-dev pkg-config && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
COPY Tests ./Tests
RUN swift build -c release --product news-api --static-swift-stdlib \
    && cp "$(swift build -c release --show-bin-path)/news-api" /news-api

# Run: slim Debian with only libmicrohttpd, as a non-root user.
FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libmicrohttpd12 zlib1g curl ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app news
WORKDIR /app
COPY --from=build /news-api /usr/local/bin/news-api
COPY openapi.yaml ./openapi.yaml
COPY data/seed ./data/seed
COPY data/gazetteer ./data/gazetteer
USER news
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
    CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["news-api", "--host", "0.0.0.0", "--port", "8080"]
