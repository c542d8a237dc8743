# syntax=docker/dockerfile:1
# Build stage: the Maven wrapper fetches Maven and dependencies; tests run in CI, not here. Being Linux, it gets
# the postgres-linux-* profile of its CPU: the image carries Linux PostgreSQL binaries only.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src/ src/
RUN ./mvnw -q -B package -DskipTests && cp target/msp-analytics.jar /app.jar

# Runtime stage: JRE only, unprivileged user, no shell tools beyond what the healthcheck needs.
FROM eclipse-temurin:21-jre
RUN groupadd --system msp && useradd --system --gid msp --home-dir /app --shell /usr/sbin/nologin msp \
    && mkdir -p /app/data && chown -R msp:msp /app \
    && apt-get update && apt-get install -y --no-install-recommends curl fontconfig fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build --chown=msp:msp /app.jar /app/msp-analytics.jar
USER msp:msp
ENV DATA_DIR=/app/data JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/msp-analytics.jar"]
