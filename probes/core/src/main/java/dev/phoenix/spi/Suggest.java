package dev.phoenix.spi;

import java.util.Collection;

/** "did you mean …" hints for misspelt names and keys. */
public final class Suggest {

    private Suggest() {
    }

    /** {@code " (did you mean 'x'?)"} for the closest candidate within a small edit distance, else empty. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(best -> " (did you mean '" + best + "'?)").orElse("");
    }

    /** The closest candidate within a small edit distance, if any. */
    public static java.util.Optional<String> closest(String input, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(input.toLowerCase(java.util.Locale.ROOT), candidate.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int allowed = Math.max(2, input.length() / 3);
        return best != null && bestDistance <= allowed ? java.util.Optional.of(best) : java.util.Optional.empty();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
