# Inference gateway, JVM image. Build from the repository root:
#   docker build -f deploy/inference-gateway.Dockerfile -t mowai/inference-gateway:0.1.0 .
# Offline: --build-arg APP_FROM=prebuilt (after ./mvnw -pl inference-gateway package) and
# --build-arg RUNTIME_IMAGE=localhost/mowai/jre:25 (deploy/base/build-local-jre-image.sh; it has no
# libstdc++, so the embedded llama.cpp backend needs the default eclipse-temurin runtime).
ARG BUILDER_IMAGE=docker.io/library/eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:25-jre
ARG APP_FROM=build

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY inference-gateway/pom.xml inference-gateway/
RUN ./mvnw -B -q -f inference-gateway/pom.xml dependency:go-offline || true
COPY inference-gateway/src/main/ inference-gateway/src/main/
RUN ./mvnw -B -q -f inference-gateway/pom.xml package -DskipTests \
 && mkdir /app && cp -r inference-gateway/target/quarkus-app/. /app/

FROM scratch AS prebuilt
COPY inference-gateway/target/quarkus-app/ /app/

FROM ${APP_FROM} AS app

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="mowai-inference-gateway"
COPY --from=app --chown=185:0 /app/lib/ /deployments/lib/
COPY --from=app --chown=185:0 /app/app/ /deployments/app/
COPY --from=app --chown=185:0 /app/quarkus/ /deployments/quarkus/
COPY --from=app --chown=185:0 /app/quarkus-run.jar /deployments/quarkus-run.jar
ENV QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8082 \
    MOWAI_LLM_BACKEND=ollama
EXPOSE 8082
USER 185:0
WORKDIR /deployments
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
  "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
  "-jar", "/deployments/quarkus-run.jar"]
