package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin secret comes only from the lead's own file, which git never picks up. */
class SecretsTest {

    @Test
    void renderingWithoutTheLeadsSecretFileFailsAndNamesIt() throws Exception {
        Path copy = Manifests.copyTree(Repo.path("k8s"), Files.createTempDirectory("mowai-k8s-nosecret").resolve("k8s"));
        for (String target : List.of("", "overlays/cpu", "overlays/local")) {
            Commands.Result result = Manifests.kustomize(copy.resolve(target));
            assertFalse(result.ok(), target + " rendered without k8s/secrets/admin.env");
            assertTrue(result.output().contains("secrets/admin.env"), "the error must name the missing file:\n" + result.output());
        }
    }

    @Test
    void theLeadsSecretFileIsIgnoredByGitAndTheExampleIsNot() {
        Duration limit = Duration.ofSeconds(20);
        Commands.Result ignored = Commands.run(limit, java.util.Map.of(), Repo.root(),
                List.of("git", "check-ignore", "-q", "k8s/secrets/admin.env"));
        assertTrue(ignored.ok(), "k8s/secrets/admin.env must be git-ignored");
        Commands.Result example = Commands.run(limit, java.util.Map.of(), Repo.root(),
                List.of("git", "check-ignore", "-q", "k8s/secrets/admin.env.example"));
        assertFalse(example.ok(), "the example must stay committed");
        String sample = Repo.read("k8s/secrets/admin.env.example");
        assertTrue(sample.contains("\nMOWAI_ADMIN_SECRET=\n"), "the example carries no usable secret");
    }
}
