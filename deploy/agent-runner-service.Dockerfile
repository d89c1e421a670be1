# Agent runner service, JVM image, with the Graal JIT for GraalWasm (without it agents are interpreted,
# roughly 50x slower). Build from the repository root:
#   docker build -f deploy/agent-runner-service.Dockerfile -t mowai/agent-runner-service:0.1.0 .
# Offline: --build-arg APP_FROM=prebuilt (after ./mvnw -pl agent-runner-service package, which also copies
# the compiler jars to target/jit) and --build-arg RUNTIME_IMAGE=localhost/mowai/jre:25
# (deploy/base/build-local-jre-image.sh). The runtime image must contain the jdk.internal.vm.ci module
# (full JREs such as eclipse-temurin:25-jre do; so does the local base).
ARG BUILDER_IMAGE=docker.io/library/eclipse-temurin:25-jdk
ARG RUNTIME_IMAGE=docker.io/library/eclipse-temurin:25-jre
ARG APP_FROM=build

FROM ${BUILDER_IMAGE} AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn/ .mvn/
COPY agent-runner-service/pom.xml agent-runner-service/
RUN ./mvnw -B -q -f agent-runner-service/pom.xml dependency:go-offline || true
COPY agent-runner-service/src/main/ agent-runner-service/src/main/
# the agent world the runtime reads (wit/agent.wit goes onto the class path, see the module's pom)
COPY wit/agent.wit wit/agent.wit
# package copies the Graal compiler jars to target/jit (maven-dependency-plugin, see the module's pom).
RUN ./mvnw -B -q -f agent-runner-service/pom.xml package -DskipTests \
 && mkdir -p /app/data && cp -r agent-runner-service/target/quarkus-app/. /app/ \
 && cp -r agent-runner-service/target/jit /app/jit
COPY personas/ /app/personas/

FROM scratch AS prebuilt
COPY agent-runner-service/target/quarkus-app/ /app/
COPY agent-runner-service/target/jit/ /app/jit/
COPY personas/ /app/personas/
WORKDIR /app/data

FROM ${APP_FROM} AS app

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="mowai-agent-runner-service"
COPY --from=app --chown=185:0 /app/jit/ /deployments/jit/
COPY --from=app --chown=185:0 /app/personas/ /deployments/personas/
COPY --from=app --chown=185:0 /app/lib/ /deployments/lib/
COPY --from=app --chown=185:0 /app/app/ /deployments/app/
COPY --from=app --chown=185:0 /app/quarkus/ /deployments/quarkus/
COPY --from=app --chown=185:0 /app/quarkus-run.jar /deployments/quarkus-run.jar
COPY --from=app --chown=185:0 /app/data/ /data/
ENV MOWAI_DATA_DIR=/data \
    MOWAI_PERSONAS_DIR=/deployments/personas \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8081
EXPOSE 8081
# Uploaded components, agent identities and token hashes live here.
VOLUME /data
USER 185:0
WORKDIR /deployments
# Truffle unpacks its attach library (needed for the optimizing runtime) into a cache under $HOME by
# default; with a read-only root and no home directory it would silently fall back to the interpreter.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", \
  "-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "--upgrade-module-path=/deployments/jit", \
  "-Dpolyglot.engine.userResourceCache=/tmp/polyglot-resources", \
  "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", \
  "-jar", "/deployments/quarkus-run.jar"]
