package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JVM Dockerfiles against the services: ports, user, JVM flags, and the runner's JIT. */
class DockerfileTest {

    private static final Pattern ENV_KEY = Pattern.compile("(?:ENV\\s+|\\\\\\n\\s+)([A-Z][A-Z0-9_]*)=");

    private static String dockerfile(MowaiService s) {
        return Repo.read("deploy/" + s.module + ".Dockerfile");
    }

    @ParameterizedTest
    @EnumSource(MowaiService.class)
    void exposesItsPortAndListensThere(MowaiService s) {
        String file = dockerfile(s);
        assertTrue(file.contains("\nEXPOSE " + s.port + "\n"), s.module + " must EXPOSE " + s.port);
        assertTrue(file.contains("QUARKUS_HTTP_PORT=" + s.port), s.module + " must listen on " + s.port);
        assertTrue(file.contains("QUARKUS_HTTP_HOST=0.0.0.0"), s.module + " must listen on every interface");
    }

    @ParameterizedTest
    @EnumSource(MowaiService.class)
    void runsAsANonRootUserFromTheQuarkusFastJar(MowaiService s) {
        String file = dockerfile(s);
        assertTrue(file.contains("\nUSER 185:0\n"), s.module + " runs as user 185");
        assertTrue(file.contains("\"-jar\", \"/deployments/quarkus-run.jar\""), s.module + " starts the fast-jar");
        assertTrue(file.contains("COPY " + s.module + "/target/quarkus-app/ /app/"), s.module + ": prebuilt app path");
        assertTrue(file.contains("--enable-native-access=ALL-UNNAMED") && file.contains("--sun-misc-unsafe-memory-access=allow"),
                s.module + ": the JVM flags of the root pom's mowai.jvm.flags");
        for (String stage : List.of("AS build", "AS prebuilt", "FROM ${APP_FROM} AS app", "FROM ${RUNTIME_IMAGE}")) {
            assertTrue(file.contains(stage), s.module + " lacks the stage " + stage);
        }
    }

    @ParameterizedTest
    @EnumSource(MowaiService.class)
    void sendsOnlyWhatTheBuildNeeds(MowaiService s) {
        String ignore = Repo.read("deploy/" + s.module + ".Dockerfile.dockerignore");
        List<String> rules = ignore.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertTrue(rules.get(0).equals("*"), s.module + ": the ignore file starts from nothing");
        for (String needed : List.of("!mvnw", "!pom.xml", "!.mvn/", "!" + s.module + "/pom.xml",
                "!" + s.module + "/src/main/", "!" + s.module + "/target/quarkus-app/")) {
            assertTrue(rules.contains(needed), s.module + "'s build context lacks " + needed);
        }
    }

    @ParameterizedTest
    @EnumSource(MowaiService.class)
    void setsOnlyKeysTheServiceReads(MowaiService s) {
        List<String> keys = new ArrayList<>();
        Matcher m = ENV_KEY.matcher(dockerfile(s));
        while (m.find()) {
            keys.add(m.group(1));
        }
        assertTrue(keys.contains("QUARKUS_HTTP_PORT"), s.module + ": " + keys);
        for (String key : keys) {
            assertTrue(s.envKeys.contains(key), s.module + "'s Dockerfile sets " + key + ", which the service does not read");
        }
    }

    @org.junit.jupiter.api.Test
    void theRunnerStartsWithTheGraalJitFromItsOwnBuild() {
        String file = dockerfile(MowaiService.RUNNER);
        for (String flag : List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                "--upgrade-module-path=/deployments/jit")) {
            assertTrue(file.contains("\"" + flag + "\""), "runner entrypoint lacks " + flag);
        }
        assertTrue(file.contains("\"-Dpolyglot.engine.userResourceCache=/tmp/polyglot-resources\""),
                "Truffle needs a writable resource cache on a read-only root, or it only interprets");
        assertTrue(file.contains("COPY agent-runner-service/target/jit/ /app/jit/"), "prebuilt JIT jars");
        assertTrue(file.contains("cp -r agent-runner-service/target/jit /app/jit"), "built JIT jars");
        assertTrue(file.contains("COPY --from=app --chown=185:0 /app/jit/ /deployments/jit/"));
        assertTrue(file.contains("COPY personas/ /app/personas/") && file.contains("MOWAI_PERSONAS_DIR=/deployments/personas"),
                "the runner reads the built-in personas from the image");

        // The runner's build must still put the compiler jars where the Dockerfile takes them from.
        String pom = Repo.read("agent-runner-service/pom.xml");
        assertTrue(pom.contains("<mowai.jit.dir>${project.build.directory}/jit</mowai.jit.dir>"), "runner JIT dir moved");
        for (String artifact : List.of("<artifactId>compiler</artifactId>", "<artifactId>truffle-compiler</artifactId>",
                "<artifactId>collections</artifactId>", "<artifactId>word</artifactId>")) {
            assertTrue(pom.contains(artifact), "the runner's JIT copy lacks " + artifact);
        }
    }
}
