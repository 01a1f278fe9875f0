package dev.phoenix.docker;

import dev.phoenix.model.FactFilter;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeFactory;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code docker-inspect}: what the engine says a container was created with and runs as.
 *
 * <pre>{@code
 * probes:
 *   - docker-inspect
 *   - {docker-inspect: {secret-env: ["*_DSN"], secrets: presence, identity-labels: ["build.number"]}}
 * }</pre>
 *
 * <ul>
 *   <li>{@code secret-env}: more variable-name globs whose values are secret (the defaults
 *       already cover names containing PASSWORD, SECRET, TOKEN, KEY, CREDENTIAL, AUTH, ...)</li>
 *   <li>{@code secrets}: {@code hash} (default: a SHA-256 digest, so a change is still seen) or
 *       {@code presence} (only {@code (set)} is recorded)</li>
 *   <li>{@code identity-labels}: label-key globs reported but never compared; by default
 *       Compose's per-replica {@code com.docker.compose.container-number}, the {@code phoenix.*}
 *       labels and the configured chaos opt-in label</li>
 * </ul>
 */
public final class DockerInspectProbeFactory implements ProbeFactory {

    static final List<String> KEYS = List.of("secret-env", "secrets", "identity-labels");
    static final List<String> DEFAULT_IDENTITY_LABELS = List.of("com.docker.compose.container-number", "phoenix.*");

    @Override
    public String name() {
        return "docker-inspect";
    }

    @Override
    public List<String> keys() {
        return KEYS;
    }

    @Override
    public Probe create(ProbeSpec spec, ProviderContext ctx) {
        Settings s = spec.settings().requireKeys(KEYS);
        String mode = s.string("secrets", "hash").toLowerCase(Locale.ROOT);
        SecretEnv.Mode secrets = switch (mode) {
            case "hash" -> SecretEnv.Mode.HASH;
            case "presence" -> SecretEnv.Mode.PRESENCE;
            default -> throw s.child("secrets").error("expected hash or presence, found '" + mode + "'");
        };
        List<String> identity = new ArrayList<>(DEFAULT_IDENTITY_LABELS);
        if (!spec.optIn().label().equals(dev.phoenix.model.ChaosOptIn.DEFAULT_LABEL)) {
            identity.add(spec.optIn().label());   // the default is among phoenix.*
        }
        identity.addAll(s.strings("identity-labels"));
        return new DockerInspectProbe(new SecretEnv(s.strings("secret-env"), secrets), FactFilter.of(identity), ctx);
    }
}
