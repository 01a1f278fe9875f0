package dev.phoenix.localstack;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A LocalStack-compatible emulator image and how to start it.
 *
 * <pre>{@code
 * EmulatorImage.resolve("localstack")                  // localstack/localstack:4.4.0, waits for "Ready."
 * EmulatorImage.resolve("floci")                       // floci/floci:1.5.11, waits for its port
 * EmulatorImage.resolve("phoenix/moto-localstack:5.2.5") // any image; LocalStack-style unless named otherwise
 * }</pre>
 *
 * @param image        the Docker image reference
 * @param localStackStyle whether it behaves like LocalStack's image: {@code /usr/local/bin/docker-entrypoint.sh},
 *                     {@code GATEWAY_LISTEN}, a {@code Ready.} line when it answers (LocalStack itself and the
 *                     locally built substitute); otherwise it is started with its own entrypoint and awaited on its port
 */
public record EmulatorImage(String image, boolean localStackStyle) {

    /** LocalStack's image, pinned; recent releases need {@code LOCALSTACK_AUTH_TOKEN}. */
    public static final String LOCALSTACK = "localstack/localstack:4.4.0";
    /** Floci, an MIT-licensed LocalStack-compatible emulator. */
    public static final String FLOCI = "floci/floci:1.5.11";
    /** MiniStack, an MIT-licensed LocalStack-compatible emulator. */
    public static final String MINISTACK = "nahuelnucera/ministack:latest";
    /** The substitute built from local files by {@code .ci/setup.d/50-localstack-image.sh}: moto's server in Debian. */
    public static final String LOCAL = "phoenix/moto-localstack:latest";

    private static final Map<String, EmulatorImage> PRESETS = Map.of(
            "localstack", new EmulatorImage(LOCALSTACK, true),
            "floci", new EmulatorImage(FLOCI, false),
            "ministack", new EmulatorImage(MINISTACK, false),
            "local", new EmulatorImage(LOCAL, true));

    public EmulatorImage {
        Objects.requireNonNull(image, "image");
    }

    /** A preset name ({@code localstack}, {@code floci}, {@code ministack}, {@code local}) or an image reference. */
    public static EmulatorImage resolve(String nameOrImage) {
        EmulatorImage preset = PRESETS.get(nameOrImage.toLowerCase(Locale.ROOT));
        if (preset != null) {
            return preset;
        }
        String lower = nameOrImage.toLowerCase(Locale.ROOT);
        boolean other = lower.startsWith("floci/") || lower.contains("ministack");
        return new EmulatorImage(nameOrImage, !other);
    }

    /** The preset names, for help texts. */
    public static String presets() {
        return "localstack (" + LOCALSTACK + "), floci (" + FLOCI + "), ministack (" + MINISTACK + "), local (" + LOCAL + ")";
    }
}
