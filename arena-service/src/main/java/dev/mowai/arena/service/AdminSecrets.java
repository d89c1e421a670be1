package dev.mowai.arena.service;

import dev.mowai.arena.config.AdminSecretFile;
import dev.mowai.arena.config.ArenaConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;

/** The admin secret of {@code POST /task}, resolved once at start-up (see {@link AdminSecretFile}). */
@Startup
@ApplicationScoped
public class AdminSecrets {

    @Inject
    ArenaConfig config;

    private Optional<String> secret = Optional.empty();

    @PostConstruct
    void resolve() {
        try {
            AdminSecretFile.Resolved r = AdminSecretFile.resolve(config.adminSecret(), config.dataDir());
            secret = Optional.of(r.secret());
            switch (r.source()) {
                case CONFIGURED -> Log.info("admin secret: the configured one (MOWAI_ADMIN_SECRET)");
                case GENERATED -> Log.warnf("no admin secret configured: generated one in %s (print it with `cat %s`;"
                        + " on Kubernetes: kubectl -n mowai exec deploy/arena -- cat /data/%s)",
                        r.file(), r.file(), AdminSecretFile.FILE_NAME);
                case KEPT -> Log.infof("admin secret: the one generated at the first start, in %s", r.file());
            }
        } catch (IOException e) {
            // Fail closed: without a secret POST /task refuses every call and says why.
            Log.errorf("no admin secret configured and none can be kept in %s (%s): task broadcasting is disabled",
                    config.dataDir(), e);
        }
    }

    /** The secret in force; empty when none is configured and none could be generated (fail closed). */
    public Optional<String> current() {
        return secret;
    }
}
