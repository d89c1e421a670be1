# Arena relay service, native executable (Quarkus native with Mandrel): starts in tens of milliseconds
# and needs a fraction of the JVM's memory. Needs a registry for the builder and runtime images:
#   docker build -f deploy/arena-service.native.Dockerfile -t mowai/arena-service:0.1.0-native .
# The native build takes several minutes and about 6 GB of memory.
ARG BUILDER_IMAGE=quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25
ARG RUNTIME_IMAGE=quay.io/quarkus/ubi9-quarkus-micro-image:2.0

FROM ${BUILDER_IMAGE} AS build
USER root
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY arena-service/pom.xml arena-service/
COPY arena-service/src/main/ arena-service/src/main/
COPY personas/moderator/ personas/moderator/
RUN chown -R quarkus /src
USER quarkus
RUN ./mvnw -B -q -f arena-service/pom.xml package -DskipTests -Dquarkus.native.enabled=true \
      -Dquarkus.package.jar.enabled=false \
 && mkdir -p /tmp/app/data && cp arena-service/target/*-runner /tmp/app/application

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="mowai-arena-service-native"
COPY --from=build --chown=185:0 --chmod=0755 /tmp/app/application /deployments/application
COPY --from=build --chown=185:0 /tmp/app/data/ /data/
ENV MOWAI_DATA_DIR=/data \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080
EXPOSE 8080
VOLUME /data
USER 185:0
WORKDIR /deployments
ENTRYPOINT ["/deployments/application"]
