package dev.phoenix.spi;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Checks a configured {@code http://} or {@code https://} URL, in one place, for every setting
 * that takes one (an AWS endpoint, a static host, an HTTP probe's URL template, a health check).
 *
 * <pre>{@code
 * URI endpoint = HttpUrl.parse(text, "aws.endpoint", " such as http://127.0.0.1:4566");
 * HttpUrl.parse("http://h:99999/", "x", "")   // ConfigException("x", "port must be between 1 and 65535, found 99999 in 'http://h:99999/'")
 * // ConfigException("aws.endpoint", "expected an http:// or https:// URL such as http://127.0.0.1:4566, found 'ftp://x'")
 * }</pre>
 */
public final class HttpUrl {

    private HttpUrl() {
    }

    /**
     * The URL, with a host and an http or https scheme.
     *
     * @param path    the key to blame
     * @param example what to say after "expected an http:// or https:// URL" (e.g. {@code " with a host"}), may be empty
     * @throws ConfigException naming {@code path}, with the parser's reason for a malformed URL
     */
    public static URI parse(String text, String path, String example) {
        URI uri = syntax(text, path, example);
        checkPort(uri, path);
        return uri;
    }

    /** The URL, with a host and an http or https scheme, its port not checked (a template's placeholder stands for one). */
    public static URI syntax(String text, String path, String example) {
        String expected = "expected an http:// or https:// URL" + example + ", found '" + text + "'";
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(path, expected + " (" + e.getReason() + ")");
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new ConfigException(path, expected);
        }
        return uri;
    }

    /** Refuses a port outside 1-65535 ({@code java.net.URI} takes {@code :99999}); no port ({@code -1}) is the scheme's default. */
    public static void checkPort(URI uri, String path) {
        int port = uri.getPort();
        if (port == 0 || port > 65535) {
            throw new ConfigException(path, "port must be between 1 and 65535, found " + port + " in '" + uri + "'");
        }
    }

    /** The same URL with its port made explicit (80 for http, 443 for https). */
    public static URI withPort(URI uri) {
        if (uri.getPort() >= 0) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getScheme().equalsIgnoreCase("https") ? 443 : 80,
                    uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
