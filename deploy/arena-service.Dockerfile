# Arena relay service, JVM image.
# Build from the repository root:
#   docker build -f deploy/arena-service.Dockerfile -t mowai/arena-service:0.1.0 .
# Offline (no registry): APP_FROM=prebuilt takes arena-service/target/quarkus-app from a host build
# (./mvnw -pl arena-service package) and RUNTIME_IMAGE a locally built base
# (deploy/base/build-local-jre-image.sh), e.g.
#   buildah bud -f deploy/arena-service.Dockerfile --build-arg APP_FROM=prebuilt \
#     --build-arg RUNTIME_IMAGE=localhost/mowai/jre:25 -t mowai/arena-service:0.1.0 .
ARG BUILDER_IMAGE=docker.io/library/eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:25-jre
# build = compile in the builder stage; prebuilt = copy the host's target/quarkus-app.
ARG APP_FROM=build

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY arena-service/pom.xml arena-service/
# Dependencies first: this layer is reused while only sources change (best effort: the package step
# below resolves whatever go-offline misses).
RUN ./mvnw -B -q -f arena-service/pom.xml dependency:go-offline || true
COPY arena-service/src/main/ arena-service/src/main/
# The moderator persona, copied into the arena's classpath by its pom.
COPY personas/moderator/ personas/moderator/
RUN ./mvnw -B -q -f arena-service/pom.xml package -DskipTests \
 && mkdir -p /app/data && cp -r arena-service/target/quarkus-app/. /app/

FROM scratch AS prebuilt
COPY arena-service/target/quarkus-app/ /app/
# An empty directory: the mount point for the data volume, owned by the service user below.
WORKDIR /app/data

FROM ${APP_FROM} AS app

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="mowai-arena-service" \
      org.opencontainers.image.source="https://github.com/mowai/mowai"
# Fast-jar layout, layers ordered from least to most often changed.
COPY --from=app --chown=185:0 /app/lib/ /deployments/lib/
COPY --from=app --chown=185:0 /app/app/ /deployments/app/
COPY --from=app --chown=185:0 /app/quarkus/ /deployments/quarkus/
COPY --from=app --chown=185:0 /app/quarkus-run.jar /deployments/quarkus-run.jar
# Named volumes start as a copy of this directory, so they are writable by the service user.
COPY --from=app --chown=185:0 /app/data/ /data/
ENV MOWAI_DATA_DIR=/data \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080
EXPOSE 8080
# The transcript lives here; mount a volume (the root filesystem may be read-only).
VOLUME /data
USER 185:0
WORKDIR /deployments
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-jar", "/deployments/quarkus-run.jar"]
