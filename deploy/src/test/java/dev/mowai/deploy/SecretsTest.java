package dev.mowai.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The admin secret comes only from the lead's own file, which git never picks up, or from the arena itself:
 * a fresh clone deploys without any file (the arena generates its secret at first start).
 */
class SecretsTest {

    @Test
    void aFreshCloneRendersEveryTargetAndOnlyTheLeadsOwnSecretsNeedTheFile() throws Exception {
        Path copy = Manifests.copyTree(Repo.path("k8s"), Files.createTempDirectory("mowai-k8s-nosecret").resolve("k8s"));
        for (String target : List.of("", "overlays/cpu", "overlays/local")) {
            Commands.Result result = Manifests.kustomize(copy.resolve(target));
            assertTrue(result.ok(), "k8s/" + target + " must render without k8s/secrets/admin.env:\n" + result.output());
            assertFalse(result.output().contains("kind: Secret"), "no Secret without the lead's file");
        }
        Commands.Result own = Manifests.kustomize(copy.resolve("secrets"));
        assertFalse(own.ok(), "k8s/secrets rendered without its admin.env");
        assertTrue(own.output().contains("secrets/admin.env"), "the error must name the missing file:\n" + own.output());
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
